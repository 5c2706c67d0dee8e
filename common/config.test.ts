import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ConfigError, describeConfig, loadConfig } from './config.js';
import { renderConfigDoc } from './config-doc.js';

const clean = { CUNKE_DATA_DIR: '/nonexistent-cunke-test' };

test('defaults load, and every bad setting is reported at once', () => {
  const config = loadConfig(clean);
  assert.equal(config.gatewayMqttConnections, 16);
  assert.throws(() => loadConfig({ ...clean, GATEWAY_MQTT_CONNECTIONS: 'many', REDIS_URL: 'not a url', LOG_LEVEL: 'loud', DEDUPE_TTL_S: '5' }), (err: ConfigError) => {
    assert.equal(err.problems.length, 4);
    return true;
  });
});

test('secrets and URL passwords never reach the start-up log line', () => {
  const config = loadConfig({ ...clean, REDIS_URL: 'redis://:hunter2@127.0.0.1:6390', MQTT_GATEWAY_PASSWORD: 'gw-secret', PII_ENC_KEY: 'ab'.repeat(32) });
  const line = JSON.stringify(describeConfig(config));
  assert.doesNotMatch(line, /hunter2|gw-secret|abab/);
});

test('docs/configuration.md is generated from the settings table', () => {
  assert.equal(readFileSync(new URL('../docs/configuration.md', import.meta.url), 'utf8'), renderConfigDoc(), 'run npm run config:doc');
});
