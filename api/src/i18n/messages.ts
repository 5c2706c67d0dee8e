// The one message catalogue of the API's human-readable texts (DESIGN.md "Language"): zh-CN by
// default, English when the caller's Accept-Language prefers it. Machine codes stay English.

export const MESSAGES = {
  ok: { zh: '操作成功', en: 'OK' },
  created: { zh: '创建成功', en: 'Created' },
  badRequest: { zh: '请求格式错误', en: 'Malformed request' },
  authRequired: { zh: '未提供认证凭据', en: 'Authentication required' },
  authInvalid: { zh: '认证凭据无效或已过期', en: 'Invalid or expired credentials' },
  forbidden: { zh: '权限不足', en: 'Permission denied' },
  notFound: { zh: '资源不存在', en: 'Not found' },
  conflict: { zh: '当前状态不允许该操作', en: 'The current state does not allow this operation' },
  deadLetterAlreadyReplayed: { zh: '该死信已重放', en: 'This dead letter was already replayed' },
  taskStateConflict: { zh: '任务当前状态不允许该操作', en: 'The task\'s current status does not allow this action' },
  idempotencyInProgress: { zh: '相同幂等键的请求正在处理中', en: 'A request with this Idempotency-Key is still being processed' },
  idempotencyKeyReused: { zh: '幂等键已用于不同的请求', en: 'This Idempotency-Key was used for a different request' },
  payloadTooLarge: { zh: '请求体过大', en: 'Request body too large' },
  unsupportedMediaType: { zh: '不支持的内容类型', en: 'Unsupported content type' },
  validationFailed: { zh: '参数校验失败', en: 'Validation failed' },
  rateLimited: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests, retry later' },
  internal: { zh: '系统内部错误', en: 'Internal error' },
  unavailable: { zh: '服务暂不可用', en: 'Service unavailable' },
  keyShownOnce: { zh: '该密钥已创建，密钥明文仅显示一次', en: 'This key was already created; its secret is shown only once' },
} as const;

export type MessageKey = keyof typeof MESSAGES;
export type Lang = 'zh' | 'en';

/** zh unless the caller ranks English above Chinese (q-values honoured, order breaks ties). */
export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh';
  let best: { lang: Lang; q: number } | null = null;
  for (const part of acceptLanguage.split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1');
    const lang: Lang | null = tag.startsWith('en') ? 'en' : tag.startsWith('zh') ? 'zh' : null;
    if (lang && Number.isFinite(q) && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'zh';
}

export function message(key: MessageKey, lang: Lang): string {
  return MESSAGES[key][lang];
}
