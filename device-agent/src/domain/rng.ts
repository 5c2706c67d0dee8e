// A small seedable PRNG (sfc32) and the distributions the simulator needs. Seeded so a test can
// replay exactly the same sequence of call outcomes; Math.random is never used by the simulator.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
}

/** sfc32: fast, 128-bit state, passes PractRand far beyond what a simulator needs. */
export function createRng(seed: number): Rng {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 ^ Math.imul(seed, 0x85ebca6b);
  let c = 0xb7e15162 ^ Math.imul(seed, 0xc2b2ae35);
  let d = seed >>> 0;
  const next = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs of a fresh sfc32 are correlated with the seed: discard them.
  for (let i = 0; i < 15; i++) next();
  return { next };
}

/** Derives an independent seed for a sub-stream (one per device, one per purpose). */
export function deriveSeed(seed: number, label: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function uniform(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng.next();
}

export function uniformInt(rng: Rng, min: number, maxInclusive: number): number {
  return Math.floor(uniform(rng, min, maxInclusive + 1));
}

export function bernoulli(rng: Rng, p: number): boolean {
  return rng.next() < p;
}

/** Standard normal by Box–Muller (one value per call; simplicity over speed). */
export function standardNormal(rng: Rng): number {
  const u = 1 - rng.next(); // (0, 1]: log(0) is avoided
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Log-normal parameterised by its median (e^mu) and sigma, the natural way to describe talk time. */
export function logNormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * standardNormal(rng));
}

/** Exponential inter-arrival time for a Poisson process of `ratePerMs`. */
export function exponential(rng: Rng, mean: number): number {
  return -mean * Math.log(1 - rng.next());
}

/** Picks a key with probability proportional to its weight. */
export function pickWeighted<K extends string>(rng: Rng, weights: Readonly<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = rng.next() * total;
  for (const [key, weight] of entries) {
    r -= weight;
    if (r < 0) return key;
  }
  const last = entries[entries.length - 1];
  if (!last) throw new Error('pickWeighted: no weights');
  return last[0];
}

/** 16 bytes from the PRNG formatted as a UUID v4 (deterministic ids for recordings). */
export function rngUuid(rng: Rng): string {
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = Math.floor(rng.next() * 256);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
