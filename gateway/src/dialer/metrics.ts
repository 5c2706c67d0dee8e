// The dialer's Prometheus metrics, registered on the gateway's registry.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export function createDialerMetrics(registry: Registry) {
  return {
    dispatched: new Counter({ name: 'cunke_dialer_commands_dispatched_total', help: 'MakeCall commands published to devices.', registers: [registry] }),
    claimsRefused: new Counter({ name: 'cunke_dialer_claims_refused_total', help: 'Claims the claim script refused, by reason (RATE_TASK, DEVICE, DNC, CAP, …).', labelNames: ['reason'] as const, registers: [registry] }),
    acks: new Counter({ name: 'cunke_dialer_acks_total', help: 'Command acks seen for MakeCalls, by status (ACCEPTED, REJECTED, FAILED, NONE = timed out).', labelNames: ['status'] as const, registers: [registry] }),
    resolved: new Counter({ name: 'cunke_dialer_attempts_resolved_total', help: 'Attempts resolved, by outcome.', labelNames: ['outcome'] as const, registers: [registry] }),
    ackSeconds: new Histogram({ name: 'cunke_dialer_dispatch_ack_seconds', help: 'Time from publishing a MakeCall to seeing its ack in Redis (reconciler resolution).', buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] }),
    inFlight: new Gauge({ name: 'cunke_dialer_in_flight', help: 'MakeCalls out and not yet resolved (tasks this instance drives).', registers: [registry] }),
    tasksDriven: new Gauge({ name: 'cunke_dialer_tasks_driven', help: 'RUNNING tasks this instance holds the lease of.', registers: [registry] }),
    tasksStarved: new Gauge({ name: 'cunke_dialer_tasks_starved', help: 'Driven tasks with numbers due but no eligible device for over a minute.', registers: [registry] }),
    cooldowns: new Counter({ name: 'cunke_dialer_device_cooldowns_total', help: 'Devices put in cooldown by the health rules.', registers: [registry] }),
    dropped: new Counter({ name: 'cunke_dialer_numbers_dropped_total', help: 'Numbers dropped at dispatch time, by reason.', labelNames: ['reason'] as const, registers: [registry] }),
    deferred: new Counter({ name: 'cunke_dialer_numbers_deferred_total', help: 'Dispatches deferred by compliance (WINDOW, DAILY_CAP).', labelNames: ['reason'] as const, registers: [registry] }),
  };
}

export type DialerMetrics = ReturnType<typeof createDialerMetrics>;
