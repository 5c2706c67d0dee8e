// The lead module's stores, built once per API instance (keyed by its deps) and shared by the
// scene and lead routes, so one process has one scene cache and one pub/sub subscription.
import { hostname } from 'node:os';
import type { ApiDeps } from '../deps.js';
import { LeadStore } from './pipeline/lead-store.js';
import { SceneCache } from './scenes/scene-cache.js';
import { SceneStore } from './scenes/scene-store.js';

export interface LeadRuntime {
  scenes: SceneStore;
  cache: SceneCache;
  leads: LeadStore;
  started: Promise<void>;
}

const runtimes = new WeakMap<ApiDeps, LeadRuntime>();

export function leadRuntime(deps: ApiDeps): LeadRuntime {
  let r = runtimes.get(deps);
  if (!r) {
    const writer = `api-${hostname()}`;
    const scenes = new SceneStore(deps.redis, writer);
    const cache = new SceneCache(scenes, deps.redis, deps.log.child({ stage: 'scene-cache' }));
    r = { scenes, cache, leads: new LeadStore(deps.redis, deps.pii, writer), started: cache.start() };
    runtimes.set(deps, r);
  }
  return r;
}
