// Deterministic stand-in for a call transcript: a short two-party Chinese conversation
// ("客服：…\n客户：…") whose customer lines carry the hidden intent level the simulator chose,
// in the phrases a keyword analyser looks for. The level is returned too, so tests can check
// that the analyser recovers it.
import { pickWeighted, uniformInt, type Rng } from '../domain/rng.js';

export type IntentLevel = 'high' | 'medium' | 'low' | 'negative';

/** How often each level occurs among answered simulated calls. */
export const INTENT_WEIGHTS: Readonly<Record<IntentLevel, number>> = { high: 0.2, medium: 0.3, low: 0.3, negative: 0.2 };

const pick = <T>(rng: Rng, items: readonly T[]): T => items[uniformInt(rng, 0, items.length - 1)]!;

const COMPANIES = ['星辰教育', '安居家装', '盛泰保险', '优鲜到家', '云帆财税'] as const;
const PRODUCTS = ['暑期编程课程', '全屋整装套餐', '家庭保障计划', '企业团购服务', '代理记账服务'] as const;

const CUSTOMER_LINES: Readonly<Record<IntentLevel, readonly string[]>> = {
  high: [
    '这个价格是多少钱？有没有优惠？',
    '我挺感兴趣的，你们可以发资料给我看看吗？',
    '可以，加微信详细聊吧，我想了解一下合作方式。',
    '我们公司正好有这个需求，价格合适的话可以合作。',
  ],
  medium: [
    '嗯，我考虑一下吧。',
    '现在有点忙，以后再说吧。',
    '听起来还行，我要和家里人商量考虑一下。',
  ],
  low: [
    '哦，是这样啊。',
    '嗯，我知道了。',
    '你说的这个我之前好像听过。',
  ],
  negative: [
    '不需要，谢谢。',
    '我没兴趣，别打了。',
    '不需要，以后别打了，再打我就投诉了。',
  ],
};

export interface FakeTranscript {
  level: IntentLevel;
  text: string;
}

export function fakeTranscript(rng: Rng): FakeTranscript {
  const level = pickWeighted(rng, INTENT_WEIGHTS);
  const company = pick(rng, COMPANIES);
  const product = pick(rng, PRODUCTS);
  const lines = [
    `客服：您好，我是${company}的客服，想占用您一分钟介绍一下我们的${product}。`,
    `客户：${pick(rng, CUSTOMER_LINES[level])}`,
    `客服：好的，我们最近有活动，${product}可以免费试用一个月。`,
    `客户：${pick(rng, CUSTOMER_LINES[level])}`,
    level === 'negative' ? '客服：好的，打扰您了，祝您生活愉快。' : '客服：好的，稍后我把详细信息发给您，感谢您的时间。',
  ];
  return { level, text: `${lines.join('\n')}\n` };
}
