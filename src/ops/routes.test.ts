import { expect, it } from 'vitest';
import { createApp } from '../app.tsx';
import { parseEnv } from '../env.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { testAppDeps } from '../testing/http-client.ts';
import { useTestWorld } from '../testing/world.ts';

// The node server's bindings, as getConnInfo reads them.
const fromAddress = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

describeEachDatabase('operations endpoints', (kind) => {
  const { database, app } = useTestWorld(kind);

  it('answers health and readiness', async () => {
    expect((await app.request('/healthz')).status).toBe(200);
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('counts requests by the route that answered, not by raw path', async () => {
    await app.request('/readyz');
    await app.request('/p/no-such-product-1');
    await app.request('/p/no-such-product-2');
    const text = await (await app.request('/metrics', {}, fromAddress('127.0.0.1'))).text();
    expect(text).toMatch(
      /tenpo_http_requests_total\{method="GET",route="\/readyz",status="200"\} \d+/,
    );
    expect(text).toMatch(
      /tenpo_http_requests_total\{method="GET",route="\/p\/:slug",status="404"\} [2-9]/,
    );
    expect(text).not.toContain('no-such-product');
  });

  it('serves metrics to this machine only when no token is set', async () => {
    expect((await app.request('/metrics', {}, fromAddress('127.0.0.1'))).status).toBe(200);
    expect((await app.request('/metrics', {}, fromAddress('::1'))).status).toBe(200);
    const outside = await app.request('/metrics', {}, fromAddress('203.0.113.7'));
    expect(outside.status).toBe(403);
    expect(await outside.text()).not.toContain('tenpo_http_requests_total');
  });

  it('believes a forwarded client behind a trusted proxy, so the public never counts as local', async () => {
    const proxied = createApp(
      testAppDeps(database.db, {
        env: parseEnv({ LOG_LEVEL: 'silent', DNS_SERVERS: 'off', TRUST_PROXY_HOPS: '1' }),
      }),
    );
    const res = await proxied.request(
      '/metrics',
      { headers: { 'x-forwarded-for': '198.51.100.4' } },
      fromAddress('127.0.0.1'),
    );
    expect(res.status).toBe(403);
  });

  it('asks for the bearer token from everyone once METRICS_TOKEN is set', async () => {
    const token = 'scrape-token-0123456789';
    const guarded = createApp(
      testAppDeps(database.db, {
        env: parseEnv({ LOG_LEVEL: 'silent', DNS_SERVERS: 'off', METRICS_TOKEN: token }),
      }),
    );
    const local = await guarded.request('/metrics', {}, fromAddress('127.0.0.1'));
    expect(local.status).toBe(401);
    expect(local.headers.get('www-authenticate')).toContain('Bearer');
    const wrong = await guarded.request(
      '/metrics',
      { headers: { authorization: 'Bearer scrape-token-0123456780' } },
      fromAddress('203.0.113.7'),
    );
    expect(wrong.status).toBe(401);
    const right = await guarded.request(
      '/metrics',
      { headers: { authorization: `Bearer ${token}` } },
      fromAddress('203.0.113.7'),
    );
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('tenpo_http_requests_total');
  });

  it('stops answering a client after 20 wrong tokens, even when it then sends the right one', async () => {
    const token = 'scrape-token-abcdefghij';
    const guarded = createApp(
      testAppDeps(database.db, {
        env: parseEnv({ LOG_LEVEL: 'silent', DNS_SERVERS: 'off', METRICS_TOKEN: token }),
      }),
    );
    const scrape = (sent: string, from: string) =>
      guarded.request(
        '/metrics',
        { headers: { authorization: `Bearer ${sent}` } },
        fromAddress(from),
      );
    for (let i = 0; i < 20; i++)
      expect((await scrape(`guess-${i}-0123456789`, '203.0.113.50')).status).toBe(401);
    const locked = await scrape(token, '203.0.113.50');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another client with the right token is not held up.
    expect((await scrape(token, '203.0.113.51')).status).toBe(200);
  });

  it('sends security headers with a content security policy', async () => {
    const res = await app.request('/');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBeTruthy();
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);
  });
});
