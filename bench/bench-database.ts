import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { saveProduct } from '../src/catalog/save-product.ts';
import { seedDemoCatalog } from '../src/catalog/seed-demo-catalog.ts';
import { openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { systemClock } from '../src/lib/clock.ts';

export type BenchDatabaseKind = 'pglite' | 'postgres';

/** A database ready for the shop: where it lives (as server env), the bench product, and cleanup. */
export interface BenchDatabase {
  kind: BenchDatabaseKind;
  serverEnv: { DATA_DIR: string } | { DATABASE_URL: string };
  product: { id: string; slug: string };
  drop(): Promise<void>;
}

/** PGlite always; PostgreSQL too when BENCH_DATABASE_URL or TEST_DATABASE_URL names a server. */
export function benchDatabaseKinds(): BenchDatabaseKind[] {
  return postgresAdminUrl() ? ['pglite', 'postgres'] : ['pglite'];
}

function postgresAdminUrl(): string | undefined {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
}

/**
 * Creates a fresh database (temp PGlite dir, or `tenpo_bench_<random>` on the server), migrates
 * it, seeds the demo catalog and adds a product with a million in stock for the checkout phase.
 * This happens before the server starts because a PGlite data dir has only one owner at a time.
 */
export async function createBenchDatabase(kind: BenchDatabaseKind): Promise<BenchDatabase> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'tenpo-bench-'));
    const product = await prepare({ dataDir: dir });
    return {
      kind,
      serverEnv: { DATA_DIR: dir },
      product,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = postgresAdminUrl()!;
  const name = `tenpo_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const product = await prepare({ url: url.toString() });
  return {
    kind,
    serverEnv: { DATABASE_URL: url.toString() },
    product,
    drop: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`),
  };
}

async function prepare(location: { url?: string; dataDir?: string }) {
  const database = await openDatabase(location);
  try {
    await migrate(database);
    await seedDemoCatalog(database.db, systemClock);
    const product = await saveProduct(database.db, {
      sku: 'BENCH-001',
      slug: 'bench-acrylic-stand',
      category: 'goods',
      kind: 'physical',
      status: 'on_sale',
      titleEn: 'Bench Acrylic Stand',
      titleJa: 'ベンチ用アクリルスタンド',
      descriptionEn: 'A product that exists only for the load benchmark.',
      descriptionJa: '負荷計測のためだけの商品です。',
      priceJpy: 1500,
      stock: 1_000_000,
      weightG: 150,
      lengthCm: 15,
      widthCm: 10,
      heightCm: 3,
    });
    return { id: product.id, slug: product.slug };
  } finally {
    await database.close();
  }
}

async function adminQuery(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
