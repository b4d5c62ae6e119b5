import { mergeCarts } from '../cart/merge-carts.ts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './passwords.ts';
import { findMemberByLogin } from './register-member.ts';
import { MEMBER_SESSION_DAYS, startSession } from './sessions.ts';
import type { Member } from './tables.ts';

export type SignInResult = { ok: true; member: Member; sessionToken: string } | { ok: false };

/**
 * Signs a member in with member ID or email and password. Every failure looks the same and takes
 * as long as a success, so nobody learns which accounts exist. The guest cart moves into theirs.
 */
export async function signIn(
  deps: { db: Db; clock: Clock },
  input: { login: string; password: string; visitorId?: string },
): Promise<SignInResult> {
  const member = await findMemberByLogin(deps.db, input.login);
  const matches = await verifyPassword(input.password, member?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!member || !matches) return { ok: false };
  const expires = new Date(deps.clock.now().getTime() + MEMBER_SESSION_DAYS * 24 * 3600 * 1000);
  const sessionToken = await startSession(deps.db, { memberId: member.id }, expires);
  if (input.visitorId) await mergeCarts(deps.db, input.visitorId, member.id);
  return { ok: true, member, sessionToken };
}
