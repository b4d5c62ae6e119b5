import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { createTestDatabase, describeEachDatabase } from '../testing/databases.ts';
import { hitRateLimits, pruneRateLimits } from './rate-limit.ts';

describeEachDatabase('rate limits', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.close());

  it('allows up to the limit, refuses after it with the time left, and starts again next window', async () => {
    const limit = { key: 'test:a', max: 3, windowSeconds: 60 };
    const t0 = new Date('2026-11-26T00:00:10Z');
    for (let i = 0; i < 3; i++)
      expect(await hitRateLimits(database.db, [limit], t0)).toEqual({ ok: true });
    expect(await hitRateLimits(database.db, [limit], t0)).toEqual({
      ok: false,
      retryAfterSeconds: 50,
    });
    expect(await hitRateLimits(database.db, [limit], new Date('2026-11-26T00:01:00Z'))).toEqual({
      ok: true,
    });
  });

  it('counts concurrent hits exactly', async () => {
    const limit = { key: 'test:concurrent', max: 10, windowSeconds: 60 };
    const now = new Date('2026-11-26T00:00:00Z');
    const results = await Promise.all(
      Array.from({ length: 25 }, () => hitRateLimits(database.db, [limit], now)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
  });

  it('prunes old windows', async () => {
    await hitRateLimits(
      database.db,
      [{ key: 'test:old', max: 1, windowSeconds: 60 }],
      new Date('2026-11-20T00:00:00Z'),
    );
    expect(await pruneRateLimits(database.db, new Date('2026-11-26T00:00:00Z'))).toBeGreaterThan(0);
  });
});
