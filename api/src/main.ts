// Composition root of the API process. With the embedded warehouse it also owns the chDB data
// directory and runs the feed writers (DESIGN.md: one process owns it and answers queries).
import { describeConfig, loadConfig } from '../../common/config.js';
import { createLogger } from '../../common/logger.js';
import { startApi } from './server.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger('api', config.logLevel);
  log.info({ config: describeConfig(config) }, 'starting');
  const api = await startApi(config, log);
  const shutdown = async (signal: string): Promise<void> => {
    log.info({ signal }, 'stopping');
    await api.stop();
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', (s) => void shutdown(s));
  process.once('SIGINT', (s) => void shutdown(s));
}

main().catch((err: unknown) => {
  process.stderr.write(`api failed to start: ${(err as Error).message}\n`);
  process.exit(1);
});
