import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.ts';
import { useTestWorld } from '../testing/world.ts';
import type { AppDeps, AppEnv } from './context.ts';
import { clientAddress, hitRateLimits, pruneRateLimits } from './rate-limit.ts';

describeEachDatabase('rate limits', (kind) => {
  const { database } = useTestWorld(kind);

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

describe('clientAddress', () => {
  async function addressSeen(hops: number, forwardedFor?: string) {
    const app = new Hono<AppEnv>();
    app.get('/', (c) => {
      c.set('deps', { env: { TRUST_PROXY_HOPS: hops } } as AppDeps);
      return c.text(clientAddress(c));
    });
    const headers: Record<string, string> = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};
    const res = await app.request('/', { headers });
    return res.text();
  }

  it('ignores X-Forwarded-For unless proxies are trusted, so a client cannot pick its address', async () => {
    expect(await addressSeen(0, '203.0.113.7')).toBe('unknown');
  });

  it('takes the address the trusted proxy saw, not one the client put in front of it', async () => {
    expect(await addressSeen(1, '198.51.100.1, 203.0.113.7')).toBe('203.0.113.7');
    expect(await addressSeen(2, '198.51.100.1, 203.0.113.7, 192.0.2.10')).toBe('203.0.113.7');
  });
});
