import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeviceCommand } from '../../../proto/src/index.js';
import { decideCommand, type CommandContext } from './decide-command.js';
import { parseCommand, type ParsedCommand } from './parse-command.js';

const idle: CommandContext = { wallNowMs: 10_000, alreadyHandled: false, activeCallId: null, outboxFull: false };
const makeCall = (over: Partial<ParsedCommand> = {}): ParsedCommand => ({
  kind: 'makeCall', commandId: 'c1', issuedAtMs: 9000, expiresAtMs: 0,
  makeCall: { taskId: 't', phoneNumber: '13800138000', callerId: '', scriptId: '', timeoutS: 0 },
  ...over,
} as ParsedCommand);

describe('decideCommand', () => {
  it('MakeCall on an idle line starts a call', () => {
    assert.deepEqual(decideCommand(makeCall(), idle), { kind: 'start-call' });
  });
  it('a handled command id is ignored, whatever the command', () => {
    assert.deepEqual(decideCommand(makeCall(), { ...idle, alreadyHandled: true }), { kind: 'ignore-duplicate' });
  });
  it('rejects LINE_BUSY, EXPIRED, OUTBOX_FULL, INVALID_COMMAND', () => {
    assert.deepEqual(decideCommand(makeCall(), { ...idle, activeCallId: 'x' }), { kind: 'reject', reason: 'LINE_BUSY' });
    assert.deepEqual(decideCommand(makeCall({ expiresAtMs: 9999 }), idle), { kind: 'reject', reason: 'EXPIRED' });
    assert.deepEqual(decideCommand(makeCall({ expiresAtMs: 10_000 }), idle), { kind: 'start-call' }, 'expires_at itself is still valid');
    assert.deepEqual(decideCommand(makeCall(), { ...idle, outboxFull: true }), { kind: 'reject', reason: 'OUTBOX_FULL' });
    const noNumber = makeCall();
    if (noNumber.kind === 'makeCall') noNumber.makeCall.phoneNumber = ' ';
    assert.deepEqual(decideCommand(noNumber, idle), { kind: 'reject', reason: 'INVALID_COMMAND' });
  });
  it('HangupCall ends the active call, matching or empty call_id', () => {
    const hangup = (callId: string): ParsedCommand => ({ kind: 'hangup', commandId: 'h', issuedAtMs: 0, expiresAtMs: 0, callId });
    assert.deepEqual(decideCommand(hangup('a'), { ...idle, activeCallId: 'a' }), { kind: 'hangup', callId: 'a' });
    assert.deepEqual(decideCommand(hangup(''), { ...idle, activeCallId: 'a' }), { kind: 'hangup', callId: 'a' });
    assert.deepEqual(decideCommand(hangup('b'), { ...idle, activeCallId: 'a' }), { kind: 'reject', reason: 'NO_ACTIVE_CALL' });
    assert.deepEqual(decideCommand(hangup('a'), idle), { kind: 'reject', reason: 'NO_ACTIVE_CALL' });
  });
  it('Ping completes; ConfigUpdate configures; unknown is rejected', () => {
    assert.deepEqual(decideCommand({ kind: 'ping', commandId: 'p', issuedAtMs: 0, expiresAtMs: 0 }, idle), { kind: 'complete' });
    assert.deepEqual(
      decideCommand({ kind: 'configUpdate', commandId: 'c', issuedAtMs: 0, expiresAtMs: 0, heartbeatIntervalS: 0, settings: { a: 'b' } }, idle),
      { kind: 'configure', heartbeatIntervalS: null, settings: { a: 'b' } },
    );
    assert.deepEqual(decideCommand({ kind: 'unsupported', commandId: 'u', issuedAtMs: 0, expiresAtMs: 0 }, idle), { kind: 'reject', reason: 'UNSUPPORTED_COMMAND' });
  });
});

describe('parseCommand', () => {
  it('decodes a MakeCall', () => {
    const bytes = DeviceCommand.encode({ commandId: 'c9', issuedAtMs: 5, expiresAtMs: 6, makeCall: { taskId: 't', phoneNumber: '138', timeoutS: 30 } }).finish();
    const r = parseCommand(bytes);
    assert.ok(r.ok);
    assert.equal(r.command.kind, 'makeCall');
    assert.equal(r.command.expiresAtMs, 6);
    if (r.command.kind === 'makeCall') assert.equal(r.command.makeCall.timeoutS, 30);
  });
  it('reports garbage and a missing command id as errors', () => {
    assert.equal(parseCommand(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f])).ok, false);
    assert.equal(parseCommand(DeviceCommand.encode({ ping: {} }).finish()).ok, false);
  });
  it('a command with no known oneof member is unsupported', () => {
    const r = parseCommand(DeviceCommand.encode({ commandId: 'x' }).finish());
    assert.ok(r.ok && r.command.kind === 'unsupported');
  });
});

describe('UploadRecording', () => {
  it('decodes and is carried out even during a call; a bad URL is rejected as invalid', () => {
    const bytes = DeviceCommand.encode({ commandId: 'u1', uploadRecording: { callId: 'c', recordingId: 'r', uploadUrl: 'http://api/x?sig=1', expiresAtMs: 9 } }).finish();
    const r = parseCommand(bytes);
    assert.ok(r.ok && r.command.kind === 'uploadRecording');
    assert.deepEqual(r.command.upload, { callId: 'c', recordingId: 'r', uploadUrl: 'http://api/x?sig=1', urlExpiresAtMs: 9 });
    const busy = { wallNowMs: 0, alreadyHandled: false, activeCallId: 'other', outboxFull: true };
    assert.deepEqual(decideCommand(r.command, busy), { kind: 'upload' });
    for (const uploadUrl of ['', 'not a url', 'file:///etc/passwd']) {
      assert.deepEqual(decideCommand({ ...r.command, upload: { ...r.command.upload, uploadUrl } }, busy), { kind: 'reject', reason: 'INVALID_COMMAND' }, uploadUrl);
    }
  });
});
