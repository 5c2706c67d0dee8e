// Every process's in-memory view of the scene configurations, so ingestion and the pipeline do
// not read Redis per lead. Hot reload: SceneStore publishes each write on one channel; the cache
// reloads that scene when its tenant is loaded. Tag rules are compiled once per version here.
import type { Redis } from 'ioredis';
import type { Logger } from '../../../../common/logger.js';
import { compileTagRules, type CompiledTagRule } from '../domain/tag-rules.js';
import { sceneKeys, type SceneStore } from './scene-store.js';
import type { Scene } from './scene-validate.js';

export interface CachedScene {
  scene: Scene;
  compiledTags: CompiledTagRule[];
}

export class SceneCache {
  private readonly tenants = new Map<string, Map<string, CachedScene>>();
  private readonly loading = new Map<string, Promise<Map<string, CachedScene>>>();
  private sub: Redis | null = null;

  constructor(private readonly store: SceneStore, private readonly redis: Redis, private readonly log: Logger) {}

  /** Subscribes on a dedicated connection (a subscribed ioredis client can do nothing else). */
  async start(): Promise<void> {
    const sub = this.redis.duplicate();
    this.sub = sub;
    sub.on('error', (err: Error) => this.log.warn({ err: err.message }, 'scene cache subscriber error'));
    sub.on('message', (_channel: string, message: string) => {
      const [t, id] = message.split('\n');
      if (t && id) void this.refresh(t, id);
    });
    await sub.subscribe(sceneKeys.changed());
    // Writes missed while (re)subscribing would leave stale scenes: drop everything on reconnect.
    sub.on('ready', () => this.tenants.clear());
  }

  async stop(): Promise<void> {
    this.sub?.disconnect();
    this.sub = null;
  }

  private compile(scene: Scene): CachedScene {
    const compiled = compileTagRules(scene.auto_tagging_rules ?? []);
    if (compiled.errors.length) this.log.warn({ tenantId: scene.tenant_id, sceneId: scene.scene_config_id, errors: compiled.errors }, 'scene tag rules did not compile');
    return { scene, compiledTags: compiled.rules };
  }

  private async refresh(t: string, id: string): Promise<void> {
    // A load in flight may have listed the tenant before this write: apply the change after it.
    const inFlight = this.loading.get(t);
    if (inFlight) {
      await inFlight.catch(() => undefined);
      return this.refresh(t, id);
    }
    const scenes = this.tenants.get(t);
    if (!scenes) return;
    try {
      const scene = await this.store.get(t, id);
      if (scene) {
        const cur = scenes.get(id);
        if (!cur || cur.scene.version < scene.version) scenes.set(id, this.compile(scene));
      } else scenes.delete(id);
    } catch (err) {
      this.log.warn({ tenantId: t, sceneId: id, err: (err as Error).message }, 'scene refresh failed; reloading tenant on next use');
      this.tenants.delete(t);
    }
  }

  private async tenant(t: string): Promise<Map<string, CachedScene>> {
    const have = this.tenants.get(t);
    if (have) return have;
    let p = this.loading.get(t);
    if (!p) {
      p = this.store.list(t).then((list) => {
        const m = new Map(list.map((s) => [s.scene_config_id, this.compile(s)] as const));
        this.tenants.set(t, m);
        return m;
      }).finally(() => this.loading.delete(t));
      this.loading.set(t, p);
    }
    return p;
  }

  async byId(t: string, id: string): Promise<CachedScene | null> {
    return (await this.tenant(t)).get(id) ?? null;
  }

  /** The oldest enabled scene of the type: the spec lets a caller name a type instead of a config. */
  async byType(t: string, type: string): Promise<CachedScene | null> {
    let best: CachedScene | null = null;
    for (const c of (await this.tenant(t)).values()) {
      if (c.scene.scene_type !== type || !c.scene.is_enabled) continue;
      if (!best || c.scene.created_at < best.scene.created_at) best = c;
    }
    return best;
  }
}
