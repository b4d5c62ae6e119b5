import type { Context } from 'hono';
import type { AppEnv } from '../web/context.ts';

/**
 * "Your case" on the flagship article: a signed-in member's own address, whether it passes the
 * policy or is suppressed, their last mails with states, and the actions. Null for guests.
 */
export async function memberCasePanel(c: Context<AppEnv>) {
  if (!c.get('member')) return null;
  return null;
}
