// ClickHouse DateTime64(3, 'UTC') text form. Both backends parse 'YYYY-MM-DD hh:mm:ss.sss' the
// same way on every version; bare integers are read as seconds or milliseconds depending on
// version and settings, so they are never sent.

/** DateTime64 accepts 1900-01-01 .. 2299-12-31; device clocks are checked against this. */
export const MIN_DATETIME64_MS = Date.UTC(1900, 0, 1);
export const MAX_DATETIME64_MS = Date.UTC(2299, 11, 31, 23, 59, 59, 999);

export function isStorableTimeMs(ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_DATETIME64_MS && ms <= MAX_DATETIME64_MS;
}

export function toDateTime64(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2024-05-01T10:00:00.123Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** 'YYYY-MM-DD hh:mm:ss.sss' (UTC) -> ISO 8601 with Z; null stays null. */
export function fromDateTime64(text: string | null | undefined): string | null {
  if (!text) return null;
  return `${text.slice(0, 10)}T${text.slice(11)}${text.length > 19 ? '' : '.000'}Z`;
}
