// Entries the broker refused for good (puback-policy.ts: packet too large, payload format
// invalid, topic name invalid). They are kept, not discarded: appended with the same framing as
// the outbox to `dead-letter.log` (the frame's seq field holds the entry's seq; the reason code is
// logged), for an operator or a later upload to inspect.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeFrame } from './frame-codec.js';
import type { OutboxEntry } from './outbox.js';

export interface DeadLetterSink {
  put(entry: OutboxEntry, reasonCode: number): Promise<void>;
}

export class MemoryDeadLetters implements DeadLetterSink {
  readonly entries: { entry: OutboxEntry; reasonCode: number }[] = [];

  async put(entry: OutboxEntry, reasonCode: number): Promise<void> {
    this.entries.push({ entry, reasonCode });
  }
}

export class FileDeadLetters implements DeadLetterSink {
  static readonly FILE = 'dead-letter.log';

  constructor(private readonly dir: string) {}

  async put(entry: OutboxEntry, _reasonCode: number): Promise<void> {
    const handle = await open(join(this.dir, FileDeadLetters.FILE), 'a');
    try {
      await handle.write(encodeFrame(entry.seq, entry.payload));
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }
}
