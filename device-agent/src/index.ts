// Programmatic API of the device agent, for tests, benchmarks and the simulator.
export {
  Agent, CallRejectedError, type AgentOptions, type AgentStats, type FileOutboxSettings, type MqttSettings,
} from './agent.js';
export { createAgent, startAgent } from './create-agent.js';
export type { CallSummary, CallEventRecord, LineStateName } from './runtime/call-runner.js';
export { CallStoppedError } from './runtime/call-runner.js';
export type { AgentCounters, AgentEvent, AgentEventListener } from './runtime/counters.js';
export type { MakeCallInput } from './domain/parse-command.js';
export { RejectReason } from './domain/decide-command.js';
export type { DialStep, HangupCauseName, RecordingInfo } from './domain/call-steps.js';
export type { Outcome } from './domain/call-plan.js';
export type { Dialer, DialHandle, DialRequest, DeviceSensors, SensorReading } from './dialer/dialer.js';
export { SimulatedDialer, type SimulatedDialerOptions } from './dialer/simulated-dialer.js';
export { fakeRecordingBytes, fakeRecordingSha256 } from './dialer/fake-recording.js';
export type { Outbox, OutboxEntry } from './outbox/outbox.js';
export { OutboxClosedError } from './outbox/outbox.js';
export { MemoryOutbox } from './outbox/memory-outbox.js';
export { FileOutbox, openFileOutbox, type FileOutboxOptions } from './outbox/file-outbox.js';
export type { Transport, TransportHandlers, ConnectInfo, PublishOptions, Will } from './edges/transport.js';
export { TransportClosedError } from './edges/transport.js';
export { MemoryTransport, type PublishedMessage } from './edges/memory-transport.js';
export { MqttTransport, type MqttTransportOptions } from './edges/mqtt-transport.js';
export { systemClock, type Clock } from './edges/clock.js';
export { FakeClock } from './edges/fake-clock.js';
export { loadDeviceRegistry, parseDeviceRegistry, RegistryError, type DeviceCredential } from './edges/registry.js';
export { publishRawEnvelope } from './edges/publish-raw.js';
