import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../app.tsx';
import type { Database } from '../db/client.ts';
import { createTestDatabase, describeEachDatabase } from '../testing/databases.ts';
import { testAppDeps } from '../testing/http-client.ts';

describeEachDatabase('operations endpoints', (kind) => {
  let database: Database;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    app = createApp(testAppDeps(database.db));
  });
  afterAll(() => database.close());

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
    const text = await (await app.request('/metrics')).text();
    expect(text).toMatch(
      /tenpo_http_requests_total\{method="GET",route="\/readyz",status="200"\} \d+/,
    );
    expect(text).toMatch(
      /tenpo_http_requests_total\{method="GET",route="\/p\/:slug",status="404"\} [2-9]/,
    );
    expect(text).not.toContain('no-such-product');
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
