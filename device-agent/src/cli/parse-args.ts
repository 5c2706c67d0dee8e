// Command line of the device agent, parsed into a typed value; every problem is reported
// together. Defaults come from the validated config (common/config.ts), not from process.env.
import { parseArgs } from 'node:util';
import { isValidId } from '../../../proto/src/index.js';

export const USAGE = `usage:
  device-agent simulate [--devices N] [--tenant T] [--calls-per-minute R] [--tasks N]
                        [--time-scale X] [--duration S] [--seed N] [--anonymous]
                        [--registry PATH] [--no-fsync] [--heartbeat S]
  device-agent run --tenant T --device D [--calls-per-minute R] [--tasks N] [--time-scale X]
                        [--duration S] [--seed N] [--anonymous] [--registry PATH] [--no-fsync]
                        [--heartbeat S]

  --calls-per-minute  autonomous demo calls per device per wall-clock minute (0 = only on command)
  --tasks             tag each autonomous call with one of N task ids, sim-task-1 .. sim-task-N,
                      picked at random (default 3; 0 = untagged)
  --time-scale        wall time per unit of device time: 0.01 plays a 45 s call in 0.45 s while
                      reporting 45 s (default 1)
  --duration          stop after S seconds of wall time (default: until SIGINT/SIGTERM)
  --anonymous         do not read the registry: device ids sim-0001.., username tenant.device,
                      empty password (for a broker with allow_anonymous)
  --no-fsync          outbox appends resolve once written to the OS, without fdatasync`;

export interface Defaults {
  devices: number;
  tenant: string;
  callsPerMinute: number;
  heartbeatS: number;
  registryPath: string;
}

export interface CommonArgs {
  tenant: string;
  callsPerMinute: number;
  timeScale: number;
  durationS: number;
  seed: number | null;
  anonymous: boolean;
  registryPath: string;
  fsync: boolean;
  heartbeatS: number;
  /** Number of simulated call tasks (see simTaskIds). */
  tasks: number;
}

export const DEFAULT_SIM_TASKS = 3;

/** The task ids `--tasks N` tags autonomous calls with. */
export function simTaskIds(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `sim-task-${i + 1}`);
}

export type CliCommand =
  | ({ kind: 'simulate'; devices: number } & CommonArgs)
  | ({ kind: 'run'; device: string } & CommonArgs)
  | { kind: 'help' };

export type ParseOutcome = { ok: true; command: CliCommand } | { ok: false; problems: string[] };

const OPTIONS = {
  devices: { type: 'string' },
  tenant: { type: 'string' },
  device: { type: 'string' },
  'calls-per-minute': { type: 'string' },
  'time-scale': { type: 'string' },
  duration: { type: 'string' },
  seed: { type: 'string' },
  registry: { type: 'string' },
  heartbeat: { type: 'string' },
  tasks: { type: 'string' },
  anonymous: { type: 'boolean' },
  'no-fsync': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function num(problems: string[], name: string, raw: string | undefined, fallback: number, check: (n: number) => boolean, rule: string): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || !check(n)) {
    problems.push(`--${name}=${raw}: ${rule}`);
    return fallback;
  }
  return n;
}

export function parseCli(argv: string[], defaults: Defaults): ParseOutcome {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    return { ok: false, problems: [(err as Error).message] };
  }
  const { values, positionals } = parsed;
  const sub = positionals[0];
  if (values.help || sub === 'help' || sub === undefined) return { ok: true, command: { kind: 'help' } };
  const problems: string[] = [];
  if (sub !== 'simulate' && sub !== 'run') problems.push(`unknown command "${sub}"`);
  if (positionals.length > 1) problems.push(`unexpected arguments: ${positionals.slice(1).join(' ')}`);
  const tenant = values.tenant ?? defaults.tenant;
  if (!isValidId(tenant)) problems.push(`--tenant=${tenant}: must match [A-Za-z0-9_-]{1,64}`);
  const common: CommonArgs = {
    tenant,
    callsPerMinute: num(problems, 'calls-per-minute', values['calls-per-minute'], defaults.callsPerMinute, (n) => n >= 0 && n <= 60_000, 'a number in [0, 60000]'),
    timeScale: num(problems, 'time-scale', values['time-scale'], 1, (n) => n > 0 && n <= 1000, 'a number in (0, 1000]'),
    durationS: num(problems, 'duration', values.duration, 0, (n) => n >= 0, 'seconds >= 0'),
    seed: values.seed === undefined ? null : num(problems, 'seed', values.seed, 0, (n) => Number.isInteger(n) && n >= 0 && n < 2 ** 32, 'an integer in [0, 2^32)'),
    anonymous: values.anonymous ?? false,
    registryPath: values.registry ?? defaults.registryPath,
    fsync: !(values['no-fsync'] ?? false),
    heartbeatS: num(problems, 'heartbeat', values.heartbeat, defaults.heartbeatS, (n) => Number.isInteger(n) && n >= 1 && n <= 3600, 'an integer in [1, 3600]'),
    tasks: num(problems, 'tasks', values.tasks, DEFAULT_SIM_TASKS, (n) => Number.isInteger(n) && n >= 0 && n <= 1000, 'an integer in [0, 1000]'),
  };
  if (sub === 'simulate') {
    if (values.device !== undefined) problems.push('--device is for `run`; use --devices N');
    const devices = num(problems, 'devices', values.devices, defaults.devices, (n) => Number.isInteger(n) && n >= 1 && n <= 20_000, 'an integer in [1, 20000]');
    return problems.length ? { ok: false, problems } : { ok: true, command: { kind: 'simulate', devices, ...common } };
  }
  const device = values.device;
  if (sub === 'run') {
    if (device === undefined) problems.push('`run` needs --device D');
    else if (!isValidId(device)) problems.push(`--device=${device}: must match [A-Za-z0-9_-]{1,64}`);
    if (values.devices !== undefined) problems.push('--devices is for `simulate`');
  }
  return problems.length || device === undefined ? { ok: false, problems } : { ok: true, command: { kind: 'run', device, ...common } };
}
