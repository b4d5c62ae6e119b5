import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Logger } from 'drizzle-orm/logger';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The Drizzle handle every use case receives; the same API over PGlite and node-postgres. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** What `db.transaction` hands to its callback. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs a multi-statement SQL script (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Calls `onNotify` for every NOTIFY on `channel` (and once after a lost connection is restored,
   * since notifications may have been missed); resolves to a function that stops listening.
   */
  listen(
    channel: string,
    onNotify: () => void,
    onConnectionLost?: (error: unknown) => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Opens PostgreSQL when a URL is given, otherwise an embedded PGlite in `dataDir` (or memory). */
export async function openDatabase(options: {
  url?: string;
  dataDir?: string;
  poolSize?: number;
  /** Sees every statement Drizzle sends (tests count them; see registration-work.test.ts). */
  logger?: Logger;
}): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle client losing its connection must not crash the process.
    pool.on('error', () => {});
    const db = drizzlePg(pool, { schema, logger: options.logger }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      exec: async (script) => {
        await pool.query(script);
      },
      listen: async (channel, onNotify, onConnectionLost) => {
        // LISTEN needs its own long-lived connection, outside the pool; it is re-opened if lost.
        let client: pg.Client | null = null;
        let stopped = false;
        let retryMs = 500;
        const connect = async (): Promise<void> => {
          const next = new pg.Client({ connectionString: options.url });
          next.on('notification', onNotify);
          next.on('error', (error) => lost(next, error));
          next.on('end', () => lost(next, new Error('LISTEN connection ended')));
          await next.connect();
          await next.query(`listen ${pg.escapeIdentifier(channel)}`);
          client = next;
          retryMs = 500;
        };
        const lost = (which: pg.Client, error: unknown) => {
          if (stopped || client !== which) return;
          client = null;
          onConnectionLost?.(error);
          const retry = () => {
            if (stopped) return;
            connect().then(onNotify, () => {
              retryMs = Math.min(retryMs * 2, 30_000);
              setTimeout(retry, retryMs);
            });
          };
          setTimeout(retry, retryMs);
        };
        await connect();
        return async () => {
          stopped = true;
          await (client as pg.Client | null)?.end().catch(() => {});
        };
      },
      close: () => pool.end(),
    };
  }
  let client: PGlite;
  if (options.dataDir) {
    const dir = resolve(options.dataDir, 'pgdata');
    mkdirSync(join(dir, '..'), { recursive: true });
    client = new PGlite(dir);
  } else {
    client = new PGlite();
  }
  await client.waitReady;
  const db = drizzlePglite(client, { schema, logger: options.logger }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    exec: async (script) => {
      await client.exec(script);
    },
    listen: async (channel, onNotify) => {
      const unsubscribe = await client.listen(channel, onNotify);
      return async () => {
        if (!client.closed) await unsubscribe();
      };
    },
    close: () => client.close(),
  };
}

/** Rows of a raw `db.execute(sql…)`; both drivers answer with `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
