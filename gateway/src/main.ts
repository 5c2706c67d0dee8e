// Gateway process: configuration, logger, signals. Everything else is in gateway.ts.
import { describeConfig, loadConfig } from '../../common/config.js';
import { createLogger } from '../../common/logger.js';
import { startGateway } from './gateway.js';

const config = loadConfig();
const log = createLogger('gateway', config.logLevel);
log.info({ config: describeConfig(config) }, 'starting');

const retiring = process.argv.includes('--retire');
// A retiring instance only drains its broker sessions: no hub (its port may be a running one's),
// no dialer.
const gateway = await startGateway(config, log, { liveHub: !retiring, dialer: !retiring });

if (retiring) {
  // Decommissioning an instance: see GATEWAY_SESSION_EXPIRY_S in docs/configuration.md.
  await gateway.retire();
  process.exit(0);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    gateway.stop().then(() => process.exit(0), (err: unknown) => {
      log.error({ err }, 'unclean shutdown');
      process.exit(1);
    });
  });
}
