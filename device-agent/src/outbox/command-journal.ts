// Which DeviceCommands this device has already handled. The broker redelivers a QoS 1 command
// whose PUBACK it did not get (the agent PUBACKs a command only after its CommandAck is durable in
// the outbox), so after a crash at the wrong moment the same MakeCall comes again: remembering
// its id across restarts is what stops the device from dialling the same lead twice.
// Bounded: the newest `capacity` ids are kept.
import { open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { RecentIds } from '../domain/recent-ids.js';

export interface CommandJournal {
  has(commandId: string): boolean;
  /** Records the id; durable when the promise resolves (file journal). */
  add(commandId: string): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_COMMAND_JOURNAL_CAPACITY = 10_000;

export class MemoryCommandJournal implements CommandJournal {
  private readonly ids: RecentIds;

  constructor(capacity = DEFAULT_COMMAND_JOURNAL_CAPACITY) {
    this.ids = new RecentIds(capacity);
  }

  has(commandId: string): boolean {
    return this.ids.has(commandId);
  }

  async add(commandId: string): Promise<void> {
    this.ids.add(commandId);
  }

  async close(): Promise<void> {}
}

/** One id per line in `commands.log`, compacted to the newest `capacity` ids when it doubles. */
export class FileCommandJournal implements CommandJournal {
  static readonly FILE = 'commands.log';
  private lines = 0;
  private chain: Promise<void> = Promise.resolve();

  private constructor(
    private readonly dir: string,
    private readonly ids: RecentIds,
    private handle: FileHandle,
  ) {}

  static async open(dir: string, capacity = DEFAULT_COMMAND_JOURNAL_CAPACITY): Promise<FileCommandJournal> {
    const path = join(dir, FileCommandJournal.FILE);
    const ids = new RecentIds(capacity);
    let lines = 0;
    try {
      for (const line of (await readFile(path, 'utf8')).split('\n')) {
        // A torn last line is simply an id we did not finish recording: its command is redelivered.
        if (/^[\w-]{1,128}$/.test(line)) {
          ids.add(line);
          lines++;
        }
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const journal = new FileCommandJournal(dir, ids, await open(path, 'a'));
    journal.lines = lines;
    return journal;
  }

  has(commandId: string): boolean {
    return this.ids.has(commandId);
  }

  add(commandId: string): Promise<void> {
    if (!this.ids.add(commandId)) return Promise.resolve();
    const line = `${commandId.replace(/[^\w-]/g, '_')}\n`;
    this.chain = this.chain.then(async () => {
      await this.handle.write(line);
      await this.handle.datasync();
      if (++this.lines > this.ids.capacity * 2) await this.compact();
    });
    return this.chain;
  }

  async close(): Promise<void> {
    await this.chain.catch(() => undefined);
    await this.handle.close();
  }

  private async compact(): Promise<void> {
    const path = join(this.dir, FileCommandJournal.FILE);
    const tmp = `${path}.tmp`;
    const out = await open(tmp, 'w');
    try {
      await out.writeFile(this.ids.values().map((id) => `${id}\n`).join(''));
      await out.datasync();
    } finally {
      await out.close();
    }
    await rename(tmp, path);
    await this.handle.close();
    this.handle = await open(path, 'a');
    this.lines = this.ids.size;
  }
}
