// bench:dialer's device side: N simulated device-agents in one process (as `device-agent
// simulate`), memory outboxes, fast simulated calls. Prints "ready" once every agent is
// connected, then counts MakeCalls started; prints its counters as JSON on SIGTERM.
import { createLogger } from '../../common/logger.js';
import { createAgent, type Agent } from '../../device-agent/src/index.js';

interface Args {
  url: string;
  timeScale: number;
  devices: { tenantId: string; deviceId: string; username: string; password: string }[];
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const log = createLogger('bench-fleet', 'silent');
const agents: Agent[] = [];
let connected = 0;
let started = 0;
let refused = 0;
for (const [i, d] of args.devices.entries()) {
  const agent = await createAgent({
    tenantId: d.tenantId, deviceId: d.deviceId, mqtt: { url: args.url, username: d.username, password: d.password, clientId: `bench-${d.tenantId}-${d.deviceId}` },
    seed: 7 + i, timeScale: args.timeScale, heartbeatIntervalS: 60, logger: log,
  });
  let first = true;
  agent.on((e) => {
    if (e.type === 'connected' && first) {
      first = false;
      if (++connected === args.devices.length) process.stdout.write('ready\n');
    }
    if (e.type === 'command') {
      if (e.decision === 'start-call') started++;
      else if (e.decision === 'reject') refused++;
    }
  });
  agent.start();
  agents.push(agent);
  // Spread the connects: a thousand CONNECTs in one millisecond is a broker benchmark of its own.
  if (i % 50 === 49) await new Promise((r) => setTimeout(r, 20));
}

// The bench may be gone (crashed): never die of a closed pipe while stopping.
process.stdout.on('error', () => undefined);
process.on('SIGTERM', () => {
  process.stdout.write(`${JSON.stringify({ started, refused })}\n`);
  void Promise.all(agents.map((a) => a.stop().catch(() => undefined))).finally(() => process.exit(0));
});
