// Distribution sanity of the simulated calls (seeded, so the numbers are stable).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cancelPlan, nextHealth, planCall, planSteps, type CallPlan, type LineHealth, type Outcome } from './call-plan.js';
import { createRng } from './rng.js';

function simulate(n: number, seed: number, ringTimeoutMs = 0): CallPlan[] {
  const rng = createRng(seed);
  let health: LineHealth = { degraded: false };
  const plans: CallPlan[] = [];
  for (let i = 0; i < n; i++) {
    health = nextHealth(rng, health);
    plans.push(planCall(rng, health, { ringTimeoutMs }));
  }
  return plans;
}

const share = (plans: CallPlan[], outcome: Outcome): number => plans.filter((p) => p.outcome === outcome).length / plans.length;
const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

describe('simulated call outcomes', () => {
  const plans = simulate(20_000, 42);

  it('match the target mix within a couple of points', () => {
    const targets: [Outcome, number][] = [
      ['answered', 0.46], ['no_answer', 0.30], ['busy', 0.10], ['rejected', 0.08], ['invalid_number', 0.02], ['network_failure', 0.04],
    ];
    for (const [outcome, target] of targets) {
      const s = share(plans, outcome);
      assert.ok(Math.abs(s - target) < 0.02, `${outcome}: ${s.toFixed(3)} vs ${target}`);
    }
  });

  it('network failures come in streaks', () => {
    let afterFailure = 0;
    let failuresAfterFailure = 0;
    for (let i = 1; i < plans.length; i++) {
      if (plans[i - 1]?.outcome === 'network_failure') {
        afterFailure++;
        if (plans[i]?.outcome === 'network_failure') failuresAfterFailure++;
      }
    }
    const conditional = failuresAfterFailure / afterFailure;
    assert.ok(conditional > 3 * share(plans, 'network_failure'), `P(fail | previous failed) = ${conditional.toFixed(2)}`);
  });

  it('talk time is log-normal: median ~45 s, a tail of several minutes', () => {
    const talk = plans.filter((p) => p.answeredAtMs !== null).map((p) => p.hangupAtMs - (p.answeredAtMs ?? 0));
    const median = quantile(talk, 0.5);
    assert.ok(median > 40_000 && median < 50_000, `median ${median}`);
    assert.ok(quantile(talk, 0.95) > 180_000, 'p95 above 3 minutes');
    assert.ok(Math.min(...talk) >= 2000);
  });

  it('ring time of answered calls is 3–25 s after alerting; no-answer rings to the timeout', () => {
    for (const p of plans) {
      if (p.outcome === 'answered') {
        const ring = (p.answeredAtMs ?? 0) - (p.ringingAtMs ?? 0);
        assert.ok(ring >= 3000 && ring <= 25_000, `ring ${ring}`);
      }
      if (p.outcome === 'no_answer') assert.equal(p.hangupAtMs, 45_000);
    }
    assert.ok(simulate(2000, 3, 10_000).filter((p) => p.answeredAtMs === null).every((p) => p.hangupAtMs <= 10_000), 'a short timeout bounds unanswered calls');
    assert.ok(simulate(2000, 3, 10_000).every((p) => p.answeredAtMs === null || p.answeredAtMs < 10_000), 'and the time to answer');
  });

  it('is deterministic for a seed', () => {
    assert.deepEqual(simulate(100, 9), simulate(100, 9));
    assert.notDeepEqual(simulate(100, 9), simulate(100, 10));
  });

  it('steps are ordered and durations are consistent', () => {
    for (const p of plans.slice(0, 2000)) {
      const steps = planSteps(p, 0, true);
      const times = steps.map((s) => s.atMs);
      assert.deepEqual(times, [...times].sort((a, b) => a - b));
      const ended = steps.find((s) => s.kind === 'ended');
      assert.ok(ended && ended.kind === 'ended');
      assert.equal(ended.totalDurationMs, ended.atMs);
      assert.equal(ended.ringDurationMs + ended.talkDurationMs, ended.totalDurationMs);
      assert.equal(ended.recordingFollows, p.answeredAtMs !== null);
      assert.equal(steps[steps.length - 1]?.kind, 'ended');
    }
  });

  it('a local hangup before answer is CANCELLED, after answer NORMAL_CLEARING', () => {
    const answered = plans.find((p) => p.outcome === 'answered');
    assert.ok(answered);
    const early = cancelPlan(answered, (answered.ringingAtMs ?? 0) + 1);
    assert.equal(early.cause, 'CANCELLED');
    assert.equal(early.answeredAtMs, null);
    assert.equal(early.party, 'LOCAL');
    const late = cancelPlan(answered, (answered.answeredAtMs ?? 0) + 1000);
    assert.equal(late.cause, 'NORMAL_CLEARING');
    assert.equal(late.hangupAtMs - (late.answeredAtMs ?? 0), 1000);
    assert.equal(cancelPlan(answered, answered.hangupAtMs + 1), answered, 'too late to cancel');
  });
});
