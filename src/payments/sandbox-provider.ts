import { and, eq, gte, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { randomToken } from '../lib/ids.ts';
import { cardDigits, detectBrand, passesLuhn } from './cards.ts';
import type {
  AuthoriseResult,
  CardInput,
  PaymentProvider,
  PaymentStatus,
  RefundAnswer,
} from './provider.ts';
import { sandboxPayments, sandboxRefunds } from './tables.ts';

/** Test numbers with fixed outcomes; any other valid number of an accepted brand is authorised. */
export const sandboxCards = {
  success: '4242424242424242',
  challenge: '4000000000003220',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  mastercard: '5555555555554444',
  jcb: '3530111333300000',
  amex: '378282246310005',
  /** Authorises, then fails at capture (a card closed or blocked in the meantime). */
  captureFails: '4000000000000341',
} as const;

/** The one-time code the sandbox's 3-D Secure page accepts. */
export const SANDBOX_CHALLENGE_CODE = '123456';

/**
 * A card network simulator: validates like a real acquirer, keeps its ledger in its own table,
 * and serves a 3-D Secure challenge page (see sandbox-routes.tsx).
 */
export function sandboxProvider(db: Db, clock: Clock, challengeBase: string): PaymentProvider {
  return {
    code: 'sandbox',

    async authorise({ amountJpy, card, returnUrl }): Promise<AuthoriseResult> {
      const digits = cardDigits(card.number);
      const brand = detectBrand(digits);
      if (!brand || !passesLuhn(digits)) return { status: 'declined', reason: 'invalid_card' };
      if (isExpired(card, clock.now())) return { status: 'declined', reason: 'expired_card' };
      if (digits === sandboxCards.declined) return { status: 'declined', reason: 'card_declined' };
      if (digits === sandboxCards.insufficientFunds) {
        return { status: 'declined', reason: 'insufficient_funds' };
      }
      const ref = `sbx_${randomToken(12)}`;
      const last4 = digits.slice(-4);
      const needsChallenge = digits === sandboxCards.challenge;
      const challengeToken = needsChallenge ? randomToken(16) : null;
      await db.insert(sandboxPayments).values({
        ref,
        amountJpy,
        brand,
        last4,
        status: needsChallenge ? 'challenge_required' : 'authorised',
        challengeToken,
        failsCapture: digits === sandboxCards.captureFails,
        createdAt: clock.now(),
        updatedAt: clock.now(),
      });
      if (needsChallenge) {
        const url = new URL(`${challengeBase}/${ref}`);
        url.searchParams.set('token', challengeToken!);
        url.searchParams.set('return', returnUrl);
        return { status: 'challenge_required', ref, brand, last4, challengeUrl: url.toString() };
      }
      return { status: 'authorised', ref, brand, last4 };
    },

    async status(ref) {
      const [row] = await db.select().from(sandboxPayments).where(eq(sandboxPayments.ref, ref));
      if (!row) return { status: 'unknown' as PaymentStatus, brand: null, last4: '' };
      return { status: row.status, brand: row.brand, last4: row.last4 };
    },

    async capture(ref, amountJpy) {
      const [before] = await db.select().from(sandboxPayments).where(eq(sandboxPayments.ref, ref));
      if (before?.failsCapture && before.status === 'authorised') {
        return { ok: false, reason: 'card_declined' };
      }
      // Conditional, so two concurrent captures of one authorisation take the money once; less
      // than authorised is fine (the rest of the hold lapses), more is refused.
      const [captured] = await db
        .update(sandboxPayments)
        .set({ status: 'captured', capturedJpy: amountJpy, updatedAt: clock.now() })
        .where(
          and(
            eq(sandboxPayments.ref, ref),
            eq(sandboxPayments.status, 'authorised'),
            gte(sandboxPayments.amountJpy, amountJpy),
          ),
        )
        .returning({ ref: sandboxPayments.ref });
      if (captured) return { ok: true };
      const [row] = await db.select().from(sandboxPayments).where(eq(sandboxPayments.ref, ref));
      // The same capture again (a retry after a crash) is answered like the first.
      if (row?.status === 'captured' && row.capturedJpy === amountJpy) return { ok: true };
      if (row?.status === 'authorised')
        return { ok: false, reason: 'amount_exceeds_authorisation' };
      return { ok: false, reason: 'not_authorised' };
    },

    async void(ref) {
      // Only a hold can be released; captured money needs a refund.
      await db
        .update(sandboxPayments)
        .set({ status: 'voided', updatedAt: clock.now() })
        .where(
          and(
            eq(sandboxPayments.ref, ref),
            inArray(sandboxPayments.status, ['authorised', 'challenge_required']),
          ),
        );
    },

    async refund(ref, { amountJpy, idempotencyKey }): Promise<RefundAnswer> {
      if (!Number.isInteger(amountJpy) || amountJpy <= 0) {
        throw new Error(`sandbox refund of ${amountJpy} yen: amounts are positive whole yen`);
      }
      return db.transaction(async (tx): Promise<RefundAnswer> => {
        // The payment's row lock puts concurrent refunds of one payment in a queue.
        const [payment] = await tx
          .select()
          .from(sandboxPayments)
          .where(eq(sandboxPayments.ref, ref))
          .for('update');
        const captured = payment?.status === 'captured' || payment?.status === 'refunded';
        const refundableJpy = captured ? payment.capturedJpy - payment.refundedJpy : 0;
        const [earlier] = await tx
          .select()
          .from(sandboxRefunds)
          .where(eq(sandboxRefunds.idempotencyKey, idempotencyKey));
        if (earlier) {
          if (earlier.paymentRef !== ref || earlier.amountJpy !== amountJpy) {
            return { ok: false, reason: 'key_reused', refundableJpy };
          }
          return { ok: true, refundRef: earlier.ref, amountJpy, replayed: true };
        }
        if (!captured) return { ok: false, reason: 'not_captured', refundableJpy };
        if (amountJpy > refundableJpy) {
          return { ok: false, reason: 'exceeds_captured', refundableJpy };
        }
        const refundRef = `sbr_${randomToken(12)}`;
        // The same key racing on another payment waits here, then finds the key taken.
        const [inserted] = await tx
          .insert(sandboxRefunds)
          .values({
            ref: refundRef,
            paymentRef: ref,
            idempotencyKey,
            amountJpy,
            createdAt: clock.now(),
          })
          .onConflictDoNothing()
          .returning({ ref: sandboxRefunds.ref });
        if (!inserted) return { ok: false, reason: 'key_reused', refundableJpy };
        const refundedJpy = payment.refundedJpy + amountJpy;
        await tx
          .update(sandboxPayments)
          .set({
            refundedJpy,
            status: refundedJpy === payment.capturedJpy ? 'refunded' : 'captured',
            updatedAt: clock.now(),
          })
          .where(eq(sandboxPayments.ref, ref));
        return { ok: true, refundRef, amountJpy, replayed: false };
      });
    },
  };
}

function isExpired(card: CardInput, now: Date): boolean {
  const year = card.expYear < 100 ? 2000 + card.expYear : card.expYear;
  // A card is valid through the last day of its expiry month.
  return (
    year < now.getUTCFullYear() ||
    (year === now.getUTCFullYear() && card.expMonth < now.getUTCMonth() + 1)
  );
}

/** The sandbox issuer's side of 3-D Secure: the customer typed `code` on the challenge page. */
export async function answerSandboxChallenge(
  db: Db,
  ref: string,
  token: string,
  code: string,
): Promise<'authorised' | 'declined' | 'invalid'> {
  const [row] = await db.select().from(sandboxPayments).where(eq(sandboxPayments.ref, ref));
  if (row?.status !== 'challenge_required' || row.challengeToken !== token) return 'invalid';
  const status = code === SANDBOX_CHALLENGE_CODE ? 'authorised' : 'declined';
  await db
    .update(sandboxPayments)
    .set({ status, challengeToken: null })
    .where(eq(sandboxPayments.ref, ref));
  return status;
}
