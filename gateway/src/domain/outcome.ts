// Pipeline steps return outcome values instead of throwing: `throw` is for bugs.
import type { RejectCode } from '../errors.js';

export interface Rejected {
  ok: false;
  code: RejectCode;
  /** Human-readable detail for logs and dead letters. Never contains message content. */
  detail: string;
}

export type Outcome<T> = { ok: true; value: T } | Rejected;

export const accept = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const reject = (code: RejectCode, detail: string): Rejected => ({ ok: false, code, detail });
