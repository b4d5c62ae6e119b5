import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { findMemberByEmail, lookupSubject } from './request-member-lookup.ts';
import { checkCode } from './verification-codes.ts';

export type MemberLookupResult =
  | { ok: true; memberCode: string | null; matches: boolean }
  | { ok: false; reason: 'wrong_code' | 'expired' | 'too_many_attempts' | 'no_code' };

/**
 * With the code from the lookup mail, the member ID registered for the address and whether it is
 * the one the customer typed (letter case aside).
 */
export async function confirmMemberLookup(
  deps: { db: Db; clock: Clock },
  input: { email: string; memberCode: string; code: string },
): Promise<MemberLookupResult> {
  const check = await checkCode(deps.db, {
    purpose: 'member_lookup',
    subjectId: lookupSubject(input.email),
    code: input.code,
    now: deps.clock.now(),
  });
  if (!check.ok) return { ok: false, reason: check.reason };
  const member = await findMemberByEmail(deps.db, check.email);
  const memberCode = member?.memberCode ?? null;
  return {
    ok: true,
    memberCode,
    matches: memberCode !== null && memberCode.toLowerCase() === input.memberCode.toLowerCase(),
  };
}
