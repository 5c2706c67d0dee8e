// Event ids are 16 random bytes (UUID v4 layout) on the wire and a canonical UUID string in
// Redis keys, logs and the warehouse.
import { randomUUID } from 'node:crypto';

export const EVENT_ID_BYTES = 16;

export function newEventId(): Buffer {
  return uuidToBytes(randomUUID());
}

export function uuidToBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new TypeError(`not a UUID: ${uuid}`);
  return Buffer.from(hex, 'hex');
}

export function bytesToUuid(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
