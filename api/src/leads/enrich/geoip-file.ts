// Loads the GeoIP CSV named by GEOIP_CSV_PATH at start-up (unset: no IP enrichment), streaming
// it line by line (the LITE files run to hundreds of MB). A file with malformed lines is refused
// as a whole, with their line numbers: a half-read database would enrich leads wrongly and silently.
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '../../../../common/config.js';
import { GeoIpBuilder, GeoIpFormatError, type GeoIpDb } from './geoip-db.js';

export async function loadGeoIpCsv(path: string): Promise<GeoIpDb | null> {
  if (!path) return null;
  const file = resolve(REPO_ROOT, path);
  const b = new GeoIpBuilder();
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) b.add(line);
  const { db, errors } = b.build();
  if (errors.length) throw new GeoIpFormatError(file, errors);
  return db;
}
