import { and, eq, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { hmac, safeEqual } from '../lib/ids.ts';
import type { AppEnv } from '../web/context.ts';
import { clearCookie, cookieNames, setSessionCookie } from '../web/session.ts';
import { findDecoyEmail } from './registration-decoys.ts';
import { endSession, MEMBER_SESSION_DAYS } from './sessions.ts';
import { type Member, members } from './tables.ts';

const SESSION_SECONDS = MEMBER_SESSION_DAYS * 24 * 3600;

/**
 * Remembers, for one browser, which new member (or decoy, see registration-decoys.ts) is entering
 * a registration code. Both carry an id of the same shape, so the cookie does not tell them apart.
 */
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

/** Lets this browser enter the registration code of a member who proved who they are, or of a decoy. */
export function setPendingVerification(c: Context<AppEnv>, memberId: string): void {
  const expires = c.get('deps').clock.now().getTime() + PENDING_SECONDS * 1000;
  const value = `${memberId}.${expires}.${pendingSignature(c, memberId, expires)}`;
  setSessionCookie(c, PENDING_COOKIE, value, PENDING_SECONDS);
}

export function clearPendingVerification(c: Context<AppEnv>): void {
  clearCookie(c, PENDING_COOKIE);
}

/** What this browser may enter a registration code for: an unverified member, or a decoy. */
export type PendingRegistration =
  | { kind: 'member'; id: string; email: string; member: Member }
  | { kind: 'decoy'; id: string; email: string };

/** The registration this browser may enter a code for, if any. */
export async function findPendingRegistration(
  c: Context<AppEnv>,
): Promise<PendingRegistration | null> {
  const [id, expires, signature] = (getCookie(c, PENDING_COOKIE) ?? '').split('.');
  if (!id || !expires || !signature) return null;
  if (!/^[0-9a-f-]{36}$/.test(id) || !/^\d{1,15}$/.test(expires)) return null;
  if (!safeEqual(signature, pendingSignature(c, id, Number(expires)))) return null;
  if (Number(expires) <= c.get('deps').clock.now().getTime()) return null;
  const { db } = c.get('deps');
  const [member] = await db
    .select()
    .from(members)
    .where(and(eq(members.id, id), isNull(members.emailVerifiedAt), isNull(members.cancelledAt)));
  if (member) return { kind: 'member', id, email: member.email, member };
  const decoyEmail = await findDecoyEmail(db, id);
  return decoyEmail ? { kind: 'decoy', id, email: decoyEmail } : null;
}
