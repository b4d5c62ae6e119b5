import { isIP } from 'node:net';
import { z } from 'zod';
import { paypalSettings, withPaypalPairing } from './payments/paypal/paypal-settings.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const ruleLevels = ['reject', 'warn', 'allow'] as const;
// `syntax` is not listed: an address that is not one plain address cannot be mailed at all.
const relaxableRules = [
  'symbol',
  'dot_position',
  'consecutive_dots',
  'too_long',
  'domain_syntax',
  'domain_not_found',
] as const;

/** `1.1.1.1`, `127.0.0.1:5353`, `::1` or `[::1]:5353`: node's resolver takes IP addresses only. */
function isDnsServer(entry: string): boolean {
  const bracketed = entry.match(/^\[([^\]]+)\](?::(\d{1,5}))?$/);
  if (bracketed) return isIP(bracketed[1]!) === 6 && Number(bracketed[2] ?? 53) <= 65535;
  if (isIP(entry)) return true;
  const [host, port, ...rest] = entry.split(':');
  return (
    rest.length === 0 && isIP(host!) === 4 && /^\d{1,5}$/.test(port ?? '') && Number(port) <= 65535
  );
}

/** Every setting the shop reads, parsed once at boot. Documented in README.md. */
const settings = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./var'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  RUN_WORKER: bool.default(true),
  SEED_DEMO: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SECURE_COOKIES: bool.optional(),
  /** Reverse proxies in front of the shop whose X-Forwarded-For entries are believed (0 = none). */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  SHOP_NAME: z.string().min(1).default('Tenpo'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_DOMAIN: z
    .string()
    .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be a lower-case domain name')
    .default('tenpo.example'),
  MAIL_FROM_NAME: z.string().min(1).max(60).optional(),
  MAIL_REPLY_TO: z.email().optional(),
  BOUNCE_DOMAIN: z
    .string()
    .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be a lower-case domain name')
    .optional(),
  DKIM_SELECTOR: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .default('tenpo'),
  DKIM_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  MAIL_LINKS: z.enum(['one', 'none']).default('one'),
  MAIL_RETRY_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 14)
    .default(72),
  SOFT_BOUNCE_LIMIT: z.coerce.number().int().min(1).max(100).default(3),
  /** Newsletter mails that become due per minute, so broadcasts never crowd out order mail. */
  NEWSLETTER_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(60),
  MAIL_CATCHER_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  INBOUND_SMTP_HOST: z.string().min(1).default('0.0.0.0'),
  /** PEM key and certificate: with both, the inbound listener offers STARTTLS. */
  INBOUND_TLS_KEY_FILE: z.string().min(1).optional(),
  INBOUND_TLS_CERT_FILE: z.string().min(1).optional(),
  MAIL_WEBHOOK_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Bearer token Prometheus sends for /metrics; without it only loopback clients may scrape. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  ...paypalSettings,
  /** Points earned per 100 yen paid by card or PayPal (1 = 1%, rounded down). */
  POINTS_RATE_PERCENT: z.coerce.number().int().min(0).max(100).default(1),
  /** How many days before points expire the reminder mail goes out. */
  POINTS_REMINDER_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  DNS_SERVERS: z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === '') return undefined;
      if (v === 'off') return 'off' as const;
      const servers = v.split(',').map((s) => s.trim());
      const bad = servers.filter((s) => !isDnsServer(s));
      if (bad.length) {
        ctx.addIssue({
          code: 'custom',
          message: `must be off or IP[:port],... (not a server: ${bad.join(', ')})`,
        });
        return z.NEVER;
      }
      return servers;
    })
    .optional(),
  EMAIL_POLICY_RULES: z
    .string()
    .trim()
    .transform((v, ctx) => {
      const levels: Partial<Record<(typeof relaxableRules)[number], (typeof ruleLevels)[number]>> =
        {};
      for (const pair of v.split(',').filter((p) => p.trim())) {
        const [rule, level] = pair.split('=').map((s) => s.trim());
        const code = relaxableRules.find((r) => r === rule);
        const to = ruleLevels.find((l) => l === level);
        if (!code || !to) {
          ctx.addIssue({
            code: 'custom',
            message: `"${pair.trim()}" is not rule=level (rules: ${relaxableRules.join(', ')}; levels: ${ruleLevels.join(', ')})`,
          });
          return z.NEVER;
        }
        levels[code] = to;
      }
      return levels;
    })
    .default({}),
});

export const envSchema = withPaypalPairing(settings).refine(
  (env) => !env.INBOUND_TLS_KEY_FILE === !env.INBOUND_TLS_CERT_FILE,
  {
    message: 'INBOUND_TLS_KEY_FILE and INBOUND_TLS_CERT_FILE go together: set both or neither',
    path: ['INBOUND_TLS_CERT_FILE'],
  },
);

export type Env = z.infer<typeof envSchema>;

/** Parses the environment or throws an error whose message names each bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}
