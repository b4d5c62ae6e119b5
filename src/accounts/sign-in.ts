import { mergeCarts } from '../cart/merge-carts.ts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { recordAccountEvent } from './account-events.ts';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './passwords.ts';
import { findMemberByLogin } from './register-member.ts';
import { MEMBER_SESSION_DAYS, startSession } from './sessions.ts';
import type { Member } from './tables.ts';

export type SignInResult =
  | { ok: true; member: Member; sessionToken: string }
  | { ok: false; reason: 'invalid' }
  /** Only said to someone who gave the right password: the address still needs its code. */
  | { ok: false; reason: 'unverified'; member: Member };

/**
 * Signs a member in with member ID or email and password. Every failure looks the same and takes
 * as long as a success, so nobody learns which accounts exist. The guest cart moves into theirs.
 */
export async function signIn(
  deps: { db: Db; clock: Clock },
  input: { login: string; password: string; visitorId?: string; clientAddress?: string | null },
): Promise<SignInResult> {
  const member = await findMemberByLogin(deps.db, input.login);
  const matches = await verifyPassword(input.password, member?.passwordHash ?? DUMMY_PASSWORD_HASH);
  const now = deps.clock.now();
  const outcome = !member
    ? 'unknown_login'
    : !matches
      ? 'wrong_password'
      : member.emailVerifiedAt
        ? 'ok'
        : 'unverified';
  // Recorded for unknown logins too, so both paths do the same work (and staff see attacks).
  await recordAccountEvent(deps.db, {
    memberId: member?.id ?? null,
    type: outcome === 'ok' ? 'signed_in' : 'sign_in_failed',
    detail: outcome === 'ok' ? {} : { reason: outcome },
    clientAddress: input.clientAddress ?? null,
    now,
  });
  if (!member || outcome === 'unknown_login' || outcome === 'wrong_password')
    return { ok: false, reason: 'invalid' };
  if (outcome === 'unverified') return { ok: false, reason: 'unverified', member };
  const sessionToken = await openMemberSession(deps, member, input.visitorId);
  return { ok: true, member, sessionToken };
}

/** Starts a session for a member who proved who they are, taking the visitor's cart along. */
export async function openMemberSession(
  deps: { db: Db; clock: Clock },
  member: Pick<Member, 'id'>,
  visitorId?: string,
): Promise<string> {
  const expires = new Date(deps.clock.now().getTime() + MEMBER_SESSION_DAYS * 24 * 3600 * 1000);
  const sessionToken = await startSession(deps.db, { memberId: member.id }, expires);
  if (visitorId) await mergeCarts(deps.db, visitorId, member.id);
  return sessionToken;
}
