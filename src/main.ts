import { serve } from '@hono/node-server';
import { createApp } from './app.tsx';
import { boot, startBackgroundWork } from './boot.ts';
import { parseEnv } from './env.ts';
import { seedFirstStaff } from './staff/seed-first-staff.ts';

/** Boot: env → database → app → serve, plus the background jobs unless RUN_WORKER=false. */
async function main() {
  let env: ReturnType<typeof parseEnv>;
  try {
    env = parseEnv();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const { deps, database } = await boot(env);
  const { log } = deps;
  const firstStaff = await seedFirstStaff(deps.db);
  const app = createApp(deps);
  const background = env.RUN_WORKER ? await startBackgroundWork(env, deps, database) : null;
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    log.info({ port: info.port, database: database.kind }, 'Tenpo is running');
    const lines = [
      '',
      `  Shop:   ${deps.publicUrl}/`,
      `  Admin:  ${deps.publicUrl}/admin`,
      firstStaff
        ? `  Staff sign-in (shown once): ${firstStaff.email} / ${firstStaff.password}`
        : '  Staff: create accounts with `npm run tenpo -- staff create --email … --role admin`',
      background?.catcher
        ? `  Mail:   every mail is caught by the embedded SMTP server; read it at ${deps.publicUrl}/admin/mailbox`
        : `  Mail:   ${env.SMTP_URL ? 'sent through SMTP_URL' : 'sent by a separate worker (npm run worker)'}`,
      `  Data:   ${database.kind === 'pglite' ? `embedded PostgreSQL in ${env.DATA_DIR}` : 'PostgreSQL at DATABASE_URL'}`,
      '',
    ];
    console.log(lines.join('\n'));
  });

  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    server.close();
    await background?.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

await main();
