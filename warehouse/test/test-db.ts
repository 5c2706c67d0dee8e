// Test databases: random names with a fixed prefix, and a drop helper that refuses any other
// name, so a misconfigured test can never wipe a real database.
import { randomName } from './fixtures.js';
import { assertIdentifier, type Warehouse } from '../src/warehouse.js';

export const TEST_DB_PREFIX = 'cunke_test_';

export const testDatabaseName = (): string => randomName(TEST_DB_PREFIX);

export async function dropTestDatabase(wh: Warehouse): Promise<void> {
  if (!wh.database.startsWith(TEST_DB_PREFIX)) throw new Error(`refusing to drop ${wh.database}: not a test database`);
  await wh.command(`DROP DATABASE IF EXISTS ${assertIdentifier(wh.database)}`);
}
