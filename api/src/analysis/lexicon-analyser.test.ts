import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateTenantRules } from './analyser.js';
import { analyseTranscript, customerLines, frequentTerms, mergeRules, parseTranscript, scanLine } from './lexicon-analyser.js';

const analyse = (transcript: string, tenantRules = {}) => analyseTranscript({ transcript, language: 'zh-CN', tenantRules });

test('a customer asking the price and for WeChat is high intent, positive', () => {
  const r = analyse('客服：您好，我是云客科技的小王，想跟您介绍一下我们的新产品。\n客户：哦，这个多少钱？\n客服：基础版每年三千。\n客户：好的，那你加微信发我资料吧。');
  assert.equal(r.intentionLevel, 'HIGH');
  assert.equal(r.intention, '高意向');
  assert.ok(r.intentionScore >= 0.7 && r.intentionScore <= 1);
  assert.equal(r.sentiment, 'POSITIVE');
  assert.deepEqual(r.keywords, ['多少钱', '加微信']);
  assert.match(r.summary, /^客户高意向/);
  assert.match(r.summary, /加微信/);
});

test('the agent saying the intent phrases does not make the customer interested', () => {
  const r = analyse('客服：我们的价格很优惠，感兴趣的话可以加微信合作。\n客户：嗯。\n客服：那我发资料给您？\n客户：再见。');
  assert.equal(r.intentionLevel, 'LOW');
  assert.equal(r.sentiment, 'NEUTRAL');
});

test('negation: 不感兴趣 / 没什么兴趣 / 别发资料 are refusals, not interest', () => {
  for (const line of ['我不感兴趣', '我对这个没什么兴趣', '别发资料了', '不想了解']) {
    const r = analyse(`客服：您好\n客户：${line}`);
    assert.equal(r.intentionLevel, 'LOW', line);
    assert.ok(r.intentionScore < 0.2, `${line}: ${r.intentionScore}`);
  }
  const hits = scanLine('别发资料了', mergeRules({}).intent, ['别']);
  assert.deepEqual(hits.map((h) => [h.phrase, h.negated, h.weight]), [['发资料', true, -3]]);
});

test('a negator in an earlier clause does not reach a later cue', () => {
  const r = analyse('客户：不是，我是问价格是多少');
  assert.equal(r.intentionLevel, 'HIGH');
});

test('mixed signals: early interest then a final refusal ends low; hesitation is medium', () => {
  const r = analyse('客户：你们价格怎么样？\n客服：很便宜。\n客户：算了，不需要，别打了。');
  assert.equal(r.intentionLevel, 'LOW');
  assert.equal(r.sentiment, 'NEGATIVE');
  assert.match(r.summary, /拒绝信号：不需要、别打了/);
  const m = analyse('客服：要不要了解一下？\n客户：我考虑一下吧。');
  assert.equal(m.intentionLevel, 'MEDIUM');
  assert.equal(m.intention, '中意向');
  // The last word weighs more: a price question then "too expensive" is not a lead.
  assert.equal(analyse('客户：多少钱？\n客户：太贵了。').intentionLevel, 'LOW');
  assert.equal(analyse('客户：太贵了。\n客户：那多少钱能做？').intentionLevel, 'HIGH');
});

test('transcripts without speaker labels are taken as the customer speaking', () => {
  assert.deepEqual(customerLines(parseTranscript('想了解合作\n多少钱')), ['想了解合作', '多少钱']);
  assert.equal(analyse('想了解合作，多少钱').intentionLevel, 'HIGH');
  assert.deepEqual(parseTranscript('客服: 你好\n客户:喂').map((u) => u.speaker), ['AGENT', 'CUSTOMER']);
});

test('an empty transcript is low and neutral with a summary saying so', () => {
  const r = analyse('  \n ');
  assert.equal(r.intentionLevel, 'LOW');
  assert.equal(r.sentiment, 'NEUTRAL');
  assert.deepEqual(r.keywords, []);
  assert.equal(r.transcription, '');
  assert.match(r.summary, /无有效通话内容/);
});

test('deterministic: the same input gives the same result', () => {
  const t = '客服：您好\n客户：你们合作模式是怎样的，价格多少钱，发资料给我看看，我考虑一下。';
  assert.deepEqual(analyse(t), analyse(t));
});

test('frequent two-character terms become keywords after the lexicon hits', () => {
  assert.deepEqual(frequentTerms('保险，保险，理赔，理赔，理赔', 5), ['理赔', '保险']);
  const r = analyse('客户：车险续保的事，续保要多久？续保能便宜吗？');
  assert.ok(r.keywords.includes('续保'), r.keywords.join(','));
});

test('tenant rules add phrases, remove defaults (weight 0) and move thresholds', () => {
  const t = '客户：我要办理分期。';
  assert.equal(analyse(t).intentionLevel, 'LOW');
  assert.equal(analyse(t, { intent: { 办理分期: 3 } }).intentionLevel, 'HIGH');
  assert.equal(analyse('客户：再说吧', { intent: { 再说: 0 } }).intentionLevel, 'LOW');
  assert.equal(analyse('客户：多少钱', { highThreshold: 0.95 }).intentionLevel, 'MEDIUM');
  assert.ok(mergeRules({ highThreshold: 0.3 }).mediumThreshold < 0.3);
});

test('tenant rules are validated with every problem listed', () => {
  assert.equal(validateTenantRules({ intent: { 分期: 2 }, highThreshold: 0.8 }).ok, true);
  const bad = validateTenantRules({ intent: { '': 2, 分期: 99 }, sentiment: [], highThreshold: 0.5, mediumThreshold: 0.6, extra: 1 });
  assert.equal(bad.ok, false);
  if (!bad.ok) {
    assert.deepEqual(bad.problems.map((p) => p.field).sort(), ['body.extra', 'body.intent.', 'body.intent.分期', 'body.mediumThreshold', 'body.sentiment'].sort());
  }
  assert.equal(validateTenantRules([]).ok, false);
});

test('property: score stays in [0, 1], the agent\'s lines never move it, and negating a positive cue never raises it', async () => {
  const fc = (await import('fast-check')).default;
  const rules = mergeRules({});
  const cues = Object.keys(rules.intent);
  const filler = fc.constantFrom('嗯', '是的', '我看看', '你说', '那个', '喂', '好吧', '什么');
  const line = fc.array(fc.oneof(fc.constantFrom(...cues), filler), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('，'));
  fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), fc.array(line, { maxLength: 5 }), (customer, agent) => {
    const alone = analyse(customer.map((l) => `客户：${l}`).join('\n'));
    assert.ok(alone.intentionScore >= 0 && alone.intentionScore <= 1);
    const mixed: string[] = [];
    customer.forEach((l, i) => { if (agent[i] !== undefined) mixed.push(`客服：${agent[i]}`); mixed.push(`客户：${l}`); });
    const withAgent = analyse(mixed.join('\n'));
    assert.equal(withAgent.intentionScore, alone.intentionScore);
    assert.equal(withAgent.sentiment, alone.sentiment);
  }), { numRuns: 200 });
  const positive = cues.filter((c) => rules.intent[c]! > 0);
  fc.assert(fc.property(fc.constantFrom(...positive), fc.constantFrom('不', '没', '别'), (cue, neg) => {
    assert.ok(analyse(`客户：${neg}${cue}`).intentionScore <= analyse(`客户：${cue}`).intentionScore, `${neg}${cue}`);
  }), { numRuns: 100 });
});
