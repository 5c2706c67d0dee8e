// Supervisor dashboard: a plain ES module, no build step, no external resources (the machine
// may be offline). Signs in with an API key (exchanged for a short-lived token; the key is not
// kept) or a token, keeps the token in sessionStorage, and follows the tenant topic of the live
// hub (docs/live-protocol.md): snapshot, then deltas merged by the protocol's rules.
// The state functions are pure and exported, so they can be tested without a browser.

// ---------------------------------------------------------------------------------------------
// Messages: one catalogue, zh-CN by default.
// ---------------------------------------------------------------------------------------------

export const MESSAGES = {
  'zh-CN': {
    title: '存客 · 实时监控', otherLanguage: 'English', logout: '退出',
    loginTitle: '登录', loginHint: '粘贴 API 密钥（ck_…）或访问令牌（ck1.…）。密钥只用于换取令牌，不会保存在浏览器中。',
    credentialLabel: 'API 密钥或令牌', loginSubmit: '进入监控',
    devicesOnline: '在线设备', devicesOffline: '离线设备', devicesInCall: '通话中设备', callsInProgress: '进行中的通话',
    tasks: '任务', task: '任务', dialed: '已拨打', connected: '已接通', connectRate: '接通率', avgTalk: '平均通话时长',
    devices: '设备', device: '设备', presence: '在线状态', line: '线路', battery: '电量', signal: '信号', lastSeen: '最后活动',
    phone: '号码', phase: '状态', started: '开始', finishedCalls: '已结束的通话',
    noTasks: '暂无任务数据', noCalls: '当前没有通话', noDevices: '暂无设备', noFinished: '暂无已结束的通话',
    tenant: '租户', noTask: '（无任务）',
    'status.idle': '未连接', 'status.connecting': '连接中…', 'status.live': '实时', 'status.resyncing': '重新同步…', 'status.offline': '连接中断，正在重连…',
    'presence.ONLINE': '在线', 'presence.OFFLINE': '离线', 'presence.UNKNOWN': '未知',
    'line.IDLE': '空闲', 'line.DIALING': '拨号中', 'line.RINGING': '振铃中', 'line.IN_CALL': '通话中', 'line.UNSPECIFIED': '未知', 'line.UNKNOWN': '未知',
    'phase.1': '拨号中', 'phase.2': '振铃中', 'phase.3': '通话中', 'phase.4': '已挂断', 'phase.5': '已结束',
    'result.ANSWERED': '已接通', 'result.NO_ANSWER': '未接听', 'result.BUSY': '忙线', 'result.REJECTED': '拒接',
    'result.INVALID_NUMBER': '空号', 'result.CANCELLED': '已取消', 'result.FAILED': '失败',
    'error.401': '密钥或令牌无效、已过期或已被吊销。', 'error.403': '该密钥没有实时监控权限（live:view）。',
    'error.network': '无法连接服务器，请稍后再试。', 'error.other': '登录失败（{status}）。',
    'error.expired': '会话已过期，请重新登录。', 'error.revoked': '密钥已失效或已被吊销，请重新登录。',
  },
  en: {
    title: 'Cunke · Live', otherLanguage: '中文', logout: 'Sign out',
    loginTitle: 'Sign in', loginHint: 'Paste an API key (ck_…) or a token (ck1.…). A key is only exchanged for a token and never stored in the browser.',
    credentialLabel: 'API key or token', loginSubmit: 'Open live view',
    devicesOnline: 'Devices online', devicesOffline: 'Devices offline', devicesInCall: 'Devices in a call', callsInProgress: 'Calls in progress',
    tasks: 'Tasks', task: 'Task', dialed: 'Dialed', connected: 'Connected', connectRate: 'Connect rate', avgTalk: 'Avg. talk time',
    devices: 'Devices', device: 'Device', presence: 'Presence', line: 'Line', battery: 'Battery', signal: 'Signal', lastSeen: 'Last seen',
    phone: 'Number', phase: 'State', started: 'Started', finishedCalls: 'Finished calls',
    noTasks: 'No task data yet', noCalls: 'No calls right now', noDevices: 'No devices yet', noFinished: 'No finished calls yet',
    tenant: 'Tenant', noTask: '(no task)',
    'status.idle': 'Not connected', 'status.connecting': 'Connecting…', 'status.live': 'Live', 'status.resyncing': 'Resyncing…', 'status.offline': 'Connection lost, reconnecting…',
    'presence.ONLINE': 'Online', 'presence.OFFLINE': 'Offline', 'presence.UNKNOWN': 'Unknown',
    'line.IDLE': 'Idle', 'line.DIALING': 'Dialing', 'line.RINGING': 'Ringing', 'line.IN_CALL': 'In call', 'line.UNSPECIFIED': 'Unknown', 'line.UNKNOWN': 'Unknown',
    'phase.1': 'Dialing', 'phase.2': 'Ringing', 'phase.3': 'Talking', 'phase.4': 'Hung up', 'phase.5': 'Ended',
    'result.ANSWERED': 'Answered', 'result.NO_ANSWER': 'No answer', 'result.BUSY': 'Busy', 'result.REJECTED': 'Rejected',
    'result.INVALID_NUMBER': 'Invalid number', 'result.CANCELLED': 'Cancelled', 'result.FAILED': 'Failed',
    'error.401': 'The key or token is invalid, expired or revoked.', 'error.403': 'This key may not open the live view (live:view).',
    'error.network': 'Cannot reach the server; try again shortly.', 'error.other': 'Sign-in failed ({status}).',
    'error.expired': 'Your session expired; sign in again.', 'error.revoked': 'Your key is no longer valid (revoked or disabled); sign in again.',
  },
};

// ---------------------------------------------------------------------------------------------
// Live state (pure).
// ---------------------------------------------------------------------------------------------

const BUSY_LINES = new Set(['DIALING', 'RINGING', 'IN_CALL']);
const MAX_FINISHED = 50;
const MAX_CALLS = 5000;

/** Feed ids are "<ms>-<seq>": compare as numbers. */
export function compareIds(a, b) {
  const [am, as = '0'] = String(a).split('-');
  const [bm, bs = '0'] = String(b).split('-');
  const d = Number(am) - Number(bm);
  if (d !== 0) return d < 0 ? -1 : 1;
  const s = Number(as) - Number(bs);
  return s === 0 ? 0 : s < 0 ? -1 : 1;
}

export function createState() {
  return { snapshotId: null, devices: new Map(), tasks: new Map(), calls: new Map(), finished: [] };
}

/** The result a finished call shows, by the warehouse's rule (dwd_call_record_v status). */
export function callResult(ended, answered) {
  if (answered || (ended.talkMs ?? 0) > 0) return 'ANSWERED';
  switch (ended.cause) {
    case 'NO_ANSWER': return 'NO_ANSWER';
    case 'USER_BUSY': return 'BUSY';
    case 'CALL_REJECTED': return 'REJECTED';
    case 'INVALID_NUMBER': return 'INVALID_NUMBER';
    case 'CANCELLED': return 'CANCELLED';
    default: return 'FAILED';
  }
}

function rememberCall(state, callId, fields) {
  const known = state.calls.get(callId);
  if (known) {
    state.calls.delete(callId); // re-insert: the map's order is recency
    state.calls.set(callId, Object.assign(known, fields, { phase: Math.max(known.phase ?? 0, fields.phase ?? 0) }));
  } else {
    state.calls.set(callId, { callId, ...fields });
    if (state.calls.size > MAX_CALLS) state.calls.delete(state.calls.keys().next().value);
  }
}

function addFinished(state, ended) {
  if (state.finished.some((f) => f.callId === ended.callId)) return;
  const answered = state.calls.get(ended.callId)?.answered === true;
  const item = {
    callId: ended.callId, deviceId: ended.deviceId, taskId: ended.taskId, phoneMasked: ended.phoneMasked,
    deviceTimeMs: ended.deviceTimeMs, talkMs: ended.talkMs ?? 0, totalMs: ended.totalMs ?? 0, result: callResult(ended, answered),
  };
  // Newest first by device time: a late event slots in where it belongs.
  const at = state.finished.findIndex((f) => f.deviceTimeMs < item.deviceTimeMs);
  if (at < 0) state.finished.push(item);
  else state.finished.splice(at, 0, item);
  if (state.finished.length > MAX_FINISHED) state.finished.length = MAX_FINISHED;
}

/** Starts over from a snapshot of the `tenant` topic. */
export function applySnapshot(state, snapshot) {
  const fresh = createState();
  fresh.snapshotId = snapshot.id;
  for (const d of snapshot.data.devices) fresh.devices.set(d.deviceId, { ...d });
  for (const t of snapshot.data.tasks) fresh.tasks.set(t.taskId, { ...t });
  for (const c of snapshot.data.calls) {
    rememberCall(fresh, c.callId, { deviceId: c.deviceId, taskId: c.taskId, phoneMasked: c.phoneMasked, phase: c.phase, startedAt: c.dialingAt ?? c.ringingAt, answered: c.answeredAt !== undefined });
  }
  for (const f of [...snapshot.data.finished].reverse()) addFinished(fresh, f);
  Object.assign(state, fresh);
  return state;
}

/** Applies one delta of the `tenant` topic (deltas at or before the snapshot are ignored). */
export function applyDelta(state, delta) {
  if (state.snapshotId === null || compareIds(delta.id, state.snapshotId) <= 0) return state;
  switch (delta.t) {
    case 'device': {
      const d = state.devices.get(delta.deviceId) ?? { deviceId: delta.deviceId, lastSeenMs: 0 };
      d.lastSeenMs = Math.max(d.lastSeenMs ?? 0, delta.lastSeenMs ?? 0);
      // A group replaces ours when its clock is >= ours (ties win), as Redis merged it.
      for (const group of ['line', 'health', 'presence']) {
        const incoming = delta[group];
        if (incoming && (!d[group] || incoming.clock >= d[group].clock)) d[group] = incoming;
      }
      state.devices.set(delta.deviceId, d);
      break;
    }
    case 'call': {
      const fields = { deviceId: delta.deviceId, taskId: delta.taskId, phoneMasked: delta.phoneMasked, phase: delta.phase };
      if (delta.step === 'dialing') fields.startedAt = delta.deviceTimeMs;
      if (delta.step === 'answered') fields.answered = true;
      rememberCall(state, delta.callId, fields);
      if (delta.step === 'ended') addFinished(state, delta);
      break;
    }
    case 'task': {
      const { id, t, ...counters } = delta;
      state.tasks.set(delta.taskId, counters);
      break;
    }
    default:
      break; // a kind this page does not know yet
  }
  return state;
}

/** The numbers the page shows. */
export function summarize(state) {
  const devices = [...state.devices.values()].sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1));
  const online = devices.filter((d) => d.presence?.state === 'ONLINE');
  // A device that vanished mid-call (crash) keeps its last line state: count online devices only.
  const busy = online.filter((d) => BUSY_LINES.has(d.line?.state) && d.line.callId);
  const activeCalls = busy.map((d) => ({ deviceId: d.deviceId, lineState: d.line.state, ...(state.calls.get(d.line.callId) ?? {}), callId: d.line.callId }));
  const tasks = [...state.tasks.values()].sort((a, b) => (a.taskId < b.taskId ? -1 : 1)).map((t) => ({
    ...t,
    connectRate: t.dialed > 0 ? t.connected / t.dialed : null,
    avgTalkMs: t.talkCalls > 0 ? t.talkMs / t.talkCalls : null,
  }));
  return {
    devicesOnline: online.length, devicesOffline: devices.length - online.length, devicesInCall: busy.length,
    callsInProgress: activeCalls.length, devices, activeCalls, tasks, finished: state.finished,
  };
}

// ---------------------------------------------------------------------------------------------
// Everything below runs in the browser only.
// ---------------------------------------------------------------------------------------------

const SESSION_KEY = 'cunke.live.session';
const LANG_KEY = 'cunke.lang';
let lang = 'zh-CN';

function t(key, vars = {}) {
  const text = MESSAGES[lang]?.[key] ?? MESSAGES['zh-CN'][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
}

const $ = (id) => document.getElementById(id);
const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    if (k === 'class') node.className = v;
    else node.setAttribute(k, String(v));
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function formatDuration(ms) {
  if (ms === null || ms === undefined) return '—';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function formatTime(ms) {
  if (!ms) return '—';
  return new Date(ms).toLocaleTimeString(lang === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
}

function lineKey(state) {
  return `line.${state && MESSAGES['zh-CN'][`line.${state}`] ? state : 'UNKNOWN'}`;
}

// --- session ----------------------------------------------------------------------------

function loadSession() {
  try {
    const s = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null');
    if (s && s.token && (!s.expiresAt || s.expiresAt > Date.now())) return s;
  } catch { /* a damaged entry is as good as none */ }
  sessionStorage.removeItem(SESSION_KEY);
  return null;
}

/** Expiry of a token from its claims (ck1.<base64url JSON>.<sig>); null when unreadable. */
function tokenExpiry(token) {
  try {
    const body = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(body));
    return typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}

class LoginError extends Error {
  constructor(key, vars) {
    super(key);
    this.key = key;
    this.vars = vars;
  }
}

function statusError(status) {
  return new LoginError(status === 401 ? 'error.401' : status === 403 ? 'error.403' : 'error.other', { status });
}

async function signIn(credential) {
  const headers = { authorization: `Bearer ${credential}`, 'accept-language': lang };
  if (credential.startsWith('ck1.')) {
    let me;
    try {
      me = await fetch('/api/v1/auth/me', { headers });
    } catch {
      throw new LoginError('error.network');
    }
    if (!me.ok) throw statusError(me.status);
    const body = await me.json();
    const defaultLive = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.hostname}:8081/live`;
    return { token: credential, expiresAt: tokenExpiry(credential), liveUrl: defaultLive, tenantId: body.data?.tenantId ?? '' };
  }
  let res;
  try {
    res = await fetch('/api/v1/auth/tokens', { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}' });
  } catch {
    throw new LoginError('error.network');
  }
  if (!res.ok) throw statusError(res.status);
  const { data } = await res.json();
  return { token: data.token, expiresAt: Date.parse(data.expiresAt), liveUrl: data.liveUrl, tenantId: data.tenantId };
}

// --- live connection --------------------------------------------------------------------

/** One WebSocket to the hub, reconnected with capped exponential backoff and jitter. */
class LiveConnection {
  constructor(session, handlers) {
    this.session = session;
    this.handlers = handlers;
    this.ws = null;
    this.attempts = 0;
    this.failedOpens = 0;
    this.stopped = false;
    this.timer = null;
    this.heartbeat = null;
    this.lastMessageAt = 0;
  }

  start() {
    this.connect();
    // Browsers see no close event when a network path silently dies: ping, and give up on silence.
    this.heartbeat = setInterval(() => {
      if (this.ws?.readyState !== WebSocket.OPEN) return;
      if (Date.now() - this.lastMessageAt > 70_000) this.ws.close();
      else this.ws.send(JSON.stringify({ op: 'ping', ref: String(Date.now()) }));
    }, 25_000);
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.heartbeat);
    this.ws?.close(1000);
  }

  connect() {
    this.handlers.status('connecting');
    let opened = false;
    const ws = new WebSocket(this.session.liveUrl, [`bearer.${this.session.token}`, 'cunke.live.v1']);
    this.ws = ws;
    ws.onopen = () => {
      opened = true;
      this.failedOpens = 0;
      this.lastMessageAt = Date.now();
      ws.send(JSON.stringify({ op: 'subscribe', topic: 'tenant' }));
    };
    ws.onmessage = (event) => {
      this.lastMessageAt = Date.now();
      let msg;
      try {
        msg = JSON.parse(event.data);
      } catch {
        return;
      }
      if (msg.type === 'snapshot') this.attempts = 0;
      this.handlers.message(msg);
    };
    ws.onclose = (event) => {
      if (this.stopped || ws !== this.ws) return;
      if (event.code === 4001) return this.handlers.ended('error.expired');
      if (event.code === 4401) return this.handlers.ended('error.revoked');
      if (event.code === 4403) return this.handlers.ended('error.403');
      if (this.session.expiresAt && this.session.expiresAt <= Date.now()) return this.handlers.ended('error.expired');
      if (!opened && ++this.failedOpens >= 3) {
        // A refused upgrade looks like this in a browser: ask the API whether the token still works.
        this.handlers.check().then((ok) => (ok ? this.retry() : this.handlers.ended('error.revoked')));
        return;
      }
      this.retry();
    };
  }

  retry() {
    this.handlers.status('offline');
    const delay = Math.min(30_000, 500 * 2 ** this.attempts++) * (0.5 + Math.random() / 2);
    this.timer = setTimeout(() => this.connect(), delay);
  }
}

// --- rendering --------------------------------------------------------------------------

let live = null;
let state = createState();
let renderTimer = null;
let expiryTimer = null;
let statusState = 'idle';
let tenantId = '';

function setStatus(s) {
  statusState = s;
  const node = byTestId('connection-status');
  node.dataset.state = s;
  node.textContent = t(`status.${s}`);
}

function scheduleRender() {
  if (renderTimer) return;
  renderTimer = setTimeout(() => {
    renderTimer = null;
    render();
  }, 100);
}

function setNumber(testId, value) {
  const node = byTestId(testId);
  node.textContent = String(value);
  node.dataset.value = String(value);
}

function fill(bodyId, emptyId, rows) {
  $(bodyId).replaceChildren(...rows);
  $(emptyId).hidden = rows.length > 0;
}

function render() {
  const s = summarize(state);
  setNumber('devices-online', s.devicesOnline);
  setNumber('devices-offline', s.devicesOffline);
  setNumber('devices-in-call', s.devicesInCall);
  setNumber('calls-in-progress', s.callsInProgress);

  fill('tasks-body', 'tasks-empty', s.tasks.map((task) => el('tr', { 'data-testid': `task-${task.taskId}` },
    el('td', {}, task.taskId),
    el('td', { class: 'num', 'data-testid': `task-${task.taskId}-dialed`, 'data-value': task.dialed }, task.dialed),
    el('td', { class: 'num', 'data-testid': `task-${task.taskId}-connected`, 'data-value': task.connected }, task.connected),
    el('td', { class: 'num', 'data-testid': `task-${task.taskId}-connect-rate`, 'data-value': task.connectRate ?? '' },
      task.connectRate === null ? '—' : `${(task.connectRate * 100).toFixed(1)}%`),
    el('td', { class: 'num', 'data-testid': `task-${task.taskId}-avg-talk`, 'data-value': task.avgTalkMs ?? '' },
      formatDuration(task.avgTalkMs)),
  )));

  fill('calls-body', 'calls-empty', s.activeCalls.map((c) => el('tr', { 'data-testid': 'active-call', 'data-call-id': c.callId },
    el('td', {}, c.deviceId),
    el('td', { class: 'phone' }, c.phoneMasked ?? '—'),
    el('td', {}, c.taskId || t('noTask')),
    el('td', {}, el('span', { class: `pill ${String(c.lineState).toLowerCase().replace('_', '-')}` }, t(lineKey(c.lineState)))),
    el('td', {}, formatTime(c.startedAt)),
  )));

  fill('devices-body', 'devices-empty', s.devices.map((d) => {
    const presence = d.presence?.state ?? 'UNKNOWN';
    return el('tr', { 'data-testid': `device-${d.deviceId}` },
      el('td', {}, d.deviceId),
      el('td', {}, el('span', { class: `pill ${presence.toLowerCase()}` }, t(`presence.${presence}`))),
      el('td', {}, t(lineKey(d.line?.state))),
      el('td', { class: 'num' }, d.health ? `${d.health.batteryPct}%${d.health.charging ? ' ⚡' : ''}` : '—'),
      el('td', { class: 'num' }, d.health ? `${'▮'.repeat(d.health.signalLevel)}${'▯'.repeat(Math.max(0, 4 - d.health.signalLevel))}${d.health.signalDbm ? ` ${d.health.signalDbm} dBm` : ''}` : '—'),
      el('td', {}, formatTime(d.lastSeenMs)),
    );
  }));

  $('finished').replaceChildren(...s.finished.map((f) => el('li', { 'data-testid': 'finished-call', 'data-call-id': f.callId, 'data-result': f.result, 'data-talk-ms': f.talkMs },
    el('span', { class: 'time' }, formatTime(f.deviceTimeMs)),
    el('span', { class: 'phone' }, f.phoneMasked || '—'),
    el('span', {}, el('span', { class: `pill ${f.result === 'ANSWERED' ? 'answered' : f.result === 'BUSY' ? 'busy' : 'failed'}` }, t(`result.${f.result}`))),
    el('span', { class: 'duration' }, formatDuration(f.talkMs)),
    el('span', { class: 'device' }, `${f.deviceId} · ${f.taskId || t('noTask')}`),
  )));
  $('finished-empty').hidden = s.finished.length > 0;
}

function renderTenant() {
  const node = byTestId('tenant');
  node.textContent = tenantId ? `${t('tenant')}: ${tenantId}` : '';
  node.hidden = !tenantId;
}

function applyLanguage() {
  document.documentElement.lang = lang;
  document.title = t('title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  $('lang-toggle').textContent = t('otherLanguage');
  setStatus(statusState);
  renderTenant();
  render();
}

// --- flow -------------------------------------------------------------------------------

function onMessage(msg) {
  switch (msg.type) {
    case 'hello':
      tenantId = msg.tenantId;
      renderTenant();
      break;
    case 'snapshot':
      if (msg.topic !== 'tenant') break;
      applySnapshot(state, msg);
      setStatus('live');
      scheduleRender();
      break;
    case 'deltas':
      if (msg.topic !== 'tenant') break;
      for (const d of msg.deltas) applyDelta(state, d);
      scheduleRender();
      break;
    case 'resync':
      // Fresh snapshots follow; until then nothing on this topic is applied.
      state.snapshotId = null;
      setStatus('resyncing');
      break;
    case 'error':
      console.warn('live hub error', msg.code, msg.message);
      if (msg.code === 'LIVE_ERR_UNAVAILABLE' && msg.topic === 'tenant') live?.ws?.close();
      break;
    default:
      break;
  }
}

function showLogin(messageKey) {
  live?.stop();
  live = null;
  clearTimeout(expiryTimer);
  sessionStorage.removeItem(SESSION_KEY);
  state = createState();
  $('live').hidden = true;
  $('logout').hidden = true;
  tenantId = '';
  renderTenant();
  $('login').hidden = false;
  setStatus('idle');
  const error = $('login-error');
  error.hidden = !messageKey;
  error.textContent = messageKey ? t(messageKey) : '';
  if (messageKey) error.dataset.key = messageKey;
}

function showLive(session) {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  $('login').hidden = true;
  $('live').hidden = false;
  $('logout').hidden = false;
  state = createState();
  render();
  live = new LiveConnection(session, {
    message: onMessage,
    status: setStatus,
    ended: (key) => showLogin(key),
    check: async () => {
      try {
        const r = await fetch('/api/v1/auth/me', { headers: { authorization: `Bearer ${session.token}` } });
        return r.status !== 401 && r.status !== 403;
      } catch {
        return true; // the API is unreachable, not a verdict on the token
      }
    },
  });
  live.start();
  clearTimeout(expiryTimer);
  if (session.expiresAt) expiryTimer = setTimeout(() => showLogin('error.expired'), Math.max(0, session.expiresAt - Date.now()));
}

function start() {
  const saved = localStorage.getItem(LANG_KEY);
  lang = saved && MESSAGES[saved] ? saved : 'zh-CN';
  applyLanguage();
  $('lang-toggle').addEventListener('click', () => {
    lang = lang === 'zh-CN' ? 'en' : 'zh-CN';
    localStorage.setItem(LANG_KEY, lang);
    applyLanguage();
    const error = $('login-error');
    if (!error.hidden && error.dataset.key) error.textContent = t(error.dataset.key);
  });
  $('logout').addEventListener('click', () => showLogin(null));
  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = $('credential');
    const credential = input.value.trim();
    const button = byTestId('login-submit');
    button.disabled = true;
    try {
      const session = await signIn(credential);
      input.value = '';
      $('login-error').hidden = true;
      showLive(session);
    } catch (err) {
      const error = $('login-error');
      const key = err instanceof LoginError ? err.key : 'error.network';
      error.textContent = t(key, err.vars);
      error.dataset.key = key;
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
  const session = loadSession();
  if (session) showLive(session);
  else showLogin(null);
}

if (typeof document !== 'undefined') start();
