import pino from 'pino';
import type { Database } from '../db/client.ts';
import { parseEnv } from '../env.ts';
import type { Clock } from '../lib/clock.ts';
import type { MailerDeps } from '../mail/deliver-mail.ts';
import { loadMailIdentity } from '../mail/identity.ts';
import { type MailCatcher, startMailCatcher } from '../mail/mail-catcher.ts';
import { smtpTransport } from '../mail/smtp-transport.ts';

/** A mailer wired to a real in-process SMTP catcher on the test database. */
export async function testMailer(
  database: Database,
  clock: Clock,
  overrides: Partial<MailerDeps> & { env?: Record<string, string> } = {},
): Promise<{ deps: MailerDeps; catcher: MailCatcher; close(): Promise<void> }> {
  const env = parseEnv({ LOG_LEVEL: 'silent', ...overrides.env });
  const catcher = await startMailCatcher(database.db);
  const identity = await loadMailIdentity(database.db, env);
  const deps: MailerDeps = {
    db: database.db,
    clock,
    log: pino({ level: 'silent' }),
    identity,
    shopName: env.SHOP_NAME,
    publicUrl: 'http://shop.test',
    secret: 'test-secret',
    links: env.MAIL_LINKS,
    transport: smtpTransport(catcher.url, identity),
    retryHours: env.MAIL_RETRY_HOURS,
    softBounceLimit: env.SOFT_BOUNCE_LIMIT,
    ...overrides,
  };
  return {
    deps,
    catcher,
    close: async () => {
      deps.transport.close();
      await catcher.close();
    },
  };
}
