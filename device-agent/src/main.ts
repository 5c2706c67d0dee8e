// Composition root of the device agent CLI:
//   npx tsx device-agent/src/main.ts simulate [--devices N] [--tenant T] [--calls-per-minute R] ...
//   npx tsx device-agent/src/main.ts run --tenant T --device D ...
// Reads the validated config, the device registry ($CUNKE_DATA_DIR/devices.json), starts the
// agents, logs progress, and on SIGINT/SIGTERM (or --duration) shuts them down cleanly and prints
// a summary.
import { join } from 'node:path';
import { ConfigError, loadConfig, type Config } from '../../common/config.js';
import { createLogger, type Logger } from '../../common/logger.js';
import { anonymousDevices, selectDevice, selectDevices } from './cli/select-devices.js';
import { Fleet } from './cli/fleet.js';
import { parseCli, simTaskIds, USAGE, type CliCommand } from './cli/parse-args.js';
import { loadDeviceRegistry, RegistryError, type DeviceCredential } from './edges/registry.js';

const PROGRESS_INTERVAL_MS = 10_000;

function fail(lines: string[], code = 2): never {
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(code);
}

async function devicesFor(command: Exclude<CliCommand, { kind: 'help' }>): Promise<DeviceCredential[]> {
  const count = command.kind === 'simulate' ? command.devices : 1;
  const deviceId = command.kind === 'run' ? command.device : undefined;
  if (command.anonymous) return anonymousDevices(command.tenant, count, deviceId);
  const registry = await loadDeviceRegistry(command.registryPath);
  const selection = deviceId ? selectDevice(registry, command.tenant, deviceId) : selectDevices(registry, command.tenant, count);
  if (!selection.ok) fail([selection.problem]);
  return selection.devices;
}

async function run(command: Exclude<CliCommand, { kind: 'help' }>, config: Config, log: Logger): Promise<void> {
  const devices = await devicesFor(command);
  const seed = command.seed ?? ((Math.random() * 2 ** 32) >>> 0);
  const fleet = new Fleet({
    devices, mqttUrl: config.mqttUrl, dataDir: config.dataDir, timeScale: command.timeScale,
    callsPerMinute: command.callsPerMinute, demoTaskIds: simTaskIds(command.tasks), heartbeatS: command.heartbeatS,
    outboxMaxEvents: config.agentOutboxMaxEvents, recordingReannounceS: config.recordingReannounceS, fsync: command.fsync, seed, logger: log,
  });
  const startedAt = Date.now();
  log.info({ devices: devices.length, tenant: command.tenant, mqttUrl: config.mqttUrl, seed, timeScale: command.timeScale, callsPerMinute: command.callsPerMinute, tasks: command.tasks }, 'starting agents');

  let stopping: Promise<void> | null = null;
  const shutdown = (reason: string): Promise<void> => {
    if (!stopping) {
      log.info({ reason }, 'shutting down');
      stopping = fleet.stop();
    }
    return stopping;
  };
  const done = new Promise<string>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        if (stopping) fail([`second ${signal}: exiting without a clean shutdown`], 130);
        resolve(signal);
      });
    }
    if (command.durationS > 0) setTimeout(() => resolve('duration elapsed'), command.durationS * 1000).unref();
  });
  const progress = setInterval(() => log.info(fleet.stats(), 'progress'), PROGRESS_INTERVAL_MS);
  progress.unref();

  const starting = fleet.start();
  await shutdown(await Promise.race([done, starting.then(() => done)]));
  await starting;
  clearInterval(progress);
  const stats = fleet.stats();
  const wallS = (Date.now() - startedAt) / 1000;
  process.stdout.write(`${JSON.stringify({ summary: { ...stats, wallSeconds: Math.round(wallS), callsPerSecond: +(stats.counters.callsCompleted / wallS).toFixed(2), eventsPerSecond: +(stats.counters.acked / wallS).toFixed(1) } }, null, 2)}\n`);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail([err.message]);
    throw err;
  }
  const parsed = parseCli(process.argv.slice(2), {
    devices: config.simDevices,
    tenant: config.simTenant,
    callsPerMinute: config.simCallsPerMinute,
    heartbeatS: config.agentHeartbeatIntervalS,
    registryPath: join(config.dataDir, 'devices.json'),
  });
  if (!parsed.ok) fail([...parsed.problems, '', USAGE]);
  if (parsed.command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const log = createLogger('device-agent', config.logLevel);
  try {
    await run(parsed.command, config, log);
  } catch (err) {
    if (err instanceof RegistryError) fail([err.message]);
    throw err;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`device-agent: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
