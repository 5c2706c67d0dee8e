import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_REDIAL, type ComplianceSettings, type RedialPolicy } from '../../../../common/call-tasks/model.js';
import { CommandStatus, HangupCause } from '../../../../proto/src/index.js';
import { afterOutcome, afterRefusal, FRESH, outcomeOfCause, taskEnd, type NumberState } from './attempts.js';
import { checkCompliance, inWindow } from './compliance.js';
import { cooldownReason, pushMark, type HealthMark } from './device-health.js';
import { dayCountKey, dueCandidates, isEligible, planDispatch, type Candidate } from './plan-dispatch.js';
import { resolveAttempt, type InFlightAttempt } from './resolve-attempt.js';
import { localTime, regionTimeZone } from './timezones.js';

const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];
const settings = (start = '09:00', end = '21:00', cap = 3, days = ALL_DAYS): ComplianceSettings => ({ callingWindow: { start, end, days }, maxAttemptsPerNumberPerDay: cap });
// Monday 2026-01-05 01:30 UTC = 09:30 in Shanghai, 20:30 (Sunday) in New York.
const MON_0130Z = Date.UTC(2026, 0, 5, 1, 30);

describe('callee local time', () => {
  it('maps regions to zones, unknown ones to the default', () => {
    assert.equal(regionTimeZone('CN', 'UTC'), 'Asia/Shanghai');
    assert.equal(regionTimeZone('us', 'UTC'), 'America/New_York');
    assert.equal(regionTimeZone('ZZ', 'Europe/Madrid'), 'Europe/Madrid');
  });

  it('reads wall clock, day and weekday in the zone', () => {
    assert.deepEqual(localTime(MON_0130Z, 'Asia/Shanghai'), { ymd: '20260105', minuteOfDay: 9 * 60 + 30, isoWeekday: 1 });
    assert.deepEqual(localTime(MON_0130Z, 'America/New_York'), { ymd: '20260104', minuteOfDay: 20 * 60 + 30, isoWeekday: 7 });
  });

  it('honours the window per callee: CN inside, GB (01:30) outside at the same instant', () => {
    const base = { nowMs: MON_0130Z, onDnc: false, attemptsToday: () => 0, settings: settings(), defaultTimeZone: 'Asia/Shanghai' };
    assert.equal(checkCompliance({ ...base, region: 'CN' }).kind, 'allow');
    const gb = checkCompliance({ ...base, region: 'GB' });
    assert.equal(gb.kind, 'defer');
    assert.equal(gb.kind === 'defer' && gb.reason, 'WINDOW');
  });

  it('window end is exclusive and 24:00 means end of day; weekdays are honoured', () => {
    const w = settings('09:00', '24:00', 3, [1, 2, 3, 4, 5]).callingWindow;
    assert.equal(inWindow({ ymd: '', minuteOfDay: 23 * 60 + 59, isoWeekday: 5 }, w), true);
    assert.equal(inWindow({ ymd: '', minuteOfDay: 8 * 60 + 59, isoWeekday: 5 }, w), false);
    assert.equal(inWindow({ ymd: '', minuteOfDay: 12 * 60, isoWeekday: 6 }, w), false);
    assert.equal(inWindow({ ymd: '', minuteOfDay: 21 * 60, isoWeekday: 1 }, settings().callingWindow), false);
  });

  it('DNC drops, the daily cap defers', () => {
    const base = { nowMs: MON_0130Z, region: 'CN', settings: settings('00:00', '24:00', 2), defaultTimeZone: 'UTC' };
    assert.deepEqual(checkCompliance({ ...base, onDnc: true, attemptsToday: () => 0 }), { kind: 'drop', reason: 'DNC' });
    const capped = checkCompliance({ ...base, onDnc: false, attemptsToday: (ymd) => (ymd === '20260105' ? 2 : 0) });
    assert.equal(capped.kind === 'defer' && capped.reason, 'DAILY_CAP');
  });
});

describe('attempt outcomes', () => {
  const policy: RedialPolicy = { retryOn: ['NO_ANSWER', 'BUSY'], delayS: 60, maxAttempts: 3 };
  const inFlight = (a: number): NumberState => ({ s: 'IN_FLIGHT', a, n: 0, o: '', c: 'c' });

  it('maps hangup causes', () => {
    assert.equal(outcomeOfCause(HangupCause.HANGUP_CAUSE_USER_BUSY), 'BUSY');
    assert.equal(outcomeOfCause(HangupCause.HANGUP_CAUSE_CALL_REJECTED), 'DECLINED');
    assert.equal(outcomeOfCause(HangupCause.HANGUP_CAUSE_NO_ANSWER), 'NO_ANSWER');
    assert.equal(outcomeOfCause(HangupCause.HANGUP_CAUSE_UNREACHABLE), 'UNREACHABLE');
    assert.equal(outcomeOfCause(0), 'NETWORK_FAILURE');
  });

  it('retries what the policy says after its delay, up to maxAttempts; a decline is final', () => {
    assert.deepEqual(afterOutcome(inFlight(1), 'NO_ANSWER', policy, 1000), { s: 'PENDING', a: 1, n: 61_000, o: 'NO_ANSWER', c: 'c' });
    assert.equal(afterOutcome(inFlight(3), 'NO_ANSWER', policy, 1000).s, 'DONE');
    assert.equal(afterOutcome(inFlight(1), 'UNREACHABLE', policy, 1000).s, 'DONE');
    assert.equal(afterOutcome(inFlight(1), 'DECLINED', { ...policy, retryOn: [...policy.retryOn, 'NETWORK_FAILURE'] }, 1000).s, 'DONE');
    assert.equal(afterOutcome(inFlight(1), 'ANSWERED', policy, 1000).o, 'ANSWERED');
  });

  it('a refused command gives the attempt back', () => {
    assert.deepEqual(afterRefusal(inFlight(2), 'LINE_BUSY', 10, 5), { s: 'PENDING', a: 1, n: 15, o: 'REFUSED:LINE_BUSY', c: 'c' });
  });

  it('completes when every number is final, fails only when all were dropped', () => {
    const m = (entries: [number, NumberState][]) => new Map(entries);
    const done: NumberState = { ...FRESH, s: 'DONE', a: 1 };
    const dropped: NumberState = { ...FRESH, s: 'DROPPED', o: 'DNC' };
    assert.equal(taskEnd(m([[0, done]]), 2, 3).kind, 'running');
    assert.equal(taskEnd(m([[0, done], [1, dropped]]), 2, 3).kind, 'complete');
    assert.equal(taskEnd(m([[0, dropped], [1, dropped]]), 2, 3).kind, 'fail');
    assert.equal(taskEnd(m([[0, { ...FRESH, a: 3 }]]), 1, 3).kind, 'complete');
  });
});

describe('resolving an attempt from ingest state', () => {
  const a: InFlightAttempt = { commandId: 'c1', index: 0, deviceId: 'd1', dispatchedAtMs: 1000, ackDeadlineMs: 5000 };
  const limits = { offlineGraceMs: 10_000, silentMs: 60_000, maxCallMs: 3_600_000 };
  const ok = { status: CommandStatus.COMMAND_STATUS_ACCEPTED, reason: '', callId: 'call-1' };
  const online = { presence: 'ONLINE', lastSeenMs: 1500, activeCallId: 'call-1' };

  it('waits for the ack until the deadline, then NO_ACK', () => {
    assert.equal(resolveAttempt(a, null, null, online, null, 4999, limits).kind, 'pending');
    assert.deepEqual(resolveAttempt(a, null, null, online, null, 5001, limits), { kind: 'resolved', outcome: 'NO_ACK', callId: '' });
  });

  it('a rejected ack is a refusal; an ended call resolves by its cause or answer', () => {
    assert.deepEqual(resolveAttempt(a, { status: CommandStatus.COMMAND_STATUS_REJECTED, reason: 'LINE_BUSY', callId: '' }, null, online, null, 2000, limits), { kind: 'refused', reason: 'LINE_BUSY' });
    const ended = { phase: 5, endedCause: HangupCause.HANGUP_CAUSE_CALL_REJECTED, hangupCause: 0, answered: false, lastReceivedMs: 2000 };
    assert.equal((resolveAttempt(a, ok, ended, online, null, 2000, limits) as { outcome: string }).outcome, 'DECLINED');
    assert.equal((resolveAttempt(a, ok, { ...ended, answered: true, endedCause: 1 }, online, null, 2000, limits) as { outcome: string }).outcome, 'ANSWERED');
    assert.deepEqual(resolveAttempt(a, ok, { ...ended, phase: 3 }, online, null, 2000, limits), { kind: 'pending', acked: true });
  });

  it('a device offline past the grace, or silent, loses the call', () => {
    const offline = { presence: 'OFFLINE', lastSeenMs: 1500, activeCallId: 'call-1' };
    assert.equal(resolveAttempt(a, ok, null, offline, 2000, 11_000, limits).kind, 'pending');
    assert.equal((resolveAttempt(a, ok, null, offline, 2000, 12_001, limits) as { outcome: string }).outcome, 'DEVICE_LOST');
    assert.equal((resolveAttempt(a, ok, null, online, null, 61_501, limits) as { outcome: string }).outcome, 'DEVICE_LOST');
  });

  it('a heartbeating device that moved on without ending our call loses it; a long talk does not', () => {
    const ringing = { phase: 2, endedCause: 0, hangupCause: 0, answered: false, lastReceivedMs: 2000 };
    const movedOn = { presence: 'ONLINE', lastSeenMs: 40_000, activeCallId: '' };
    assert.equal((resolveAttempt(a, ok, ringing, movedOn, null, 40_000, limits) as { outcome: string }).outcome, 'DEVICE_LOST');
    assert.equal(resolveAttempt(a, ok, ringing, { ...movedOn, lastSeenMs: 11_000 }, null, 11_000, limits).kind, 'pending', 'within the grace');
    const talking = { ...ringing, phase: 3, answered: true };
    assert.equal(resolveAttempt(a, ok, talking, { ...movedOn, activeCallId: 'call-1', lastSeenMs: 999_000 }, null, 1_000_000, limits).kind, 'pending');
    assert.equal((resolveAttempt(a, ok, talking, { ...movedOn, activeCallId: 'call-1', lastSeenMs: 3_600_000 }, null, 3_601_001, limits) as { outcome: string }).outcome, 'DEVICE_LOST');
  });
});

describe('device health and eligibility', () => {
  const fill = (marks: HealthMark[]) => marks.reduce<HealthMark[]>((w, m) => pushMark(w, m), []);
  it('cools a device whose connect rate collapsed while peers connect', () => {
    const bad = fill(Array<HealthMark>(12).fill('not-connected'));
    const good = fill([...Array<HealthMark>(6).fill('connected'), ...Array<HealthMark>(6).fill('not-connected')]);
    assert.match(cooldownReason(bad, [good]) ?? '', /connect rate 0%/);
    assert.equal(cooldownReason(bad, [bad]), null, 'everyone is failing: the list, not the device');
    assert.equal(cooldownReason(fill(Array<HealthMark>(9).fill('not-connected')), [good]), null);
  });

  it('cools a device piling up errors', () => {
    assert.match(cooldownReason(fill(['error', 'error', 'connected', 'error', 'error', 'error']), []) ?? '', /5 of the last 6/);
  });

  it('keeps a window of 20', () => {
    assert.equal(fill(Array<HealthMark>(30).fill('connected')).length, 20);
  });

  it('eligible = online, idle, enabled, not cooling, slot free', () => {
    const d = { deviceId: 'd', presence: 'ONLINE', lineState: '1', activeCallId: '', registryStatus: '', coolingDown: false, slotTaken: false };
    assert.equal(isEligible(d), true);
    assert.equal(isEligible({ ...d, presence: 'OFFLINE' }), false);
    assert.equal(isEligible({ ...d, lineState: '4', activeCallId: 'x' }), false);
    assert.equal(isEligible({ ...d, registryStatus: 'DISABLED' }), false);
    assert.equal(isEligible({ ...d, coolingDown: true }), false);
    assert.equal(isEligible({ ...d, slotTaken: true }), false);
  });
});

/** Independent reading of the callee's wall clock (not the code under test). */
function wall(nowMs: number, timeZone: string): { ymd: string; minute: number; weekday: number } {
  const s = new Date(nowMs).toLocaleString('sv-SE', { timeZone, hourCycle: 'h23' }); // "2026-01-05 09:30:00"
  const wd = new Date(nowMs).toLocaleString('en-US', { timeZone, weekday: 'short' });
  const [date, time] = s.split(' ');
  const [h, m] = time!.split(':').map(Number);
  return { ymd: date!.replaceAll('-', ''), minute: h! * 60 + m!, weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(wd) + 1 };
}

describe('dispatch planning (property)', () => {
  const REGIONS = ['CN', 'HK', 'TW', 'SG', 'US', 'GB', 'JP', 'KR', 'AU', 'IN', 'DE', 'FR', 'ZZ', ''];
  const hhmm = fc.integer({ min: 0, max: 23 * 60 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);

  it('never dispatches a number on DNC, outside its window, beyond the daily cap or beyond maxAttempts', () => {
    let assigned = 0;
    let deferred = 0;
    fc.assert(fc.property(
      fc.record({
        phones: fc.array(fc.record({ hash: fc.integer({ min: 0, max: 15 }).map((h) => `h${h}`), region: fc.constantFrom(...REGIONS) }), { minLength: 1, maxLength: 30 }),
        dnc: fc.uniqueArray(fc.integer({ min: 0, max: 15 }).map((h) => `h${h}`), { maxLength: 6 }),
        window: fc.tuple(hhmm, hhmm).map(([a, b]) => (a < b ? [a, b] : [b, a === b ? '24:00' : a])),
        days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        cap: fc.integer({ min: 1, max: 4 }),
        redial: fc.record({ maxAttempts: fc.integer({ min: 1, max: 5 }), delayS: fc.integer({ min: 0, max: 7200 }) }),
        startMs: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) }),
        steps: fc.array(fc.record({ advanceMs: fc.integer({ min: 0, max: 6 * 3600_000 }), devices: fc.integer({ min: 0, max: 8 }) }), { minLength: 1, maxLength: 40 }),
        defaultTz: fc.constantFrom('Asia/Shanghai', 'UTC', 'America/Los_Angeles'),
      }),
      (s) => {
        const cs = settings(s.window[0], s.window[1], s.cap, s.days);
        const policy: RedialPolicy = { ...DEFAULT_REDIAL, retryOn: ['NO_ANSWER', 'BUSY'], ...s.redial };
        const dnc = new Set(s.dnc);
        const states = new Map<number, NumberState>();
        const day = new Map<string, number>();
        const attempts = new Map<number, number>();
        let now = s.startMs;
        for (const step of s.steps) {
          now += step.advanceMs;
          const due = dueCandidates(states, s.phones.length, now, policy.maxAttempts);
          const candidates: Candidate[] = due.map((index) => ({ index, state: states.get(index) ?? FRESH, phone: s.phones[index]! }));
          const plan = planDispatch({
            nowMs: now, candidates, freeDevices: Array.from({ length: step.devices }, (_, i) => `d${i}`), dnc, dayCounts: day,
            settings: cs, defaultTimeZone: s.defaultTz, maxAttempts: policy.maxAttempts, budget: step.devices,
          });
          assert.ok(plan.assign.length <= step.devices);
          assert.equal(new Set(plan.assign.map((x) => x.deviceId)).size, plan.assign.length, 'one call per device');
          for (const d of plan.drop) states.set(d.index, { ...(states.get(d.index) ?? FRESH), s: 'DROPPED', o: 'DNC' });
          for (const d of plan.defer) states.set(d.index, { ...(states.get(d.index) ?? FRESH), n: d.retryAtMs });
          assigned += plan.assign.length;
          deferred += plan.defer.length;
          for (const a of plan.assign) {
            const phone = s.phones[a.index]!;
            assert.ok(!dnc.has(phone.hash), 'dispatched a DNC number');
            const w = wall(now, regionTimeZone(phone.region, s.defaultTz));
            const [sh, sm] = s.window[0]!.split(':').map(Number);
            const [eh, em] = s.window[1]!.split(':').map(Number);
            assert.ok(s.days.includes(w.weekday) && w.minute >= sh! * 60 + sm! && w.minute < eh! * 60 + em!, `outside the window: ${JSON.stringify(w)}`);
            const k = dayCountKey(w.ymd, phone.hash);
            assert.ok((day.get(k) ?? 0) < s.cap, 'beyond the daily cap');
            day.set(k, (day.get(k) ?? 0) + 1);
            attempts.set(a.index, (attempts.get(a.index) ?? 0) + 1);
            assert.ok(attempts.get(a.index)! <= policy.maxAttempts, 'beyond maxAttempts');
            // Every call ends unanswered: the number is retried per policy.
            const prev = states.get(a.index) ?? FRESH;
            states.set(a.index, afterOutcome({ ...prev, s: 'IN_FLIGHT', a: prev.a + 1 }, 'NO_ANSWER', policy, now));
          }
        }
      },
    ), { numRuns: 300 });
    // The property is not vacuous: the random schedules do dial, and do hit the rules.
    assert.ok(assigned > 500 && deferred > 100, `assigned ${assigned}, deferred ${deferred}`);
  });
});
