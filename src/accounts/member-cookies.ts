import { and, eq, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { hmac, safeEqual } from '../lib/ids.ts';
import type { AppEnv } from '../web/context.ts';
import { clearCookie, cookieNames, setSessionCookie } from '../web/session.ts';
import { endSession, MEMBER_SESSION_DAYS } from './sessions.ts';
import { type Member, members } from './tables.ts';

const SESSION_SECONDS = MEMBER_SESSION_DAYS * 24 * 3600;

/** Remembers, for one browser, which new member is entering their registration code. */
export const PENDING_COOKIE = 'tp_verify';
const PENDING_SECONDS = 24 * 3600;

/** Sets the member session cookie; whatever session came in is ended first (rotation). */
export async function startMemberSession(c: Context<AppEnv>, token: string): Promise<void> {
  const previous = getCookie(c, cookieNames.member);
  if (previous) await endSession(c.get('deps').db, previous);
  setSessionCookie(c, cookieNames.member, token, SESSION_SECONDS);
}

function pendingSignature(c: Context<AppEnv>, memberId: string, expires: number) {
  return hmac(c.get('deps').secret, `verify:${memberId}.${expires}`);
}

/** Lets this browser enter the registration code of a member who proved who they are. */
export function setPendingVerification(c: Context<AppEnv>, memberId: string): void {
  const expires = c.get('deps').clock.now().getTime() + PENDING_SECONDS * 1000;
  const value = `${memberId}.${expires}.${pendingSignature(c, memberId, expires)}`;
  setSessionCookie(c, PENDING_COOKIE, value, PENDING_SECONDS);
}

export function clearPendingVerification(c: Context<AppEnv>): void {
  clearCookie(c, PENDING_COOKIE);
}

/** The unverified member this browser may enter a registration code for, if any. */
export async function findPendingMember(c: Context<AppEnv>): Promise<Member | null> {
  const [memberId, expires, signature] = (getCookie(c, PENDING_COOKIE) ?? '').split('.');
  if (!memberId || !expires || !signature) return null;
  if (!/^[0-9a-f-]{36}$/.test(memberId) || !/^\d{1,15}$/.test(expires)) return null;
  if (!safeEqual(signature, pendingSignature(c, memberId, Number(expires)))) return null;
  if (Number(expires) <= c.get('deps').clock.now().getTime()) return null;
  const [member] = await c
    .get('deps')
    .db.select()
    .from(members)
    .where(
      and(eq(members.id, memberId), isNull(members.emailVerifiedAt), isNull(members.cancelledAt)),
    );
  return member ?? null;
}
