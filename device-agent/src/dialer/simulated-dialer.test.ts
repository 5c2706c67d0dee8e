import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DialStep } from '../domain/call-steps.js';
import { FakeClock } from '../edges/fake-clock.js';
import { fakeRecordingBytes, fakeRecordingSha256 } from './fake-recording.js';
import { SimulatedDialer } from './simulated-dialer.js';
import { createHash } from 'node:crypto';

const request = { callId: 'c', phoneNumber: '13800138000', callerId: '', ringTimeoutMs: 0, record: true };

async function runCall(dialer: SimulatedDialer, clock: FakeClock, cancelAfterWallMs?: number, stepMs = 1000): Promise<DialStep[]> {
  const steps: DialStep[] = [];
  const handle = dialer.start(request, (s) => steps.push(s));
  const done = () => steps.some((s) => s.kind === 'ended') && !(steps.find((s) => s.kind === 'ended') as { recordingFollows: boolean }).recordingFollows
    || steps.some((s) => s.kind === 'recording');
  if (cancelAfterWallMs !== undefined) {
    await clock.advance(cancelAfterWallMs);
    handle.cancel();
  }
  await clock.advanceUntil(done, 10_000_000, stepMs);
  return steps;
}

describe('SimulatedDialer', () => {
  it('reports realistic device-time durations while running timeScale times faster', async () => {
    const clock = new FakeClock();
    const dialer = new SimulatedDialer({ seed: 1, timeScale: 0.001, clock });
    let answered: DialStep[] | undefined;
    for (let i = 0; i < 50 && !answered; i++) {
      const t0 = clock.now();
      const steps = await runCall(dialer, clock, undefined, 1);
      const ended = steps.find((s) => s.kind === 'ended');
      assert.ok(ended && ended.kind === 'ended');
      assert.ok(clock.now() - t0 < ended.totalDurationMs / 100, 'wall time is compressed');
      if (steps.some((s) => s.kind === 'answered')) answered = steps;
    }
    assert.ok(answered, 'some call was answered');
    const rec = answered.find((s) => s.kind === 'recording');
    const ended = answered.find((s) => s.kind === 'ended');
    assert.ok(rec && rec.kind === 'recording' && ended && ended.kind === 'ended');
    assert.equal(rec.durationMs, ended.talkDurationMs);
    assert.ok(rec.sizeBytes > rec.durationMs, 'about 2 KB per second of audio');
    assert.equal(rec.sha256, fakeRecordingSha256(rec.recordingId, rec.sizeBytes));
    assert.match(rec.sha256, /^[0-9a-f]{64}$/);
  });

  it('is deterministic for a seed', async () => {
    const outcomes = async (seed: number) => {
      const clock = new FakeClock();
      const dialer = new SimulatedDialer({ seed, timeScale: 0.01, clock });
      const out: string[] = [];
      for (let i = 0; i < 20; i++) {
        const steps = await runCall(dialer, clock);
        const ended = steps.find((s) => s.kind === 'ended');
        out.push(ended && ended.kind === 'ended' ? `${ended.cause}:${ended.totalDurationMs}` : '?');
      }
      return out;
    };
    assert.deepEqual(await outcomes(5), await outcomes(5));
  });

  it('cancel before answer ends the call CANCELLED, with consistent durations', async () => {
    const clock = new FakeClock();
    const dialer = new SimulatedDialer({ seed: 3, timeScale: 1, clock });
    const steps = await runCall(dialer, clock, 500);
    const kinds = steps.map((s) => s.kind);
    assert.deepEqual(kinds.slice(-2), ['hangup', 'ended']);
    const ended = steps[steps.length - 1];
    assert.ok(ended && ended.kind === 'ended');
    assert.equal(ended.cause, 'CANCELLED');
    assert.equal(ended.totalDurationMs, 500);
    assert.equal(ended.talkDurationMs, 0);
  });

  it('dispose stops every call silently', async () => {
    const clock = new FakeClock();
    const dialer = new SimulatedDialer({ seed: 3, clock });
    const steps: DialStep[] = [];
    dialer.start(request, (s) => steps.push(s));
    dialer.dispose();
    await clock.advance(3_600_000);
    assert.deepEqual(steps, []);
  });

  it('fake recording bytes are deterministic and match the reported hash', () => {
    const bytes = fakeRecordingBytes('rec-1', 100_003);
    assert.equal(bytes.length, 100_003);
    assert.deepEqual(bytes, fakeRecordingBytes('rec-1', 100_003));
    assert.equal(createHash('sha256').update(bytes).digest('hex'), fakeRecordingSha256('rec-1', 100_003));
    assert.notEqual(fakeRecordingSha256('rec-2', 100_003), fakeRecordingSha256('rec-1', 100_003));
  });
});
