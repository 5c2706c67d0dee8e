import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { recordingKeysFrom, verifyUpload, UPLOAD_PATH_PREFIX } from '../../../common/recordings/signed-url.js';
import { DeviceCommand, DeviceEnvelope } from '../../../proto/src/index.js';
import type { DeviceMessage } from '../domain/device-message.js';
import { uploadCommandsFor } from './upload-commands.js';
import { parseFeedDeltas } from '../live/domain/deltas.js';
import { isOnTopic, topicsOf } from '../live/domain/topics.js';

const keys = recordingKeysFrom(randomBytes(32));
const NOW = 1_760_000_000_000;

function message(step: Record<string, unknown>, callId = 'call-1'): DeviceMessage {
  const envelope = DeviceEnvelope.fromObject({ deviceId: 'dev-1', tenantId: 'acme', eventId: randomBytes(16), seq: 1, deviceTimeMs: NOW, call: { callId, ...step } });
  return { kind: 'e', envelope, receivedAtMs: NOW };
}

test('one signed UploadRecording per RecordingReady step, on the device command topic', () => {
  const sha = 'c'.repeat(64);
  const msgs = [
    message({ answered: {} }),
    message({ recordingReady: { recordingId: 'rec-1', durationMs: 5000, sizeBytes: 1234, sha256: sha, contentType: 'audio/mpeg' } }),
  ];
  let n = 0;
  const { commands, unsignable } = uploadCommandsFor(msgs, { nowMs: NOW, ttlMs: 900_000, baseUrl: 'http://api.example', key: keys.upload, newId: () => `cmd-${++n}` });
  assert.equal(unsignable.length, 0);
  assert.equal(commands.length, 1);
  const c = commands[0]!;
  assert.equal(c.topic, 'cunke/v1/acme/dev/dev-1/cmd');
  const decoded = DeviceCommand.decode(c.payload);
  assert.equal(decoded.commandId, 'cmd-1');
  assert.equal(Number(decoded.expiresAtMs), NOW + 900_000);
  assert.equal(decoded.uploadRecording?.callId, 'call-1');
  assert.equal(decoded.uploadRecording?.recordingId, 'rec-1');
  const url = new URL(decoded.uploadRecording!.uploadUrl!);
  assert.equal(url.origin, 'http://api.example');
  const [tenantId, deviceId, callId, recordingId] = url.pathname.slice(UPLOAD_PATH_PREFIX.length + 1).split('/');
  const v = verifyUpload(keys.upload, { tenantId: tenantId!, deviceId: deviceId!, callId: callId!, recordingId: recordingId!, query: Object.fromEntries(url.searchParams) }, NOW);
  assert.ok(v.ok);
  assert.equal(v.value.sha256, sha);
  assert.equal(v.value.sizeBytes, 1234);
  assert.equal(v.value.durationMs, 5000);
});

test('a RecordingReady whose checksum cannot be signed yields no command', () => {
  const msgs = [message({ recordingReady: { recordingId: 'rec-1', durationMs: 5000, sizeBytes: 10, sha256: 'not-hex', contentType: 'audio/mpeg' } })];
  const r = uploadCommandsFor(msgs, { nowMs: NOW, ttlMs: 1000, baseUrl: 'http://x', key: keys.upload, newId: () => 'id' });
  assert.equal(r.commands.length, 0);
  assert.equal(r.unsignable.length, 1);
});

test('the live hub passes the API\'s recording deltas to the tenant, device and call topics', () => {
  const [d] = parseFeedDeltas(JSON.stringify([{ t: 'recording', callId: 'c1', recordingId: 'r1', deviceId: 'dev-1', bytes: 10, durationMs: 1, hasTranscript: true, storedAtMs: 1 }]));
  assert.ok(d);
  assert.deepEqual(topicsOf(d), ['tenant', 'device/dev-1', 'call/c1']);
  assert.ok(isOnTopic(d, { kind: 'call', id: 'c1' }));
  assert.ok(!isOnTopic(d, { kind: 'call', id: 'c2' }));
  assert.ok(isOnTopic(d, { kind: 'device', id: 'dev-1' }));
});
