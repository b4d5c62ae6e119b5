import { getConnInfo } from '@hono/node-server/conninfo';
import { lt, sql } from 'drizzle-orm';
import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { Context } from 'hono';
import type { Db } from '../db/client.ts';
import { rowsOf } from '../db/client.ts';

export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

export interface RateLimit {
  /** What is limited and for whom, e.g. `sign-in:ip:203.0.113.9`. */
  key: string;
  max: number;
  windowSeconds: number;
}

/** A named limit (how many hits per window, and why, where it is declared); the key comes from the call. */
export type RateLimitRule = Omit<RateLimit, 'key'>;

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Counts one hit against each limit in the database (so every process sees the same counts) and
 * says whether any limit is exceeded, with the seconds until its window ends.
 */
export async function hitRateLimits(
  db: Db,
  limits: RateLimit[],
  now: Date,
): Promise<RateLimitResult> {
  let worst: RateLimitResult = { ok: true };
  for (const limit of limits) {
    const windowMs = limit.windowSeconds * 1000;
    const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
    const [row] = rowsOf<{ hits: number }>(
      await db.execute(sql`
        insert into rate_limit_counters (key, window_start, hits) values (${limit.key}, ${windowStart.toISOString()}, 1)
        on conflict (key, window_start) do update set hits = rate_limit_counters.hits + 1
        returning hits`),
    );
    if ((row?.hits ?? 0) > limit.max) {
      const retryAfterSeconds = Math.ceil(
        (windowStart.getTime() + windowMs - now.getTime()) / 1000,
      );
      if (worst.ok || retryAfterSeconds > worst.retryAfterSeconds)
        worst = { ok: false, retryAfterSeconds };
    }
  }
  return worst;
}

/** Deletes counters whose window ended more than a day ago. */
export async function pruneRateLimits(db: Db, now: Date): Promise<number> {
  const gone = await db
    .delete(rateLimitCounters)
    .where(lt(rateLimitCounters.windowStart, new Date(now.getTime() - 24 * 3600 * 1000)))
    .returning({ key: rateLimitCounters.key });
  return gone.length;
}

/**
 * The client's address for rate limits and audit: the socket peer, or, behind TRUST_PROXY_HOPS
 * reverse proxies, the address the outermost trusted proxy saw (X-Forwarded-For read from the
 * right, so a client cannot choose its own address by sending the header).
 */
export function clientAddress(c: Context): string {
  let peer = 'unknown';
  try {
    peer = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket.
  }
  const hops = (c.var as { deps?: { env: { TRUST_PROXY_HOPS: number } } }).deps?.env
    .TRUST_PROXY_HOPS;
  if (!hops) return peer;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return forwarded.at(-hops) ?? forwarded[0] ?? peer;
}

/** Wrong tokens one client may send to a token door (metrics, mail webhook) per window. */
export const TOKEN_DOOR_LIMIT = { max: 20, windowSeconds: 15 * 60 } as const;

export type TokenDoorResult = 'ok' | 'wrong' | { retryAfterSeconds: number };

/**
 * Guards a door that checks a shared token: a client that sent TOKEN_DOOR_LIMIT wrong tokens is
 * refused until the window ends, right token or not, so guessing learns nothing; only wrong
 * tokens count, so a scraper with the right one is never slowed.
 */
export async function checkTokenDoor(
  db: Db,
  input: { door: string; client: string; tokenOk: boolean; now: Date },
): Promise<TokenDoorResult> {
  const { max, windowSeconds } = TOKEN_DOOR_LIMIT;
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(input.now.getTime() / windowMs) * windowMs);
  const retryAfterSeconds = Math.ceil(
    (windowStart.getTime() + windowMs - input.now.getTime()) / 1000,
  );
  const key = `token-door:${input.door}:${input.client}`;
  const [row] = rowsOf<{ hits: number }>(
    await db.execute(
      sql`select hits from rate_limit_counters where key = ${key} and window_start = ${windowStart.toISOString()}`,
    ),
  );
  if ((row?.hits ?? 0) >= max) return { retryAfterSeconds };
  if (input.tokenOk) return 'ok';
  const counted = await hitRateLimits(db, [{ key, max, windowSeconds }], input.now);
  return counted.ok ? 'wrong' : { retryAfterSeconds };
}
