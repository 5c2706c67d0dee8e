// Versioned schema migrations: numbered `NNN_name.sql` files in warehouse/migrations, each
// opening with a comment that says why. Applied versions are recorded in schema_migrations.
// ClickHouse DDL is not transactional, so every statement must itself be idempotent
// (IF NOT EXISTS, CREATE OR REPLACE VIEW): a crash half-way through a file re-runs the file.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../../common/logger.js';
import { assertIdentifier, type Warehouse } from './warehouse.js';

export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../migrations');

/** Token the files use for the database name (identifiers cannot be bound as parameters). */
export const DB_TOKEN = '${db}';

export interface Migration {
  version: number;
  name: string;
  /** sha256 of the file text: an applied migration must never change. */
  checksum: string;
  statements: string[];
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

const FILE_NAME = /^(\d{3,})_([a-z0-9_]+)\.sql$/;

/** Splits a file into statements: a statement ends with `;` at the end of a line. */
export function splitStatements(text: string): string[] {
  return text
    .split(/;[ \t]*(?:\r?\n|$)/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk.split('\n').some((line) => line.trim() !== '' && !line.trim().startsWith('--')));
}

export function parseMigration(fileName: string, text: string): Migration {
  const match = FILE_NAME.exec(fileName);
  if (!match) throw new MigrationError(`migration file name must be NNN_name.sql: ${fileName}`);
  if (!text.trimStart().startsWith('--')) throw new MigrationError(`${fileName} must open with a comment saying why`);
  const statements = splitStatements(text);
  if (statements.length === 0) throw new MigrationError(`${fileName} has no statement`);
  return {
    version: Number(match[1]),
    name: match[2]!,
    checksum: createHash('sha256').update(text).digest('hex'),
    statements,
  };
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const migrations = files.map((f) => parseMigration(f, readFileSync(join(dir, f), 'utf8')));
  const seen = new Set<number>();
  for (const m of migrations) {
    if (seen.has(m.version)) throw new MigrationError(`duplicate migration version ${m.version}`);
    seen.add(m.version);
  }
  return migrations.sort((a, b) => a.version - b.version);
}

export function renderStatement(statement: string, database: string): string {
  return statement.split(DB_TOKEN).join(assertIdentifier(database, 'database name'));
}

interface AppliedRow {
  version: number;
  checksum: string;
}

/** Brings the schema up to date; returns the versions it applied (empty when up to date). */
export async function migrate(
  wh: Warehouse,
  options: { migrations?: Migration[]; log?: Logger; nowMs?: () => number } = {},
): Promise<number[]> {
  const migrations = options.migrations ?? loadMigrations();
  const nowMs = options.nowMs ?? Date.now;
  const table = wh.tables.schemaMigrations;
  await wh.command(`CREATE DATABASE IF NOT EXISTS ${assertIdentifier(wh.database, 'database name')}`);
  await wh.command(
    `CREATE TABLE IF NOT EXISTS ${table} (version UInt32, name String, checksum String, ` +
      `applied_at DateTime64(3, 'UTC')) ENGINE = ReplacingMergeTree ORDER BY version`,
  );
  const rows = await wh.query<AppliedRow>(`SELECT version, checksum FROM ${table} FINAL`);
  const applied = new Map(rows.map((r) => [Number(r.version), r.checksum]));
  const done: number[] = [];
  for (const m of migrations) {
    const checksum = applied.get(m.version);
    if (checksum !== undefined) {
      if (checksum !== m.checksum) throw new MigrationError(`migration ${m.version}_${m.name} changed after it was applied`);
      continue;
    }
    for (const statement of m.statements) await wh.command(renderStatement(statement, wh.database));
    const appliedAt = new Date(nowMs()).toISOString().slice(0, 23).replace('T', ' ');
    await wh.insert(table, [{ version: m.version, name: m.name, checksum: m.checksum, applied_at: appliedAt }]);
    options.log?.info({ version: m.version, migration: m.name }, 'migration applied');
    done.push(m.version);
  }
  return done;
}
