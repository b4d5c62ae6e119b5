import type { createApp } from '../app.tsx';
import type { Db } from '../db/client.ts';
import { parseEnv } from '../env.ts';
import { testDeps } from '../testing/factories.ts';

/** App dependencies for API tests: the test database, a fixed clock and the sandbox card network. */
export function apiTestDeps(db: Db) {
  return {
    ...testDeps(db),
    // No DNS in tests: every domain is unverified (accepted), whatever the machine's resolver says.
    env: parseEnv({ DNS_SERVERS: 'off' }),
    secret: 'test-secret',
    publicUrl: 'http://localhost',
  };
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON came back
  body: any;
}

/** Sends JSON to the app in-process and reads JSON back; `raw` sends a body string as is. */
export async function callApi(
  app: ReturnType<typeof createApp>,
  method: string,
  path: string,
  options: { json?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.raw !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = options.raw;
  }
  const res = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: the test sees the text.
  }
  return { status: res.status, headers: res.headers, body: parsed };
}
