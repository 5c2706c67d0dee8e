// Crash behaviour of the file outbox: torn tails, corrupt records, a process killed with appends
// in flight, restart and replay in order, segment clean-up.
import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { encodeCursor } from './cursor-file.js';
import { openFileOutbox, type FileOutbox } from './file-outbox.js';
import { encodeFrame } from './frame-codec.js';

const dirs: string[] = [];
after(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cunke-outbox-crash-'));
  dirs.push(dir);
  return dir;
}

const payloadOf = (seq: number): Uint8Array => Buffer.from(`event-${seq}-${'x'.repeat(seq % 17)}`);
const seqsOf = (outbox: FileOutbox): number[] => outbox.read(0, Number.MAX_SAFE_INTEGER).map((e) => e.seq);

async function segmentFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => n.startsWith('seg-')).sort();
}

async function fill(outbox: FileOutbox, n: number): Promise<number[]> {
  return Promise.all(Array.from({ length: n }, () => outbox.append(payloadOf)));
}

describe('FileOutbox crash recovery', () => {
  it('drops a torn tail and keeps every complete record', async () => {
    const dir = await freshDir();
    let outbox = await openFileOutbox({ dir });
    await fill(outbox, 10);
    await outbox.close();
    const [segment] = await segmentFiles(dir);
    assert.ok(segment);
    const path = join(dir, segment);
    const sizeBefore = (await stat(path)).size;
    const torn = encodeFrame(11, payloadOf(11));
    await appendFile(path, torn.subarray(0, torn.length - 3));

    outbox = await openFileOutbox({ dir });
    assert.deepEqual(seqsOf(outbox), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.equal((await stat(path)).size, sizeBefore, 'the torn bytes are cut off');
    assert.equal(await outbox.append(payloadOf), 11, 'the torn seq was never handed out durably, so it is reused');
    await outbox.close();
    outbox = await openFileOutbox({ dir });
    assert.deepEqual(seqsOf(outbox).slice(-2), [10, 11]);
    assert.deepEqual(Buffer.from(outbox.read(11, 1)[0]?.payload ?? []), Buffer.from(payloadOf(11)));
    await outbox.close();
  });

  it('drops a last record whose CRC does not match', async () => {
    const dir = await freshDir();
    let outbox = await openFileOutbox({ dir });
    await fill(outbox, 5);
    await outbox.close();
    const [segment] = await segmentFiles(dir);
    const path = join(dir, segment ?? '');
    const buf = await readFile(path);
    buf[buf.length - 1] = (buf[buf.length - 1] ?? 0) ^ 0xff;
    await writeFile(path, buf);
    outbox = await openFileOutbox({ dir });
    assert.deepEqual(seqsOf(outbox), [1, 2, 3, 4]);
    await outbox.close();
  });

  it('keeps the complete-frame prefix wherever a write was cut', async () => {
    const dir = await freshDir();
    const outbox = await openFileOutbox({ dir });
    await fill(outbox, 20);
    await outbox.close();
    const [segment] = await segmentFiles(dir);
    const path = join(dir, segment ?? '');
    const full = await readFile(path);
    const boundaries: number[] = [0];
    for (let seq = 1, off = 0; seq <= 20; seq++) {
      off += encodeFrame(seq, payloadOf(seq)).length;
      boundaries.push(off);
    }
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: full.length }), async (cut) => {
        await writeFile(path, full.subarray(0, cut));
        const reopened = await openFileOutbox({ dir, fsync: false });
        const complete = boundaries.filter((b) => b <= cut).length - 1;
        assert.deepEqual(seqsOf(reopened), Array.from({ length: complete }, (_, i) => i + 1));
        await reopened.abandon();
      }),
      { numRuns: 60 },
    );
  });

  it('a crash loses only appends that had not resolved; restart replays the rest in order', async () => {
    const dir = await freshDir();
    let outbox = await openFileOutbox({ dir });
    await fill(outbox, 5);
    const inFlight = fill(outbox, 5).then(() => 'resolved', () => 'rejected');
    await outbox.abandon();
    assert.equal(await inFlight, 'rejected');
    outbox = await openFileOutbox({ dir });
    assert.deepEqual(seqsOf(outbox), [1, 2, 3, 4, 5]);
    assert.equal(outbox.recoveredThroughSeq, 5);
    assert.equal(await outbox.append(payloadOf), 6);
    await outbox.close();
  });

  it('acknowledgements not yet persisted are replayed after a crash (duplicates, never loss)', async () => {
    const dir = await freshDir();
    let outbox = await openFileOutbox({ dir, ackPersistIntervalMs: 60_000 });
    await fill(outbox, 10);
    outbox.ackThrough(6);
    await outbox.abandon();
    outbox = await openFileOutbox({ dir });
    assert.deepEqual(seqsOf(outbox), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    outbox.ackThrough(6);
    await outbox.close();
    outbox = await openFileOutbox({ dir });
    assert.deepEqual(seqsOf(outbox), [7, 8, 9, 10]);
    await outbox.close();
  });

  it('deletes fully acknowledged segments and still continues seq', async () => {
    const dir = await freshDir();
    let outbox = await openFileOutbox({ dir, segmentMaxBytes: 200, ackPersistIntervalMs: 1 });
    for (let i = 0; i < 20; i++) await fill(outbox, 5);
    assert.ok((await segmentFiles(dir)).length > 5, 'rolled into several segments');
    outbox.ackThrough(100);
    await outbox.close();
    assert.equal((await segmentFiles(dir)).length, 1, 'only the active segment is left');
    outbox = await openFileOutbox({ dir, segmentMaxBytes: 200 });
    assert.equal(outbox.size(), 0);
    assert.equal(await outbox.append(payloadOf), 101);
    await outbox.close();
  });

  it('continues seq from the cursor when no segment exists', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'ack'), encodeCursor(50));
    const outbox = await openFileOutbox({ dir });
    assert.equal(outbox.lastSeq(), 50);
    assert.equal(await outbox.append(payloadOf), 51);
    await outbox.close();
  });

  it('continues seq from an empty segment name (crash right after a roll)', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'seg-0000000000000071.log'), Buffer.alloc(0));
    const outbox = await openFileOutbox({ dir });
    assert.equal(await outbox.append(payloadOf), 71);
    await outbox.close();
  });

  it('random crash points: nothing durable and unacknowledged is lost, order and seq hold', async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('append' as const), n: fc.integer({ min: 1, max: 30 }) }),
      fc.record({ kind: fc.constant('ack' as const), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }),
      fc.record({ kind: fc.constant('crash' as const), tearBytes: fc.integer({ min: 0, max: 40 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const dir = await freshDir();
        const options = { dir, fsync: false, segmentMaxBytes: 300, ackPersistIntervalMs: 5 };
        let outbox = await openFileOutbox(options);
        const durable: number[] = [];
        let acked = 0;
        let highestSeq = 0;
        for (const o of ops) {
          if (o.kind === 'append') {
            const seqs = await fill(outbox, o.n);
            for (const s of seqs) assert.ok(s > highestSeq, 'seq strictly increasing');
            highestSeq = seqs[seqs.length - 1] ?? highestSeq;
            durable.push(...seqs);
          } else if (o.kind === 'ack') {
            const unacked = durable.filter((s) => s > acked);
            const upTo = unacked[Math.floor(unacked.length * o.fraction) - 1];
            if (upTo !== undefined) {
              outbox.ackThrough(upTo);
              acked = upTo;
            }
          } else {
            await outbox.abandon();
            const files = await segmentFiles(dir);
            const last = files[files.length - 1];
            if (last && o.tearBytes > 0) await appendFile(join(dir, last), Buffer.alloc(o.tearBytes, 0xab));
            outbox = await openFileOutbox(options);
            const recovered = seqsOf(outbox);
            const mustHave = durable.filter((s) => s > acked);
            for (const s of mustHave) assert.ok(recovered.includes(s), `seq ${s} lost`);
            assert.deepEqual(recovered, [...recovered].sort((a, b) => a - b));
            for (const s of recovered) assert.ok(durable.includes(s), `seq ${s} was never appended`);
          }
        }
        await outbox.close();
        const final = await openFileOutbox(options);
        assert.ok(final.lastSeq() >= highestSeq);
        await final.close();
        await rm(dir, { recursive: true, force: true });
      }),
      { numRuns: 40 },
    );
  });

  it('truncation of a middle segment keeps later segments', async () => {
    const dir = await freshDir();
    let outbox = await openFileOutbox({ dir, segmentMaxBytes: 150 });
    for (let i = 0; i < 6; i++) await fill(outbox, 3);
    await outbox.close();
    const files = await segmentFiles(dir);
    assert.ok(files.length >= 3);
    const middle = join(dir, files[1] ?? '');
    await truncate(middle, (await stat(middle)).size - 1);
    outbox = await openFileOutbox({ dir });
    const seqs = seqsOf(outbox);
    assert.equal(seqs[seqs.length - 1], 18, 'records after the damaged segment survive');
    assert.ok(seqs.length < 18);
    await outbox.close();
  });
});
