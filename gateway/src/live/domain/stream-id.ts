// Redis stream ids ("<ms>-<seq>") order every live delta. Compared as two numbers: the ms part
// stays far below 2^53 and a string comparison would put "9-0" after "10-0".

export const ZERO_ID = '0-0';

export function compareStreamIds(a: string, b: string): number {
  const da = a.indexOf('-');
  const db = b.indexOf('-');
  const ma = Number(da < 0 ? a : a.slice(0, da));
  const mb = Number(db < 0 ? b : b.slice(0, db));
  if (ma !== mb) return ma < mb ? -1 : 1;
  const sa = da < 0 ? 0 : Number(a.slice(da + 1));
  const sb = db < 0 ? 0 : Number(b.slice(db + 1));
  return sa === sb ? 0 : sa < sb ? -1 : 1;
}

export const isAfter = (a: string, b: string): boolean => compareStreamIds(a, b) > 0;

export function isStreamId(value: unknown): value is string {
  return typeof value === 'string' && /^\d{1,20}-\d{1,20}$/.test(value);
}
