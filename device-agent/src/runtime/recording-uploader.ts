// Uploads recordings when the gateway sends UploadRecording, and makes uploads at-least-once:
// the command is best effort, so a recording not uploaded RECORDING_REANNOUNCE_S after its last
// announcement is announced again (a new RecordingReady event, same recording id), which makes
// the gateway issue a fresh command and URL. Pending recordings live in memory: a restarted
// agent no longer has the simulated files anyway (a real device would persist this list).
import type { Logger } from '../../../common/logger.js';
import type { RecordingInfo } from '../domain/call-steps.js';
import { UploadFailure } from '../domain/decide-command.js';
import { callEventPayload, type CallContext, type CommandAckStatus } from '../domain/envelopes.js';
import type { UploadRecordingInput } from '../domain/parse-command.js';
import { createRng, deriveSeed } from '../domain/rng.js';
import { judgeAttempt, nextRetryDelayMs, type AttemptOutcome } from '../domain/upload-policy.js';
import type { Dialer } from '../dialer/dialer.js';
import type { Clock, TimerHandle } from '../edges/clock.js';
import type { EventSink } from './event-sink.js';

export interface UploadResult {
  status: Extract<CommandAckStatus, 'COMPLETED' | 'FAILED'>;
  reason: string;
}

/** One HTTP PUT; resolves with the status, rejects on network errors. */
export type PutFn = (url: string, body: Buffer, headers: Record<string, string>) => Promise<number>;

export const fetchPut: PutFn = async (url, body, headers) => {
  const res = await fetch(url, { method: 'PUT', body: new Uint8Array(body), headers, signal: AbortSignal.timeout(120_000) });
  await res.arrayBuffer().catch(() => undefined);
  return res.status;
};

interface Pending {
  context: CallContext;
  recording: RecordingInfo;
  lastAnnouncedMs: number;
}

export interface RecordingUploaderDeps {
  dialer: Dialer;
  sink: EventSink;
  clock: Clock;
  log: Logger;
  seed: number;
  /** Re-announce a recording not uploaded this long after its last announcement; 0 = never. */
  reannounceMs: number;
  put?: PutFn;
}

export class RecordingUploader {
  private readonly pending = new Map<string, Pending>();
  private readonly inflight = new Map<string, Promise<UploadResult>>();
  private readonly rng;
  private readonly put: PutFn;
  private timer: TimerHandle | null = null;
  private stopped = false;
  uploaded = 0;
  reannounced = 0;

  constructor(private readonly deps: RecordingUploaderDeps) {
    this.rng = createRng(deriveSeed(deps.seed, 'uploads'));
    this.put = deps.put ?? fetchPut;
  }

  /** A call finished with a recording: it is pending until uploaded. */
  track(context: CallContext, recording: RecordingInfo): void {
    if (this.stopped) return;
    this.pending.set(recording.recordingId, { context, recording, lastAnnouncedMs: this.deps.clock.now() });
    this.schedule();
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /**
   * Carries out one UploadRecording. Commands carrying the same URL share one upload; commands
   * with different URLs (a re-announcement's, another gateway's) each try theirs: one URL that
   * fails must not sink another that works. The API stores a file once whichever arrives first.
   */
  upload(cmd: UploadRecordingInput): Promise<UploadResult> {
    const running = this.inflight.get(cmd.uploadUrl);
    if (running) return running;
    const p = this.run(cmd).finally(() => this.inflight.delete(cmd.uploadUrl));
    this.inflight.set(cmd.uploadUrl, p);
    return p;
  }

  private uploading(recordingId: string): boolean {
    for (const url of this.inflight.keys()) if (url.includes(`/${encodeURIComponent(recordingId)}?`)) return true;
    return false;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private async run(cmd: UploadRecordingInput): Promise<UploadResult> {
    const file = this.deps.dialer.recording?.(cmd.recordingId) ?? null;
    if (!file) return { status: 'FAILED', reason: UploadFailure.NO_SUCH_RECORDING };
    // The transcript first: the recording's arrival is what triggers the call's analysis.
    if (file.transcript !== null) {
      const text = Buffer.from(file.transcript, 'utf8');
      const t = await this.attempts(`${cmd.uploadUrl}&part=transcript`, () => text, { 'content-type': 'text/plain; charset=utf-8' }, cmd.urlExpiresAtMs);
      if (t.status === 'FAILED') {
        this.deps.log.warn({ recordingId: cmd.recordingId, reason: t.reason }, 'transcript upload failed');
        return t;
      }
    }
    const r = await this.attempts(cmd.uploadUrl, () => file.bytes(), { 'content-type': file.contentType, 'x-content-sha256': file.sha256 }, cmd.urlExpiresAtMs);
    if (r.status === 'COMPLETED') {
      this.pending.delete(cmd.recordingId);
      this.uploaded++;
    } else {
      this.deps.log.warn({ recordingId: cmd.recordingId, reason: r.reason }, 'recording upload failed; it will be announced again');
    }
    return r;
  }

  private async attempts(url: string, body: () => Buffer, headers: Record<string, string>, expiresAtMs: number): Promise<UploadResult> {
    for (let attempt = 0; ; attempt++) {
      if (expiresAtMs > 0 && this.deps.clock.now() > expiresAtMs) return { status: 'FAILED', reason: UploadFailure.EXPIRED_URL };
      let outcome: AttemptOutcome;
      try {
        outcome = { kind: 'http', status: await this.put(url, body(), headers) };
      } catch (err) {
        outcome = { kind: 'network', message: (err as Error).message };
      }
      const verdict = judgeAttempt(outcome);
      if (verdict.kind === 'done') return { status: 'COMPLETED', reason: '' };
      if (verdict.kind === 'give-up') return { status: 'FAILED', reason: verdict.reason };
      const delay = this.stopped ? null : nextRetryDelayMs(attempt, this.deps.clock.now(), expiresAtMs, this.rng);
      if (delay === null) return { status: 'FAILED', reason: outcome.kind === 'network' ? UploadFailure.NETWORK : `HTTP_${outcome.status}` };
      await new Promise<void>((resolve) => this.deps.clock.setTimeout(resolve, delay));
    }
  }

  /** One timer for the earliest re-announcement due. */
  private schedule(): void {
    if (this.timer || this.stopped || this.deps.reannounceMs <= 0 || this.pending.size === 0) return;
    let due = Infinity;
    for (const p of this.pending.values()) due = Math.min(due, p.lastAnnouncedMs + this.deps.reannounceMs);
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      this.reannounceDue();
      this.schedule();
    }, Math.max(0, due - this.deps.clock.now()));
  }

  private reannounceDue(): void {
    const now = this.deps.clock.now();
    for (const p of this.pending.values()) {
      if (now < p.lastAnnouncedMs + this.deps.reannounceMs || this.uploading(p.recording.recordingId)) continue;
      if (!this.deps.dialer.recording?.(p.recording.recordingId)) {
        this.pending.delete(p.recording.recordingId); // the device no longer has it: nothing to announce
        continue;
      }
      p.lastAnnouncedMs = now;
      this.reannounced++;
      this.deps.sink.append('call-step', callEventPayload(p.context, { kind: 'recording', atMs: 0, ...p.recording })).catch(() => undefined);
      this.deps.log.info({ recordingId: p.recording.recordingId, callId: p.context.callId }, 'recording not uploaded yet: announced again');
    }
  }
}
