import { sql } from 'drizzle-orm';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { safeEqual } from '../lib/ids.ts';
import type { AppEnv } from '../web/context.ts';
import { checkTokenDoor, clientAddress, type TokenDoorResult } from '../web/rate-limit.ts';

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const requests = new Counter({
  name: 'tenpo_http_requests_total',
  help: 'HTTP requests by method, route and status.',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [registry],
});
const durations = new Histogram({
  name: 'tenpo_http_request_duration_seconds',
  help: 'HTTP request duration by route.',
  labelNames: ['method', 'route'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

/** Counts and times every request by its route pattern (not its raw path, to keep labels few). */
export function httpMetrics(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const start = performance.now();
    await next();
    // The route that answered (not the last middleware that matched), so labels stay few and useful.
    const route = routePath(c, c.req.routeIndex) || 'unmatched';
    requests.inc({ method: c.req.method, route, status: String(c.res.status) });
    durations.observe({ method: c.req.method, route }, (performance.now() - start) / 1000);
  };
}

export const opsRoutes = new Hono<AppEnv>()
  .get('/healthz', (c) => c.json({ status: 'ok' }))
  .get('/readyz', async (c) => {
    try {
      await c.get('deps').db.execute(sql`select 1`);
      return c.json({ status: 'ready' });
    } catch {
      return c.json({ status: 'database unreachable' }, 503);
    }
  })
  .get('/metrics', async (c) => {
    const verdict = await metricsAccess(c);
    if (typeof verdict === 'object')
      return c.text('Too many wrong tokens; try again later.', 429, {
        'retry-after': String(verdict.retryAfterSeconds),
      });
    if (verdict === 'wrong')
      return c.text('Send Authorization: Bearer <METRICS_TOKEN>.', 401, {
        'www-authenticate': 'Bearer realm="metrics"',
      });
    if (verdict === 'refused')
      return c.text(
        'Metrics are served to loopback clients, or to anyone with METRICS_TOKEN.',
        403,
      );
    return c.body(await registry.metrics(), 200, { 'content-type': registry.contentType });
  });

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * Who may read /metrics (order volume, sign-in failures): with METRICS_TOKEN set, whoever sends
 * it as a bearer token; without it, only clients on this machine (behind a proxy, the client the
 * proxy saw, so the public never qualifies).
 */
async function metricsAccess(c: Context<AppEnv>): Promise<TokenDoorResult | 'refused'> {
  const { env, db, clock } = c.get('deps');
  const client = clientAddress(c);
  if (!env.METRICS_TOKEN) return LOOPBACK.test(client) ? 'ok' : 'refused';
  const sent = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization')?.trim() ?? '')?.[1];
  const tokenOk = sent !== undefined && safeEqual(sent, env.METRICS_TOKEN);
  return checkTokenDoor(db, { door: 'metrics', client, tokenOk, now: clock.now() });
}
