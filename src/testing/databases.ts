import { randomBytes } from 'node:crypto';
import type { Logger } from 'drizzle-orm/logger';
import pg from 'pg';
import { describe } from 'vitest';
import { type Database, openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (as .ci/run does). */
export const databaseKinds: DatabaseKind[] = process.env.TEST_DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

/**
 * A fresh, migrated database: in-memory PGlite, or a new database on the PostgreSQL server
 * (dropped on close) so test files never see each other's rows.
 */
export async function createTestDatabase(
  kind: DatabaseKind,
  poolSize = 10,
  options: { logger?: Logger } = {},
): Promise<Database & { url?: string }> {
  if (kind === 'pglite') {
    const database = await openDatabase({ logger: options.logger });
    await migrate(database);
    return database;
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `tenpo_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize, logger: options.logger });
  await migrate(database);
  return {
    ...database,
    url: url.toString(),
    close: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** Runs a suite once per database kind; the body gets the kind to open its own database. */
export function describeEachDatabase(name: string, body: (kind: DatabaseKind) => void) {
  for (const kind of databaseKinds) describe(`${name} [${kind}]`, () => body(kind));
}
