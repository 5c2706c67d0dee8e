// The merge language the ingest Lua script understands. Live state is a join-semilattice:
// every op is idempotent and commutative with the others, so duplicated and reordered
// events converge to the same hash. This is what makes the per-call state machine tolerant
// of at-least-once, out-of-order delivery without a single `if (state === …)` in Lua.
//
//   min f v   set f to v when f is absent or v is smaller (first-seen timestamps)
//   max f v   set f to v when f is absent or v is larger (phase rank, durations, last seen)
//   setnx f v set f to v when f is absent (identity fields that never change)
//   clock f v like max (ties win), and arms the following `lww` ops of this target only if v won
//   lww f v   set f to v when the preceding `clock` op of the same target won (last writer wins)
//   sadd - v  add v to the set at this target (a set target carries only sadd ops)
//   incr f n  add n to f (absent counts as 0): the per-task counters. The one op that is not
//             idempotent by itself: it is exact because the script applies a message's ops only
//             when its dedupe key is new, so a duplicate or a replay never counts twice. Plans put
//             counter targets last, after every other target of the message, so a script error
//             part-way through a message (retried in full) cannot have counted it already.
// Numbers travel as decimal strings; Lua compares them with tonumber().

export type MergeOpName = 'min' | 'max' | 'setnx' | 'clock' | 'lww' | 'sadd' | 'incr';

/** One key the plan touches, with its ops as flat triples: op, field, value, op, field, … */
export interface Target {
  key: string;
  /**
   * Seconds of life the key gets when this message creates it (a hash none of whose read
   * fields existed); 0 = no TTL. Armed once rather than on every message: an EXPIRE per event
   * was a tenth of the script's cost, and call state outlives its call by hours either way.
   */
  ttlS: number;
  ops: string[];
}

/** What one accepted message does to Redis, computed purely from the message. */
export interface IngestPlan {
  kind: 'e' | 's';
  /** The bucket hash holding this message's dedupe mark (redis-keys.ts), and the mark's field. */
  dedupeKey: string;
  dedupeField: string;
  targets: Target[];
  /** The protobuf bytes as received, appended to the warehouse feed. */
  bytes: Uint8Array;
}

/** Applies a plan to plain maps: the reference semantics the Lua script is tested against. */
export function applyOps(state: Map<string, Map<string, string> | Set<string>>, plan: Pick<IngestPlan, 'targets'>): void {
  for (const { key, ops } of plan.targets) {
    let armed = false;
    for (let i = 0; i < ops.length; i += 3) {
      const op = ops[i] as MergeOpName;
      const field = ops[i + 1]!;
      const value = ops[i + 2]!;
      if (op === 'sadd') {
        const set = (state.get(key) as Set<string> | undefined) ?? new Set<string>();
        set.add(value);
        state.set(key, set);
        continue;
      }
      const hash = (state.get(key) as Map<string, string> | undefined) ?? new Map<string, string>();
      state.set(key, hash);
      const cur = hash.get(field);
      if (op === 'incr') {
        hash.set(field, String(Number(cur ?? 0) + Number(value)));
        continue;
      }
      let win: boolean;
      switch (op) {
        case 'min':
          win = cur === undefined || Number(value) < Number(cur);
          break;
        case 'max':
          win = cur === undefined || Number(value) > Number(cur);
          break;
        case 'setnx':
          win = cur === undefined;
          break;
        case 'clock':
          win = cur === undefined || Number(value) >= Number(cur);
          armed = win;
          break;
        case 'lww':
          win = armed;
          break;
      }
      if (win) hash.set(field, value);
    }
  }
}
