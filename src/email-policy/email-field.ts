import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { hmac, safeEqual } from '../lib/ids.ts';
import type { AppEnv } from '../web/context.ts';
import type { Translate } from '../web/i18n.ts';
import { setSessionCookie } from '../web/session.ts';
import { checkEmailAddress, type EmailCheck, type EmailPolicyDeps } from './check-email-address.ts';
import { fieldMessage } from './messages.ts';

/** Remembers which warned-about address the customer has seen, so sending it again continues. */
const WARNED_COOKIE = 'tp_email_warned';
const WARNED_SECONDS = 30 * 60;

export type EmailFieldResult =
  | { ok: true; email: string; check: EmailCheck }
  | { ok: false; message: string; check: EmailCheck };

function warnedToken(secret: string, normalized: string): string {
  return hmac(secret, `email-warned:${normalized.toLowerCase()}`);
}

/**
 * The submit-time check of a form's email field. `reject` is refused with a message saying what
 * to change; `warn` is refused once with the explanation, and the same address sent again goes
 * through (a signed cookie remembers it, so this works without JavaScript).
 */
export async function checkEmailField(
  c: Context<AppEnv>,
  typed: string,
  deps: EmailPolicyDeps = c.get('deps'),
): Promise<EmailFieldResult> {
  const t = c.get('t');
  const check = await checkEmailAddress(typed, deps);
  if (check.allowed.length > 0 || check.unverified) {
    c.get('deps').log.info(
      { allowed: check.allowed, unverified: check.unverified, path: c.req.path },
      'email address accepted without a full check',
    );
  }
  if (check.verdict === 'ok') return { ok: true, email: check.normalized, check };
  if (check.verdict === 'warn') {
    const token = warnedToken(c.get('deps').secret, check.normalized);
    const seen = getCookie(c, WARNED_COOKIE);
    if (seen && safeEqual(seen, token)) return { ok: true, email: check.normalized, check };
    setSessionCookie(c, WARNED_COOKIE, token, WARNED_SECONDS);
  }
  return { ok: false, message: fieldMessage(t, check), check };
}

const typedEmail = z.string('v.required').trim().min(1, 'v.required').max(254, 'v.tooLong');

/**
 * A zod field for a form's email (parse with `safeParseAsync`): outputs the normalised address,
 * or an issue whose message is already translated. Same rules as `checkEmailField`.
 */
export function formEmail(c: Context<AppEnv>) {
  return typedEmail.transform(async (typed, ctx) => {
    const result = await checkEmailField(c, typed);
    if (result.ok) return result.email;
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  });
}

/**
 * A zod field outside forms (API bodies, jobs): rejects only `reject` verdicts, since there is no
 * one to show a warning to. Parse with `safeParseAsync`.
 */
export function policyEmail(deps: EmailPolicyDeps, t: Translate) {
  return typedEmail.transform(async (typed, ctx) => {
    const check = await checkEmailAddress(typed, deps);
    if (check.verdict !== 'reject') return check.normalized;
    ctx.addIssue({ code: 'custom', message: fieldMessage(t, check) });
    return z.NEVER;
  });
}
