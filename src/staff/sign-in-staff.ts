import { and, eq, isNull, sql } from 'drizzle-orm';
import { loginIdentity } from '../accounts/login-identity.ts';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../accounts/passwords.ts';
import { STAFF_SESSION_HOURS, startSession } from '../accounts/sessions.ts';
import { signInSucceeded, startSignInAttempt } from '../accounts/sign-in-throttle.ts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { type Staff, staff } from './tables.ts';

/** Wrong passwords in a row after which a staff account locks until `staff unlock`. */
export const STAFF_LOCK_AFTER_FAILURES = 10;

export type StaffSignInResult =
  | { ok: true; sessionToken: string }
  /** Unknown email, wrong password or a locked account: one answer, so a lock is not revealed. */
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * Signs staff in by email and password, through the shared sign-in throttle. Wrong passwords in a
 * row lock the account; the lock and its mail to the staff member commit together.
 */
export async function signInStaff(
  deps: { db: Db; clock: Clock },
  input: { email: string; password: string; clientAddress?: string | null },
): Promise<StaffSignInResult> {
  const now = deps.clock.now();
  const gate = await startSignInAttempt(deps.db, {
    door: 'staff',
    login: input.email,
    clientAddress: input.clientAddress,
    now,
  });
  if (!gate.ok)
    return { ok: false, reason: 'throttled', retryAfterSeconds: gate.retryAfterSeconds };
  const row = await findStaffByEmail(deps.db, input.email);
  const ok = await verifyPassword(input.password, row?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!row || row.lockedAt) return { ok: false, reason: 'invalid' };
  if (!ok) {
    await countStaffFailure(deps.db, row, { clientAddress: input.clientAddress ?? null, now });
    return { ok: false, reason: 'invalid' };
  }
  await deps.db.update(staff).set({ failedSignIns: 0 }).where(eq(staff.id, row.id));
  await signInSucceeded(deps.db, gate.attempt);
  const expires = new Date(now.getTime() + STAFF_SESSION_HOURS * 3600 * 1000);
  return { ok: true, sessionToken: await startSession(deps.db, { staffId: row.id }, expires) };
}

/** The staff account with this email, compared in the normal form of every login. */
export async function findStaffByEmail(db: Db, email: string): Promise<Staff | null> {
  const [row] = await db
    .select()
    .from(staff)
    .where(sql`lower(${staff.email}) = ${loginIdentity(email).needle}`);
  return row ?? null;
}

// One more wrong password; the one that reaches the limit locks the account and queues the mail.
async function countStaffFailure(
  db: Db,
  row: Staff,
  context: { clientAddress: string | null; now: Date },
) {
  await db.transaction(async (tx) => {
    const [counted] = await tx
      .update(staff)
      .set({
        failedSignIns: sql`${staff.failedSignIns} + 1`,
        lockedAt: sql`case when ${staff.failedSignIns} + 1 >= ${STAFF_LOCK_AFTER_FAILURES}
          then ${context.now.toISOString()}::timestamptz end`,
      })
      .where(and(eq(staff.id, row.id), isNull(staff.lockedAt)))
      .returning({ failedSignIns: staff.failedSignIns, lockedAt: staff.lockedAt });
    if (!counted?.lockedAt) return;
    await enqueueMail(tx, {
      topic: 'staff_locked',
      recipient: row.email,
      // Staff have no language setting; the console is in English.
      locale: 'en',
      payload: {
        name: row.name,
        failures: counted.failedSignIns,
        at: context.now.toISOString(),
        clientAddress: context.clientAddress ?? '',
      },
      now: context.now,
    });
  });
}
