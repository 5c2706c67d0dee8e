// Serialises rows to a JSONEachRow Buffer in slices, yielding to the event loop between them:
// JSON.stringify of a 20k-row batch is tens of milliseconds of CPU, and the process that owns
// chDB also answers queries, so no single turn of the loop may hold it that long.
import { setImmediate as yieldToLoop } from 'node:timers/promises';

export const DEFAULT_SLICE_ROWS = 2000;

export async function encodeJsonEachRow(rows: readonly object[], sliceRows = DEFAULT_SLICE_ROWS): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let start = 0; start < rows.length; start += sliceRows) {
    if (start > 0) await yieldToLoop();
    const end = Math.min(rows.length, start + sliceRows);
    let text = '';
    for (let i = start; i < end; i++) text += `${JSON.stringify(rows[i])}\n`;
    parts.push(Buffer.from(text, 'utf8'));
  }
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/** Parses a JSONEachRow response body (one object per line). */
export function parseJsonEachRow<T>(text: string): T[] {
  const out: T[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end > start) out.push(JSON.parse(text.slice(start, end)) as T);
    start = end + 1;
  }
  return out;
}
