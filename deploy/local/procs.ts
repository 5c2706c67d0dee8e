// Small process and socket helpers of the local stack: atomic files, a cross-process lock,
// pid files, and dependency-free probes (raw RESP for Redis, raw MQTT 3.1.1 CONNECT for the
// broker) so that `stack.sh up` stays fast when everything already runs.
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export { sleep };

/** Writes via a temporary file + rename, so readers (the broker on reload) never see half a file. */
export function writeFileAtomic(file: string, content: string, mode = 0o600): void {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(tmp, content, { mode });
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}

export function readTextOr(file: string, fallback: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

// ---------------------------------------------------------------- processes

/** True when the process exists and is not a zombie (daemons are reparented to PID 1, which may not reap). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = readTextOr(`/proc/${pid}/stat`, '');
  if (stat) {
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
  }
  return true;
}

export function commandLine(pid: number): string {
  return readTextOr(`/proc/${pid}/cmdline`, '').replace(/\0/g, ' ').trim();
}

export function readPidFile(file: string): number | null {
  const pid = Number.parseInt(readTextOr(file, '').trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** The pid from the pid file when that process is alive and runs `program`; null otherwise. */
export function livePid(pidFile: string, program: string): number | null {
  const pid = readPidFile(pidFile);
  if (pid === null || !isAlive(pid)) return null;
  const cmd = commandLine(pid);
  // /proc may be unreadable in odd sandboxes: then trust the pid file.
  if (cmd && !cmd.includes(program)) return null;
  return pid;
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(20);
  }
  return !isAlive(pid);
}

// ---------------------------------------------------------------- lock

/**
 * Runs `fn` holding an exclusive lock file (O_EXCL create holding our pid). A lock whose
 * holder died is broken; a fresh empty lock (holder between create and write) is waited for.
 */
export async function withFileLock<T>(lockFile: string, fn: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx', 0o600);
      try {
        writeSync(fd, String(process.pid));
      } finally {
        closeSync(fd);
      }
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readPidFile(lockFile);
    let stale = false;
    if (holder !== null) stale = !isAlive(holder);
    else {
      try {
        stale = Date.now() - statSync(lockFile).mtimeMs > 5_000;
      } catch {
        stale = false; // vanished: retry at once
      }
    }
    if (stale) {
      try {
        unlinkSync(lockFile);
      } catch {
        /* someone else broke it */
      }
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${lockFile} (held by pid ${holder ?? '?'})`);
    await sleep(10 + Math.random() * 20);
  }
  try {
    return await fn();
  } finally {
    if (readPidFile(lockFile) === process.pid) rmSync(lockFile, { force: true });
  }
}

export function removeIfExists(file: string): void {
  if (existsSync(file)) rmSync(file, { force: true });
}

// ---------------------------------------------------------------- probes

type Probe<T> = { kind: 'refused' } | { kind: 'other'; detail: string } | T;

/** Connects, writes `request`, and feeds replies to `decide` until it returns a verdict. */
function probe<T>(port: number, request: Buffer, decide: (data: Buffer) => T | undefined, timeoutMs: number): Promise<Probe<T>> {
  return new Promise((resolveProbe) => {
    let data = Buffer.alloc(0);
    let done = false;
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (result: Probe<T>): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolveProbe(result);
    };
    const timer = setTimeout(() => finish({ kind: 'other', detail: 'no answer' }), timeoutMs);
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      const verdict = decide(data);
      if (verdict !== undefined) finish(verdict);
    });
    socket.on('error', (err: NodeJS.ErrnoException) =>
      finish(err.code === 'ECONNREFUSED' ? { kind: 'refused' } : { kind: 'other', detail: err.message }),
    );
    socket.on('close', () => finish({ kind: 'other', detail: `closed after ${data.length} bytes` }));
  });
}

/** Is something listening on 127.0.0.1:port? */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolveProbe) => {
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (inUse: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolveProbe(inUse);
    };
    const timer = setTimeout(() => finish(true), 1_000);
    socket.on('connect', () => finish(true));
    socket.on('error', (err: NodeJS.ErrnoException) => finish(err.code !== 'ECONNREFUSED'));
  });
}

function resp(...args: string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}

export type RedisProbe = Probe<{ kind: 'pong' } | { kind: 'auth-failed'; detail: string }>;

/** AUTH + PING over raw RESP. */
export function redisPing(port: number, password: string, timeoutMs = 1_000): Promise<RedisProbe> {
  return probe(
    port,
    Buffer.from(resp('AUTH', password) + resp('PING')),
    (data) => {
      const lines = data.toString('latin1').split('\r\n');
      if (lines.length < 2) return undefined;
      if (lines[0] !== '+OK') return { kind: 'auth-failed', detail: lines[0] ?? '' };
      if (lines.length < 3) return undefined;
      return lines[1] === '+PONG' ? { kind: 'pong' } : { kind: 'other', detail: lines[1] ?? '' };
    },
    timeoutMs,
  );
}

function mqttString(s: string): Buffer {
  const b = Buffer.from(s, 'utf8');
  const out = Buffer.alloc(2 + b.length);
  out.writeUInt16BE(b.length, 0);
  b.copy(out, 2);
  return out;
}

function mqttVarint(n: number): Buffer {
  const bytes: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    bytes.push(byte);
  } while (n > 0);
  return Buffer.from(bytes);
}

export type MqttProbe = Probe<{ kind: 'connack'; returnCode: number }>;

/**
 * MQTT 3.1.1 CONNECT (clean session) with username/password; resolves with the CONNACK return
 * code (0 accepted, 4 bad username or password, 5 not authorised) and disconnects.
 */
export function mqttLogin(port: number, username: string, password: string, timeoutMs = 2_000): Promise<MqttProbe> {
  const variable = Buffer.from([0, 4, 0x4d, 0x51, 0x54, 0x54, 4, 0xc2, 0, 30]);
  const clientId = `cunke-stack-probe-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const body = Buffer.concat([variable, mqttString(clientId), mqttString(username), mqttString(password)]);
  const packet = Buffer.concat([Buffer.from([0x10]), mqttVarint(body.length), body, Buffer.from([0xe0, 0x00])]);
  return probe(
    port,
    packet,
    (data) => {
      if (data.length < 4) return undefined;
      if (data[0] !== 0x20 || data[1] !== 0x02) return { kind: 'other', detail: `unexpected reply 0x${data.subarray(0, 4).toString('hex')}` };
      return { kind: 'connack', returnCode: data[3] ?? -1 };
    },
    timeoutMs,
  );
}
