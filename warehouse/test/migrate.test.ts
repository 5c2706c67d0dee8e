import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadMigrations, parseMigration, renderStatement, splitStatements } from '../src/migrate.js';

test('every migration file parses, opens with a why-comment and names no database literally', () => {
  const migrations = loadMigrations();
  assert.ok(migrations.length >= 4);
  assert.deepEqual(migrations.map((m) => m.version), [...migrations.map((m) => m.version)].sort((a, b) => a - b));
  for (const m of migrations) {
    for (const s of m.statements) {
      assert.ok(!/\bcunke\./.test(s), `${m.name} hard-codes the database`);
      assert.ok(/IF NOT EXISTS|CREATE OR REPLACE/i.test(s), `${m.name}: statements must be idempotent`);
    }
  }
});

test('splitStatements splits on a trailing semicolon and drops comment-only chunks', () => {
  const text = '-- why\nCREATE TABLE a (x UInt8) ENGINE = Memory;\n\n-- and\nCREATE VIEW b AS SELECT 1;\n-- trailing note\n';
  assert.deepEqual(splitStatements(text), ['-- why\nCREATE TABLE a (x UInt8) ENGINE = Memory', '-- and\nCREATE VIEW b AS SELECT 1']);
});

test('parseMigration rejects files without a why-comment or a proper name', () => {
  assert.throws(() => parseMigration('001_x.sql', 'CREATE TABLE a (x UInt8) ENGINE = Memory;'), /comment/);
  assert.throws(() => parseMigration('x.sql', '-- why\nSELECT 1;'), /NNN_name/);
  assert.equal(parseMigration('012_add_x.sql', '-- why\nSELECT 1;').version, 12);
});

test('renderStatement substitutes only a valid database identifier', () => {
  assert.equal(renderStatement('CREATE TABLE ${db}.t', 'cunke_test_1'), 'CREATE TABLE cunke_test_1.t');
  assert.throws(() => renderStatement('CREATE TABLE ${db}.t', 'x; DROP DATABASE y'), /invalid/);
});
