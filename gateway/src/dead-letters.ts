// The ingest dead-letter stream (cunke:dlq:ingest), for operators:
//   npm run dlq -- list [--count N] [--code GW_ERR_…]     newest first; never prints payloads
//   npm run dlq -- replay [--code GW_ERR_…] [--id ID]    re-runs entries through today's code
// Replay is idempotent: a gateway entry goes through the same decode/validate/record step as
// live traffic (the event-id dedupe drops what was recorded before); a warehouse entry is put
// back on the feed, whose tables collapse replays. Entries that still fail stay where they are.
import { Redis } from 'ioredis';
import { loadConfig } from '../../common/config.js';
import { DEAD_LETTER_STREAM, FEED_STREAM } from '../../common/feed.js';
import { createPhoneProtector, piiKeysFromHex } from '../../common/pii.js';
import { defineRecordBatch, recordBatch } from './edges/redis/record-batch.js';
import { decodeMessage } from './pipeline/decode-message.js';

interface DeadLetter {
  id: string;
  fields: Map<string, Buffer>;
}

function parse([id, flat]: [Buffer, Buffer[]]): DeadLetter {
  const fields = new Map<string, Buffer>();
  for (let i = 0; i + 1 < flat.length; i += 2) fields.set(flat[i]!.toString(), flat[i + 1]!);
  return { id: id.toString(), fields };
}

const text = (d: DeadLetter, name: string) => d.fields.get(name)?.toString() ?? '';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const command = process.argv[2];
  const config = loadConfig();
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 3 });
  const code = arg('code');
  const only = arg('id');
  const raw = (await redis.xrevrangeBuffer(DEAD_LETTER_STREAM, '+', '-', 'COUNT', Number(arg('count') ?? 10_000))) as [Buffer, Buffer[]][];
  const letters = raw.map(parse).filter((d) => (!code || text(d, 'code') === code) && (!only || d.id === only));

  if (command === 'list') {
    for (const d of letters) {
      const bytes = d.fields.get('b')?.length ?? 0;
      process.stdout.write(`${d.id}  ${text(d, 'src').padEnd(9)} ${text(d, 'code').padEnd(26)} ${bytes}B  ${text(d, 'topic') || text(d, 'feed_id')}  ${text(d, 'detail')}\n`);
    }
    process.stdout.write(`${letters.length} dead letter(s)\n`);
  } else if (command === 'replay') {
    defineRecordBatch(redis);
    const protectPhone = createPhoneProtector(piiKeysFromHex(config.piiHashKey, config.piiEncKey), config.phoneDefaultRegion);
    let replayed = 0;
    let still = 0;
    for (const d of letters) {
      const bytes = d.fields.get('b');
      if (!bytes) continue;
      if (text(d, 'src') === 'warehouse') {
        await redis.xadd(FEED_STREAM, '*', 'k', text(d, 'k'), 'b', bytes, 't', text(d, 't'), 'g', text(d, 'g'));
      } else {
        const decoded = decodeMessage(text(d, 'topic'), bytes, { receivedAtMs: Date.now(), dedupeTtlS: config.dedupeTtlS, callStateTtlS: config.callStateTtlS, protectPhone });
        if (decoded.ok !== true) {
          still++;
          continue;
        }
        await recordBatch(redis, [decoded.plan], { stream: FEED_STREAM, gatewayId: 'dlq-replay', dedupeTtlS: config.dedupeTtlS }, Date.now());
      }
      await redis.xdel(DEAD_LETTER_STREAM, d.id);
      replayed++;
    }
    process.stdout.write(`replayed ${replayed}, still failing ${still}\n`);
  } else {
    process.stderr.write('usage: npm run dlq -- list|replay [--code CODE] [--id ID] [--count N]\n');
    process.exitCode = 2;
  }
  redis.disconnect();
}

await main();
