import pino, { type Logger } from 'pino';
import { seedDemoCatalog } from './catalog/seed-demo-catalog.ts';
import { type Database, openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { loadSecret } from './db/secrets.ts';
import type { Env } from './env.ts';
import { type Clock, systemClock } from './lib/clock.ts';
import { sandboxProvider } from './payments/sandbox-provider.ts';
import type { AppDeps } from './web/context.ts';

/** Opens the database, migrates it, and builds the dependencies every process shares. */
export async function boot(env: Env, options: { clock?: Clock; log?: Logger; port?: number } = {}) {
  const log = options.log ?? pino({ level: env.LOG_LEVEL, base: { service: 'tenpo' } });
  const database: Database = await openDatabase({
    url: env.DATABASE_URL,
    dataDir: env.DATABASE_URL ? undefined : env.DATA_DIR,
    poolSize: env.DATABASE_POOL_SIZE,
  });
  const applied = await migrate(database);
  if (applied.length > 0) log.info({ applied }, 'database migrated');
  const clock = options.clock ?? systemClock;
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${options.port ?? env.PORT}`).replace(
    /\/$/,
    '',
  );
  const deps: AppDeps = {
    db: database.db,
    env,
    clock,
    log,
    secret: await loadSecret(database.db, 'app'),
    publicUrl,
    payments: sandboxProvider(database.db, clock, `${publicUrl}/sandbox/3ds`),
  };
  if (env.SEED_DEMO) {
    const seeded = await seedDemoCatalog(database.db, clock);
    if (seeded > 0) log.info({ products: seeded }, 'demo catalog seeded');
  }
  return { deps, database };
}
