import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { Logger } from 'pino';
import type { Member } from '../accounts/tables.ts';
import type { Db } from '../db/client.ts';
import type { DomainLookup } from '../email-policy/dns-check.ts';
import type { Env } from '../env.ts';
import type { Clock } from '../lib/clock.ts';
import type { PaypalClient } from '../payments/paypal/paypal-client.ts';
import type { PaymentProvider } from '../payments/provider.ts';
import type { Staff } from '../staff/tables.ts';
import type { Locale, Translate } from './i18n.ts';

/** Everything a request handler may need, built once at boot. */
export interface AppDeps {
  db: Db;
  env: Env;
  clock: Clock;
  log: Logger;
  payments: PaymentProvider;
  /** PayPal, offered at checkout only when set (credentials in the settings, or a sandbox). */
  paypal?: PaypalClient;
  /** Signs cookies, CSRF tokens and guest order links; shared by all processes via the database. */
  secret: string;
  publicUrl: string;
  /** For calls to the outside world (SNS subscription confirmation); tests pass their own. */
  fetch?: typeof fetch;
  /** DNS for the email address policy; by default a resolver for env.DNS_SERVERS. Tests pass their own. */
  dns?: DomainLookup;
}

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    requestId: string;
    locale: Locale;
    t: Translate;
    visitorId: string;
    member: Member | null;
    staff: Staff | null;
    csrfToken: string;
    /** The console's nav, set by admin/ so that domains' staff pages never import it. */
    adminNav?: (c: Context<AppEnv>) => Child;
  };
};
