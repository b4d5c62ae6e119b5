import type { Hono } from 'hono';
import pino from 'pino';
import type { Db } from '../db/client.ts';
import { parseEnv } from '../env.ts';
import type { AppDeps } from '../web/context.ts';
import { testDeps } from './factories.ts';

/** App dependencies for route tests, on a test database. */
export function testAppDeps(db: Db, overrides: Partial<AppDeps> = {}): AppDeps {
  return {
    ...testDeps(db),
    log: pino({ level: 'silent' }),
    // No DNS in tests: every domain is unverified (accepted), whatever the machine's resolver says.
    env: parseEnv({ LOG_LEVEL: 'silent', DNS_SERVERS: 'off' }),
    secret: 'test-secret',
    publicUrl: 'http://localhost',
    ...overrides,
  };
}

/**
 * Talks to the app like a browser without JavaScript: keeps cookies, and fills in the CSRF token
 * from the last page it loaded.
 */
export function formClient(app: Hono<never> | { request: Hono['request'] }) {
  const cookies = new Map<string, string>();
  let csrf = '';

  async function send(path: string, init: RequestInit = {}, clientAddress?: string) {
    const headers = new Headers(init.headers);
    if (cookies.size) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    // The node server's bindings, as getConnInfo reads them, when a test needs a client address.
    const bindings = clientAddress
      ? { incoming: { socket: { remoteAddress: clientAddress } } }
      : undefined;
    const res = await app.request(path, { ...init, headers, redirect: 'manual' }, bindings);
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=');
      if (/max-age=0/i.test(line) || value === '') cookies.delete(name!);
      else cookies.set(name!, value!);
    }
    const html = await res.text();
    const token = html.match(/name="_csrf" value="([^"]+)"/)?.[1];
    if (token) csrf = token;
    return {
      status: res.status,
      html,
      location: res.headers.get('location'),
      headers: res.headers,
    };
  }

  return {
    cookies,
    get: (path: string) => send(path),
    /** Posts a urlencoded form; `_csrf` is added unless given (pass `_csrf: ''` to leave it out). */
    post: (path: string, form: Record<string, string>) =>
      send(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, ...form }).toString(),
      }),
    /**
     * Posts a multipart form (files as Blobs or Files), as a browser sends a form with
     * enctype="multipart/form-data"; `_csrf` is added unless the form has one. `clientAddress`
     * is the address the request seems to come from (for per-client rate limits).
     */
    postMultipart: (path: string, form: FormData, clientAddress?: string) => {
      if (!form.has('_csrf')) form.set('_csrf', csrf);
      return send(path, { method: 'POST', body: form }, clientAddress);
    },
  };
}
