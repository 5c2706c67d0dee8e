// Which scene answers a dialled number, for every tenant at once: an INVITE names a number, not a
// tenant, so the per-tenant SceneCache of the API does not fit. The scenes are read from the same
// Redis hashes through SceneStore (api/src/leads/scenes — pure Redis, no Fastify, so the gateway
// may import it) and kept fresh by the same pub/sub notice the SceneCache uses.
import type { Redis } from 'ioredis';
import { authKeys } from '../../../common/access/auth-keys.js';
import type { Logger } from '../../../common/logger.js';
import { maskPhone } from '../../../common/pii.js';
import { sceneKeys, SceneStore } from '../../../api/src/leads/scenes/scene-store.js';
import type { Scene } from '../../../api/src/leads/scenes/scene-validate.js';
import { sipParamsOf, type SceneSipParams } from '../../../api/src/leads/domain/sip-params.js';
import { numberTable, type NumberOwner } from './sip-routing.js';

export interface MonitoredNumbersOptions {
  redis: Redis;
  log: Logger;
  region: string;
  /** Only these tenants (tests sharing one Redis); default every tenant in cunke:auth:tenants. */
  tenants?: readonly string[];
}

export class MonitoredNumbers {
  private readonly scenes = new Map<string, Scene[]>();
  private table = new Map<string, NumberOwner>();
  private sub: Redis | null = null;
  private readonly store: SceneStore;

  constructor(private readonly o: MonitoredNumbersOptions) {
    this.store = new SceneStore(o.redis, 'gateway-sip');
  }

  async start(): Promise<void> {
    const sub = this.o.redis.duplicate();
    this.sub = sub;
    sub.on('error', (err: Error) => this.o.log.warn({ err: err.message }, 'sip number directory subscriber error'));
    sub.on('message', (_channel: string, message: string) => {
      const [t] = message.split('\n');
      if (t && this.wanted(t)) void this.reloadTenant(t);
    });
    // Subscribe before the first load so a write during it is not missed.
    await sub.subscribe(sceneKeys.changed());
    sub.on('ready', () => void this.reloadAll());
    await this.reloadAll();
  }

  async stop(): Promise<void> {
    this.sub?.disconnect();
    this.sub = null;
  }

  private wanted(t: string): boolean {
    return !this.o.tenants || this.o.tenants.includes(t);
  }

  async reloadAll(): Promise<void> {
    const tenants = this.o.tenants ?? (await this.o.redis.smembers(authKeys.tenants()));
    for (const t of tenants) await this.reloadTenant(t, false);
    this.rebuild();
  }

  private async reloadTenant(t: string, rebuild = true): Promise<void> {
    try {
      this.scenes.set(t, (await this.store.list(t)).filter((s) => s.scene_type === 'PHONE_CALL'));
    } catch (err) {
      this.o.log.warn({ tenantId: t, err: (err as Error).message }, 'could not load PHONE_CALL scenes; keeping the previous ones');
    }
    if (rebuild) this.rebuild();
  }

  private rebuild(): void {
    const { table, clashes } = numberTable([...this.scenes.values()].flat(), this.o.region);
    for (const c of clashes) this.o.log.warn({ number: maskPhone(c.number), kept: c.kept, ignored: c.ignored }, 'a monitored number is claimed by two scenes; the older keeps it');
    this.table = table;
  }

  /** For decideInvite's policy (scene_config_id per number) and the tenant behind it. */
  numbers(): ReadonlyMap<string, NumberOwner> {
    return this.table;
  }

  scene(owner: NumberOwner): { scene: Scene; sip: SceneSipParams } | null {
    const s = this.scenes.get(owner.tenant_id)?.find((x) => x.scene_config_id === owner.scene_config_id);
    return s ? { scene: s, sip: sipParamsOf(s.scene_specific_params, this.o.region).params } : null;
  }
}
