import { randomInt } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../db/client.ts';
import { hashToken, randomToken, safeEqual } from '../lib/ids.ts';

export const verificationCodes = pgTable('verification_codes', {
  id: uuid('id').primaryKey().defaultRandom(),
  purpose: text('purpose').notNull(),
  /** What the code unlocks, e.g. an order id. */
  subjectId: text('subject_id').notNull(),
  email: text('email').notNull(),
  codeHash: text('code_hash').notNull(),
  /** Hash of the link token when the code also travels as a link (password reset). */
  linkHash: text('link_hash'),
  attempts: integer('attempts').notNull().default(0),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const CODE_MINUTES = 10;
export const CODE_MAX_ATTEMPTS = 5;

export type CodePurpose =
  | 'order_email_change'
  | 'order_lookup'
  | 'registration'
  /** Stands in for a registration whose email already belongs to a member (see register-member.ts). */
  | 'registration_decoy'
  | 'email_change'
  | 'member_lookup'
  | 'password_reset';

function codeHash(id: string, code: string) {
  return hashToken(`${id}:${code}`);
}

/**
 * Creates a six-digit code for `email` inside the caller's transaction (so the mail carrying it
 * is queued in the same one). Issuing a new code retires earlier ones for the same subject.
 * `linkToken` lets the same code be redeemed through a link (only its hash is stored).
 * `unusable` stores a hash no typed code can match: the row then only counts tries and expires.
 */
export async function issueCode(
  tx: Tx,
  input: {
    purpose: CodePurpose;
    subjectId: string;
    email: string;
    now: Date;
    ttlMinutes?: number;
    linkToken?: string;
    unusable?: boolean;
  },
): Promise<string> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await tx
    .update(verificationCodes)
    .set({ usedAt: input.now })
    .where(
      and(
        eq(verificationCodes.purpose, input.purpose),
        eq(verificationCodes.subjectId, input.subjectId),
        isNull(verificationCodes.usedAt),
      ),
    );
  const id = crypto.randomUUID();
  await tx.insert(verificationCodes).values({
    id,
    purpose: input.purpose,
    subjectId: input.subjectId,
    email: input.email,
    codeHash: input.unusable ? hashToken(randomToken()) : codeHash(id, code),
    linkHash: input.linkToken ? hashToken(input.linkToken) : null,
    expiresAt: new Date(input.now.getTime() + (input.ttlMinutes ?? CODE_MINUTES) * 60_000),
    createdAt: input.now,
  });
  return code;
}

export type CodeCheck =
  | { ok: true; email: string }
  | {
      ok: false;
      reason: 'no_code' | 'expired' | 'too_many_attempts' | 'wrong_code';
      attemptsLeft?: number;
    };

/**
 * Checks a typed code against the newest one for the subject; five wrong tries use it up. Given a
 * transaction, it runs inside it (a savepoint), so the caller's change and the code's use commit
 * together while a wrong try is still counted.
 */
export async function checkCode(
  db: Db | Tx,
  input: { purpose: CodePurpose; subjectId: string; code: string; now: Date },
): Promise<CodeCheck> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(verificationCodes)
      .where(
        and(
          eq(verificationCodes.purpose, input.purpose),
          eq(verificationCodes.subjectId, input.subjectId),
          isNull(verificationCodes.usedAt),
        ),
      )
      .orderBy(desc(verificationCodes.createdAt))
      .limit(1)
      .for('update');
    if (!row) return { ok: false, reason: 'no_code' };
    if (row.expiresAt <= input.now) return { ok: false, reason: 'expired' };
    if (row.attempts >= CODE_MAX_ATTEMPTS) return { ok: false, reason: 'too_many_attempts' };
    if (!safeEqual(codeHash(row.id, input.code.trim()), row.codeHash)) {
      await tx
        .update(verificationCodes)
        .set({ attempts: sql`${verificationCodes.attempts} + 1` })
        .where(eq(verificationCodes.id, row.id));
      const attemptsLeft = CODE_MAX_ATTEMPTS - row.attempts - 1;
      return attemptsLeft > 0
        ? { ok: false, reason: 'wrong_code', attemptsLeft }
        : { ok: false, reason: 'too_many_attempts' };
    }
    await tx
      .update(verificationCodes)
      .set({ usedAt: input.now })
      .where(eq(verificationCodes.id, row.id));
    return { ok: true, email: row.email };
  });
}

export type LinkCheck =
  | { ok: true; id: string; subjectId: string; email: string }
  | { ok: false; reason: 'invalid' | 'expired' };

/** The unused code a link token belongs to, without using it up (see `markCodeUsed`). */
export async function checkLink(
  db: Db | Tx,
  input: { purpose: CodePurpose; token: string; now: Date },
): Promise<LinkCheck> {
  const [row] = await db
    .select()
    .from(verificationCodes)
    .where(
      and(
        eq(verificationCodes.purpose, input.purpose),
        eq(verificationCodes.linkHash, hashToken(input.token)),
        isNull(verificationCodes.usedAt),
      ),
    );
  if (!row) return { ok: false, reason: 'invalid' };
  if (row.expiresAt <= input.now) return { ok: false, reason: 'expired' };
  return { ok: true, id: row.id, subjectId: row.subjectId, email: row.email };
}

/** Uses up one code, e.g. once its link did what it was for. */
export async function markCodeUsed(tx: Tx, id: string, now: Date): Promise<void> {
  await tx.update(verificationCodes).set({ usedAt: now }).where(eq(verificationCodes.id, id));
}

/** Retires every open code of a purpose for a subject, e.g. once a password reset is done. */
export async function retireCodes(
  tx: Tx,
  input: { purpose: CodePurpose; subjectId: string; now: Date },
): Promise<void> {
  await tx
    .update(verificationCodes)
    .set({ usedAt: input.now })
    .where(
      and(
        eq(verificationCodes.purpose, input.purpose),
        eq(verificationCodes.subjectId, input.subjectId),
        isNull(verificationCodes.usedAt),
      ),
    );
}

/** The subject's code that can still be entered (not used, expired or used up), if any. */
export async function findLiveCode(
  db: Db | Tx,
  input: { purpose: CodePurpose; subjectId: string; now: Date },
): Promise<{ email: string; expiresAt: Date } | null> {
  const [row] = await db
    .select()
    .from(verificationCodes)
    .where(
      and(
        eq(verificationCodes.purpose, input.purpose),
        eq(verificationCodes.subjectId, input.subjectId),
        isNull(verificationCodes.usedAt),
      ),
    )
    .orderBy(desc(verificationCodes.createdAt))
    .limit(1);
  if (!row || row.expiresAt <= input.now || row.attempts >= CODE_MAX_ATTEMPTS) return null;
  return { email: row.email, expiresAt: row.expiresAt };
}
