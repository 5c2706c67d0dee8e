// The merge language the ingest Lua script understands. Live state is a join-semilattice:
// every op is idempotent and commutative with the others, so duplicated and reordered
// events converge to the same hash. This is what makes the per-call state machine tolerant
// of at-least-once, out-of-order delivery without a single `if (state === …)` in Lua.
//
//   min f v   set f to v when f is absent or v is smaller (first-seen timestamps)
//   max f v   set f to v when f is absent or v is larger (phase rank, durations, last seen)
//   setnx f v set f to v when f is absent (identity fields that never change)
//   clock f v like max, and arms the following `lww` ops of this target only if v won
//   lww f v   set f to v when the preceding `clock` op of the same target won (last writer wins)
//   sadd - v  add v to the set at this target (a set target carries only sadd ops)
// Numbers travel as decimal strings; Lua compares them with tonumber().

export type MergeOpName = 'min' | 'max' | 'setnx' | 'clock' | 'lww' | 'sadd';

export interface MergeOp {
  /** Index into the plan's targets. */
  target: number;
  op: MergeOpName;
  field: string;
  value: string;
}

export interface Target {
  key: string;
  /** Seconds to (re)arm on the key after the ops; 0 leaves its TTL alone. */
  ttlS: number;
}

/** What one accepted message does to Redis, computed purely from the message. */
export interface IngestPlan {
  kind: 'e' | 's';
  dedupeKey: string;
  targets: Target[];
  ops: MergeOp[];
  /** The protobuf bytes as received, appended to the warehouse feed. */
  bytes: Uint8Array;
}

/** Applies ops to plain maps: the reference semantics the Lua script is tested against. */
export function applyOps(state: Map<string, Map<string, string> | Set<string>>, plan: Pick<IngestPlan, 'targets' | 'ops'>): void {
  const armed = new Map<number, boolean>();
  for (const { target, op, field, value } of plan.ops) {
    const key = plan.targets[target]!.key;
    if (op === 'sadd') {
      const set = (state.get(key) as Set<string> | undefined) ?? new Set<string>();
      set.add(value);
      state.set(key, set);
      continue;
    }
    const hash = (state.get(key) as Map<string, string> | undefined) ?? new Map<string, string>();
    state.set(key, hash);
    const cur = hash.get(field);
    switch (op) {
      case 'min':
        if (cur === undefined || Number(value) < Number(cur)) hash.set(field, value);
        break;
      case 'max':
        if (cur === undefined || Number(value) > Number(cur)) hash.set(field, value);
        break;
      case 'setnx':
        if (cur === undefined) hash.set(field, value);
        break;
      case 'clock': {
        const won = cur === undefined || Number(value) >= Number(cur);
        armed.set(target, won);
        if (won) hash.set(field, value);
        break;
      }
      case 'lww':
        if (armed.get(target)) hash.set(field, value);
        break;
    }
  }
}
