import { mergeCarts } from '../cart/merge-carts.ts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { recordAccountEvent } from './account-events.ts';
import { loginIdentity } from './login-identity.ts';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './passwords.ts';
import { findMemberByLogin } from './register-member.ts';
import { findDecoyByLogin } from './registration-decoys.ts';
import { MEMBER_SESSION_DAYS, startSession } from './sessions.ts';
import { signInSucceeded, startSignInAttempt } from './sign-in-throttle.ts';
import type { Member } from './tables.ts';

export type SignInResult =
  | { ok: true; member: Member; sessionToken: string }
  | { ok: false; reason: 'invalid' }
  /** Too many failures for this login or client address: nothing was checked; try again later. */
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number }
  /**
   * Only said to someone who gave the right password: the address still needs its code.
   * `pendingId` is the unconfirmed member's id, or a decoy's (see registration-decoys.ts).
   */
  | { ok: false; reason: 'unverified'; pendingId: string };

/**
 * Signs a member in with member ID or email and password. Every failure looks the same and takes
 * as long as a success, so nobody learns which accounts exist. The guest cart moves into theirs.
 * A registration decoy answers like the unconfirmed member it pretends to be: its password leads
 * to the code page. The work done depends only on whether the login is an address (two password
 * checks) or a member ID (one), never on what exists. Every door (web form, Store API) comes here,
 * so the sign-in throttle counts them all alike.
 */
export async function signIn(
  deps: { db: Db; clock: Clock },
  input: { login: string; password: string; visitorId?: string; clientAddress?: string | null },
): Promise<SignInResult> {
  const gate = await startSignInAttempt(deps.db, {
    door: 'member',
    login: input.login,
    clientAddress: input.clientAddress,
    now: deps.clock.now(),
  });
  if (!gate.ok)
    return { ok: false, reason: 'throttled', retryAfterSeconds: gate.retryAfterSeconds };
  const login = loginIdentity(input.login);
  const member = await findMemberByLogin(deps.db, input.login);
  const anyDecoy = await findDecoyByLogin(deps.db, login);
  // A member ID belongs to a member or to a decoy, never both (registerMember); a member wins.
  // An address belongs to a member and, when someone registered it again, to decoys: the oldest
  // one stands for the first registration of a fresh address. While the address's member is
  // unconfirmed, that member is the first registration and decoys stand for the later ones.
  const decoy =
    login.column === 'member_code'
      ? member
        ? null
        : anyDecoy
      : member && !member.emailVerifiedAt
        ? null
        : anyDecoy;
  const checks =
    login.column === 'member_code'
      ? [member?.passwordHash ?? decoy?.passwordHash ?? DUMMY_PASSWORD_HASH]
      : [member?.passwordHash ?? DUMMY_PASSWORD_HASH, decoy?.passwordHash ?? DUMMY_PASSWORD_HASH];
  const results = await Promise.all(checks.map((hash) => verifyPassword(input.password, hash)));
  const memberMatches = member !== null && results[0] === true;
  const decoyMatches = decoy !== null && results[login.column === 'member_code' ? 0 : 1] === true;
  const now = deps.clock.now();
  const outcome = memberMatches
    ? member.emailVerifiedAt
      ? 'ok'
      : 'unverified'
    : decoyMatches
      ? 'decoy_unverified'
      : member
        ? 'wrong_password'
        : 'unknown_login';
  // Recorded for unknown logins too, so both paths do the same work (and staff see attacks).
  await recordAccountEvent(deps.db, {
    memberId: member?.id ?? null,
    type: outcome === 'ok' ? 'signed_in' : 'sign_in_failed',
    detail: outcome === 'ok' ? {} : { reason: outcome },
    clientAddress: input.clientAddress ?? null,
    now,
  });
  if (outcome === 'decoy_unverified' && decoy)
    return { ok: false, reason: 'unverified', pendingId: decoy.id };
  if (!memberMatches || !member) return { ok: false, reason: 'invalid' };
  if (outcome === 'unverified') return { ok: false, reason: 'unverified', pendingId: member.id };
  // Only a full sign-in clears the failures: a decoy's password must not reset a member's count.
  await signInSucceeded(deps.db, gate.attempt);
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
