import type { Context } from 'hono';
import { formatTokyoTime } from '../lib/japan-time.ts';
import type { AppEnv } from '../web/context.ts';

/** When a rate-limited request may be tried again, as "11:05", with the Retry-After header set. */
export function retryTime(c: Context<AppEnv>, retryAfterSeconds: number): string {
  c.header('retry-after', String(retryAfterSeconds));
  const at = new Date(c.get('deps').clock.now().getTime() + retryAfterSeconds * 1000);
  return formatTokyoTime(at, c.get('locale'));
}

/** "Too many attempts. Please try again at 11:05." */
export function limitedMessage(c: Context<AppEnv>, retryAfterSeconds: number): string {
  return c.get('t')('acct.limitedAt', { time: retryTime(c, retryAfterSeconds) });
}

/** The named form fields as typed (cut short), to put back into a form that is shown again. */
export function typedValues(
  body: Record<string, unknown>,
  names: string[],
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) {
    const value = body[name];
    if (typeof value === 'string') values[name] = value.slice(0, 300);
  }
  return values;
}
