import { createServer } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../app.tsx';
import { boot, startBackgroundWork } from '../boot.ts';
import type { Database } from '../db/client.ts';
import { parseEnv } from '../env.ts';
import { seedFirstStaff } from '../staff/seed-first-staff.ts';
import type { AppDeps } from '../web/context.ts';
import { createTestDatabase, type DatabaseKind } from './databases.ts';

export interface TestServer {
  /** Origin the shop answers on, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  deps: AppDeps;
  database: Database;
  /** Sends every mail that is due now, through the embedded mail catcher. */
  drainMail(): Promise<void>;
  /** The first staff account, created on the empty test database. */
  staff: { email: string; password: string };
  close(): Promise<void>;
}

/** Asks the OS for a port nobody listens on (small race, fine for tests). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/**
 * The whole shop on a fresh test database and a real HTTP port, with the demo catalog and a
 * first staff account and the mail worker with its embedded catcher, for browser journeys.
 */
export async function startTestServer(options: { kind?: DatabaseKind } = {}): Promise<TestServer> {
  const database = await createTestDatabase(options.kind ?? 'pglite');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = parseEnv({
    PORT: String(port),
    PUBLIC_URL: url,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'true',
    // No DNS in tests: every domain is unverified (accepted), whatever the machine's resolver says.
    DNS_SERVERS: 'off',
  });
  const { deps } = await boot(env, { database });
  const staff = await seedFirstStaff(database.db);
  if (!staff) throw new Error('the test database already had staff');
  const background = await startBackgroundWork(env, deps, database);

  const app = createApp(deps);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
  });

  return {
    url,
    deps,
    database,
    staff,
    drainMail: background.drainMail,
    close: async () => {
      // Browsers keep idle keep-alive sockets open; drop them so close() returns promptly.
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await background.stop();
      await database.close();
    },
  };
}
