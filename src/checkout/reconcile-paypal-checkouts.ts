import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import type { PaypalCapture, PaypalClient } from '../payments/paypal/paypal-client.ts';
import {
  type CheckoutRow,
  commitPaypalCapture,
  type PausedPaypal,
  strayRefundRequestId,
} from './paypal-checkout.ts';
import { findOrderByKey, requoteCheckout } from './place-order.ts';
import { checkouts } from './tables.ts';

/*
 * Reconciling PayPal checkouts (issue 11, decision 0015 "Reconciliation"): a return that died
 * between PayPal's capture and the order's commit, or a capture PayPal made after the shop stopped
 * waiting, leaves money without an order. The worker asks PayPal what happened to every checkout
 * left mid-capture or past its approval, and either commits the order as the return would have or
 * refunds the capture and tells the customer. Never a charge without an order, never two orders.
 */

/** A claim this old was left by a return that died; the job takes over. Returns take over after 2. */
export const RECONCILE_AFTER_MINUTES = 10;

/** At most this many checkouts a round, so one round stays short; the rest wait for the next. */
const BATCH = 50;

export interface ReconcileDeps {
  db: Db;
  clock: Clock;
  paypal?: PaypalClient | undefined;
  log?: Logger;
}

type Outcome = 'placed' | 'refunded' | 'abandoned' | 'released' | 'left' | 'skipped';

/**
 * One round: every PayPal checkout stuck in `capturing` (claimed more than RECONCILE_AFTER_MINUTES
 * ago), or waiting for approval past its expiry (or since a capture attempt that long ago), is
 * settled against what PayPal says. Returns how many were settled; those PayPal did not answer for
 * are left as they were for the next round.
 */
export async function reconcilePaypalCheckouts(deps: ReconcileDeps): Promise<number> {
  const { db, clock, paypal } = deps;
  if (!paypal) return 0;
  const now = clock.now();
  const cutoff = new Date(now.getTime() - RECONCILE_AFTER_MINUTES * 60_000);
  const stuck = await db
    .select()
    .from(checkouts)
    .where(
      and(
        eq(checkouts.method, 'paypal'),
        or(
          and(eq(checkouts.state, 'capturing'), lt(checkouts.claimedAt, cutoff)),
          and(
            eq(checkouts.state, 'awaiting_approval'),
            // A capture that timed out put the checkout back here: PayPal may hold its money.
            or(lt(checkouts.expiresAt, now), lt(checkouts.claimedAt, cutoff)),
          ),
        ),
      ),
    )
    .orderBy(checkouts.createdAt)
    .limit(BATCH);
  let settled = 0;
  for (const row of stuck) {
    try {
      const outcome = await reconcileOne({ ...deps, paypal }, row, now);
      if (outcome === 'placed' || outcome === 'refunded' || outcome === 'abandoned') settled++;
    } catch (err) {
      // One checkout's trouble (a database error) does not stop the others; its claim goes stale.
      deps.log?.error({ err, checkoutId: row.id }, 'PayPal checkout reconciliation failed');
    }
  }
  return settled;
}

async function reconcileOne(
  deps: ReconcileDeps & { paypal: PaypalClient },
  seen: CheckoutRow,
  now: Date,
): Promise<Outcome> {
  const { db, paypal } = deps;
  // Claim it as it was seen: another worker, or a customer's return, that changed it first wins.
  const [checkout] = await db
    .update(checkouts)
    .set({ state: 'capturing', claimedAt: now })
    .where(
      and(
        eq(checkouts.id, seen.id),
        eq(checkouts.state, seen.state),
        seen.claimedAt ? eq(checkouts.claimedAt, seen.claimedAt) : isNull(checkouts.claimedAt),
      ),
    )
    .returning();
  if (!checkout) return 'skipped';
  // Ours only while the claim is: a return takes a claim over after two minutes.
  const ours = and(
    eq(checkouts.id, checkout.id),
    eq(checkouts.state, 'capturing'),
    eq(checkouts.claimedAt, now),
  );
  const giveBack = () =>
    db.update(checkouts).set({ state: seen.state, claimedAt: seen.claimedAt }).where(ours);
  const end = (state: 'awaiting_approval' | 'abandoned') =>
    db.update(checkouts).set({ state }).where(ours);
  const log = { checkoutId: checkout.id, paypalOrderId: checkout.paypalOrderId };

  const read = await paypal.getOrder(checkout.paypalOrderId!);
  if (!read.ok) {
    if (read.kind === 'not_found') {
      await end('abandoned');
      return 'abandoned';
    }
    deps.log?.warn(
      { ...log, kind: read.kind, issue: read.issue },
      'PayPal did not say; next round',
    );
    await giveBack();
    return 'left';
  }
  const capture = read.order.capture;
  if (!capture || capture.state === 'declined') {
    // Nothing was taken. Approved but never captured: PayPal voids the order by itself.
    if (checkout.expiresAt > now && read.order.status !== 'VOIDED' && capture === undefined) {
      // The customer may still come back from PayPal and finish.
      await end('awaiting_approval');
      return 'released';
    }
    await end('abandoned');
    return 'abandoned';
  }

  const order = await findOrderByKey(db, checkout.idempotencyKey);
  if (order) {
    // Committed after all (the order's transaction completes the checkout; this is a safety net).
    await db.update(checkouts).set({ state: 'completed', orderId: order.id }).where(ours);
    return 'placed';
  }
  return settleCapture(deps, checkout, capture, { giveBack, log });
}

/** PayPal holds the money and there is no order: commit it as the return would have, or refund. */
async function settleCapture(
  deps: ReconcileDeps & { paypal: PaypalClient },
  checkout: CheckoutRow,
  capture: PaypalCapture,
  claim: {
    giveBack: () => Promise<unknown>;
    log: Record<string, unknown>;
  },
): Promise<Outcome> {
  const { db, clock, paypal } = deps;
  const paused = checkout.request as PausedPaypal;
  const alreadyRefunded = capture.status === 'REFUNDED';
  let refunded: boolean | undefined;
  const refund = async () => {
    if (alreadyRefunded || refunded) return;
    const answer = await paypal.refundCapture(capture.id, {
      amountJpy: capture.amountJpy,
      requestId: strayRefundRequestId(checkout.id),
    });
    refunded = answer.ok || answer.issue === 'CAPTURE_FULLY_REFUNDED';
    if (!refunded)
      deps.log?.warn({ ...claim.log, issue: answer.ok ? null : answer.issue }, 'refund');
  };

  if (!alreadyRefunded) {
    const quoted = await requoteCheckout(deps, paused);
    if (quoted.ok && quoted.quote.totalJpy === checkout.amountJpy) {
      const result = await commitPaypalCapture(deps, checkout, capture, quoted.quote, refund);
      if (result.kind === 'placed') {
        deps.log?.info({ ...claim.log, orderId: result.order.id }, 'PayPal checkout committed');
        return 'placed';
      }
    }
  }
  await refund();
  if (!alreadyRefunded && !refunded) {
    // PayPal would not refund now (down, or the capture still pending): the next round tries again.
    await claim.giveBack();
    return 'left';
  }
  const now = clock.now();
  const ended = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(checkouts)
      .set({ state: 'abandoned' })
      .where(
        and(
          eq(checkouts.id, checkout.id),
          eq(checkouts.state, 'capturing'),
          eq(checkouts.claimedAt, checkout.claimedAt!),
        ),
      )
      .returning({ id: checkouts.id });
    if (!row) return false;
    await enqueueMail(tx, {
      now,
      topic: 'checkout_refunded',
      recipient: paused.buyer.email,
      locale: paused.buyer.locale,
      memberId: paused.buyer.memberId,
      payload: {
        name: paused.address.name,
        amountJpy: capture.amountJpy,
        paypalCaptureId: capture.id,
        checkoutId: checkout.id,
      },
    });
    return true;
  });
  deps.log?.warn({ ...claim.log, captureId: capture.id }, 'PayPal capture without order refunded');
  return ended ? 'refunded' : 'skipped';
}
