import { and, desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { type CodeCheck, checkCode, issueCode, verificationCodes } from './verification-codes.ts';

/*
 * A registration whose email already belongs to a member must look, to the visitor, exactly like
 * a new one: a code page naming the typed address, codes that count down and expire, "send a new
 * code". A decoy is only that: an id shaped like a member id, and code rows (purpose
 * `registration_decoy`) whose hash no typed code matches. No member row, no mail to the visitor.
 * Not covered yet: a decoy holds no member ID and no password, so signing in with what was typed,
 * or registering that member ID again, still answers differently from a real pending registration.
 */

/** Starts a decoy for the typed address and returns its id (shaped like a member id). */
export async function startDecoy(tx: Tx, input: { email: string; now: Date }): Promise<string> {
  const decoyId = crypto.randomUUID();
  await issueDecoyCode(tx, { decoyId, email: input.email, now: input.now });
  return decoyId;
}

async function issueDecoyCode(tx: Tx, input: { decoyId: string; email: string; now: Date }) {
  await issueCode(tx, {
    purpose: 'registration_decoy',
    subjectId: input.decoyId,
    email: input.email,
    now: input.now,
    unusable: true,
  });
}

/** The address typed for a decoy registration, or null when there is no such decoy. */
export async function findDecoyEmail(db: Db | Tx, decoyId: string): Promise<string | null> {
  const [row] = await db
    .select({ email: verificationCodes.email })
    .from(verificationCodes)
    .where(
      and(
        eq(verificationCodes.purpose, 'registration_decoy'),
        eq(verificationCodes.subjectId, decoyId),
      ),
    )
    .orderBy(desc(verificationCodes.createdAt))
    .limit(1);
  return row?.email ?? null;
}

/** Refuses a code for a decoy the way a wrong code is refused: tries count down, codes expire. */
export async function refuseDecoyCode(
  deps: { db: Db; clock: Clock },
  input: { decoyId: string; code: string },
): Promise<Extract<CodeCheck, { ok: false }>> {
  const check = await checkCode(deps.db, {
    purpose: 'registration_decoy',
    subjectId: input.decoyId,
    code: input.code,
    now: deps.clock.now(),
  });
  // An unusable hash cannot match; should it ever, the answer is still a wrong code.
  return check.ok ? { ok: false, reason: 'wrong_code', attemptsLeft: 1 } : check;
}

/** "Send a new code" for a decoy: a fresh row, so the tries start again, and no mail. */
export async function resendDecoyCode(
  deps: { db: Db; clock: Clock },
  input: { decoyId: string },
): Promise<{ ok: boolean }> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const email = await findDecoyEmail(tx, input.decoyId);
    if (!email) return { ok: false };
    await issueDecoyCode(tx, { decoyId: input.decoyId, email, now });
    return { ok: true };
  });
}
