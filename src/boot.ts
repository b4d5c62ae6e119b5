import pino, { type Logger } from 'pino';
import { seedDemoCatalog } from './catalog/seed-demo-catalog.ts';
import { type Database, openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { loadSecret } from './db/secrets.ts';
import type { Env } from './env.ts';
import { prepareGuide } from './guide/render-article.ts';
import { type Clock, systemClock } from './lib/clock.ts';
import { loadMailIdentity } from './mail/identity.ts';
import { startInboundServer } from './mail/inbound-server.ts';
import { startMailCatcher } from './mail/mail-catcher.ts';
import { startMailWorker } from './mail/mail-worker.ts';
import { smtpTransport } from './mail/smtp-transport.ts';
import { startJobLoop } from './ops/background-jobs.ts';
import { paypalClientFromEnv } from './payments/paypal/paypal-client.ts';
import { createSandboxPaypal } from './payments/paypal/sandbox-paypal.ts';
import { sandboxProvider } from './payments/sandbox-provider.ts';
import type { AppDeps } from './web/context.ts';

/** Opens the database, migrates it, and builds the dependencies every process shares. */
export async function boot(
  env: Env,
  options: { clock?: Clock; log?: Logger; port?: number; database?: Database } = {},
) {
  const log = options.log ?? pino({ level: env.LOG_LEVEL, base: { service: 'tenpo' } });
  // A broken guide article stops the start with its file name instead of failing a page later.
  prepareGuide(env);
  const database: Database =
    options.database ??
    (await openDatabase({
      url: env.DATABASE_URL,
      dataDir: env.DATABASE_URL ? undefined : env.DATA_DIR,
      poolSize: env.DATABASE_POOL_SIZE,
    }));
  const applied = await migrate(database);
  if (applied.length > 0) log.info({ applied }, 'database migrated');
  const clock = options.clock ?? systemClock;
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${options.port ?? env.PORT}`).replace(
    /\/$/,
    '',
  );
  const deps: AppDeps = {
    db: database.db,
    env,
    clock,
    log,
    secret: await loadSecret(database.db, 'app'),
    publicUrl,
    payments: sandboxProvider(database.db, clock, `${publicUrl}/sandbox/3ds`),
    // Without credentials, the in-shop sandbox PayPal (its approval page at /sandbox/paypal).
    paypal:
      paypalClientFromEnv(env, { clock }) ??
      createSandboxPaypal({ db: database.db, clock, publicUrl }),
  };
  if (env.SEED_DEMO) {
    const seeded = await seedDemoCatalog(database.db, clock);
    if (seeded > 0) log.info({ products: seeded }, 'demo catalog seeded');
  }
  return { deps, database };
}

/**
 * Starts what runs beside (or instead of) the web server: the mail catcher when no SMTP_URL is
 * set, the outbox mail worker, and the periodic jobs. Returns a function that stops them.
 */
export async function startBackgroundWork(env: Env, deps: AppDeps, database: Database) {
  const catcher = env.SMTP_URL ? null : await startMailCatcher(deps.db, env.MAIL_CATCHER_PORT);
  const identity = await loadMailIdentity(deps.db, env);
  const smtpUrl = env.SMTP_URL ?? catcher!.url;
  const mailer = await startMailWorker(database, {
    db: deps.db,
    clock: deps.clock,
    log: deps.log,
    identity,
    shopName: env.SHOP_NAME,
    publicUrl: deps.publicUrl,
    secret: deps.secret,
    links: env.MAIL_LINKS,
    transport: smtpTransport(smtpUrl, identity),
    retryHours: env.MAIL_RETRY_HOURS,
    softBounceLimit: env.SOFT_BOUNCE_LIMIT,
  });
  const inbound =
    env.INBOUND_SMTP_PORT === undefined
      ? null
      : await startInboundServer(
          {
            ...deps,
            bounceDomain: identity.bounceDomain,
            softBounceLimit: env.SOFT_BOUNCE_LIMIT,
            // Customers answer our mail at the Reply-To; their answers join the inquiry desk.
            // `secret` (from deps) checks the signed support+<tag>@ address of each inquiry.
            supportAddress: identity.replyTo,
          },
          {
            port: env.INBOUND_SMTP_PORT,
            host: env.INBOUND_SMTP_HOST,
            tls:
              env.INBOUND_TLS_KEY_FILE && env.INBOUND_TLS_CERT_FILE
                ? { keyFile: env.INBOUND_TLS_KEY_FILE, certFile: env.INBOUND_TLS_CERT_FILE }
                : undefined,
          },
        );
  if (inbound)
    deps.log.info(
      {
        port: inbound.port,
        domain: identity.bounceDomain,
        support: identity.replyTo,
        starttls: !!env.INBOUND_TLS_KEY_FILE,
      },
      'inbound mail receiver listening (bounces and support replies)',
    );
  const stopJobs = startJobLoop(deps);
  deps.log.info(
    {
      name: `${identity.dkim.keySelector}._domainkey.${identity.domain}`,
      txt: identity.dkimDnsRecord,
    },
    'DKIM record to publish',
  );
  deps.log.info(
    { smtp: catcher ? `embedded mail catcher on port ${catcher.port}` : new URL(smtpUrl).host },
    'mail worker started',
  );
  return {
    catcher,
    inbound,
    drainMail: mailer.drain,
    stop: async () => {
      await stopJobs();
      await mailer.stop();
      await catcher?.close();
      await inbound?.close();
    },
  };
}
