import { and, eq, lt, or } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { safeEqual } from '../lib/ids.ts';
import { paypalPaymentState } from '../payments/payment-rules.ts';
import type {
  PaypalCapture,
  PaypalClient,
  PaypalFailure,
} from '../payments/paypal/paypal-client.ts';
import {
  type CheckoutStart,
  commitOrder,
  findOrderByKey,
  type OrderPayment,
  type PausedOrder,
  type PlaceOrderResult,
  quoteCheckout,
  replay,
  requoteCheckout,
  sameCheckout,
} from './place-order.ts';
import type { Quote } from './quote-order.ts';
import { checkouts } from './tables.ts';

/*
 * PayPal at checkout (issue 11, decision 0015): the same shape as 3-D Secure. The checkout is
 * priced and paused in `checkouts` (method paypal, the PayPal order id), the customer approves on
 * PayPal's page and comes back; the return claims the paused row, prices the cart again, captures
 * once (a PayPal-Request-Id derived from the checkout id, so a retry never charges twice) and
 * commits the order in one transaction. Money PayPal took without an order is refunded.
 */

export interface PaypalCheckoutDeps {
  db: Db;
  clock: Clock;
  paypal: PaypalClient;
  log?: Logger;
}

export type PaypalCheckoutResult =
  | PlaceOrderResult
  /** The customer approves on PayPal's page (again, after INSTRUMENT_DECLINED: another funding source). */
  | { kind: 'paypal_approval'; url: string; checkoutId: string }
  /** PayPal did not answer (timeout, 5xx): nothing was charged twice; the same return may be tried again. */
  | { kind: 'paypal_unavailable'; checkoutId: string | null }
  /** PayPal refused the payment: pay another way. */
  | { kind: 'paypal_declined' }
  /** The checkout was cancelled or ended without an order: check out again. */
  | { kind: 'paypal_ended' }
  /** Another return (a second tab) is capturing this checkout right now. */
  | { kind: 'paypal_in_progress'; checkoutId: string }
  /** The return's token is not the PayPal order this checkout paused for. */
  | { kind: 'tampered' };

/** What a PayPal checkout remembers while the customer is at PayPal. */
export interface PausedPaypal extends PausedOrder {
  /** Where the customer approves; PayPal's answers after the approval no longer carry it. */
  approveUrl: string;
}

/** PayPal keeps an approved order capturable for three hours; the checkout lasts as long. */
const APPROVAL_MINUTES = 180;

/** A claim this old was left by a process that died mid-capture; a return may claim it again. */
const STALE_CLAIM_MS = 2 * 60_000;

/** How long a second return waits for the first to finish before telling the customer to wait. */
const WAIT_FOR_OTHER_MS = 8_000;

/** The PayPal-Request-Id of a checkout's capture: every attempt sends the same one. */
export function captureRequestId(checkoutId: string): string {
  return `capture-${checkoutId}`;
}

/**
 * Starts paying by PayPal: prices the cart, creates the PayPal order for that total and pauses the
 * checkout until the customer comes back. The same key from the same cart and buyer continues
 * that checkout instead (the Store API's repeat after approval captures and returns the order).
 */
export async function placePaypalOrder(
  deps: PaypalCheckoutDeps,
  input: CheckoutStart & {
    returnUrl: (checkoutId: string) => string;
    cancelUrl: (checkoutId: string) => string;
  },
): Promise<PaypalCheckoutResult> {
  const { db, clock, paypal } = deps;
  const existing = await findOrderByKey(db, input.idempotencyKey);
  if (existing) return replay(existing, input);
  const paused = await pausedByKey(db, input.idempotencyKey);
  if (paused) return continuePaused(deps, paused, input);

  const quoted = await quoteCheckout(deps, input);
  if (quoted.kind !== 'quoted') return quoted;
  const checkoutId = crypto.randomUUID();
  const created = await paypal.createOrder({
    amountJpy: quoted.quote.totalJpy,
    reference: checkoutId,
    returnUrl: input.returnUrl(checkoutId),
    cancelUrl: input.cancelUrl(checkoutId),
    requestId: `create-${checkoutId}`,
  });
  if (!created.ok) {
    deps.log?.warn({ paypal: failureLog(created) }, 'PayPal order not created');
    return { kind: 'paypal_unavailable', checkoutId: null };
  }
  const request: PausedPaypal = {
    cartId: input.cartId,
    buyer: input.buyer,
    address: input.request.address,
    shippingMethod: input.request.shippingMethod,
    giftWrap: quoted.giftWrap,
    messageCard: quoted.messageCard,
    totalJpy: quoted.quote.totalJpy,
    approveUrl: created.approveUrl,
  };
  const inserted = await db
    .insert(checkouts)
    .values({
      id: checkoutId,
      idempotencyKey: input.idempotencyKey,
      request,
      method: 'paypal',
      paypalOrderId: created.id,
      amountJpy: quoted.quote.totalJpy,
      state: 'awaiting_approval',
      expiresAt: new Date(clock.now().getTime() + APPROVAL_MINUTES * 60_000),
    })
    .onConflictDoNothing({ target: checkouts.idempotencyKey })
    .returning({ id: checkouts.id });
  if (inserted.length === 0) {
    // A double submit paused first: continue that one; this PayPal order is never approved or captured.
    const first = await pausedByKey(db, input.idempotencyKey);
    if (!first) return { kind: 'cart_changed' };
    return continuePaused(deps, first, input);
  }
  return { kind: 'paypal_approval', url: created.approveUrl, checkoutId };
}

export type CheckoutRow = typeof checkouts.$inferSelect;

async function pausedByKey(db: Db, key: string): Promise<CheckoutRow | undefined> {
  const [row] = await db.select().from(checkouts).where(eq(checkouts.idempotencyKey, key));
  return row;
}

/** The same key again: only its own cart and buyer may continue it, and only as PayPal. */
async function continuePaused(
  deps: PaypalCheckoutDeps,
  paused: CheckoutRow,
  input: CheckoutStart,
): Promise<PaypalCheckoutResult> {
  if (paused.method !== 'paypal' || !sameCheckout(paused.request as PausedOrder, input)) {
    return { kind: 'key_reused' };
  }
  return (await resumePaypalCheckout(deps, paused.id)) ?? { kind: 'key_reused' };
}

/**
 * Finishes a PayPal checkout when the customer comes back from PayPal (`token` is PayPal's order
 * id, checked against the paused one) or the Store API repeats its request. One return claims the
 * checkout; another one at the same time waits for its order.
 */
export async function resumePaypalCheckout(
  deps: PaypalCheckoutDeps,
  checkoutId: string,
  token?: string,
): Promise<PaypalCheckoutResult | null> {
  const { db, clock } = deps;
  const [checkout] = await db.select().from(checkouts).where(eq(checkouts.id, checkoutId));
  if (checkout?.method !== 'paypal' || !checkout.paypalOrderId) return null;
  if (token !== undefined && !safeEqual(token, checkout.paypalOrderId)) return { kind: 'tampered' };
  const paused = checkout.request as PausedPaypal;
  const done = await findOrderByKey(db, checkout.idempotencyKey);
  if (done) return replay(done, paused);
  if (checkout.state === 'abandoned' || checkout.state === 'completed') {
    return { kind: 'paypal_ended' };
  }
  const now = clock.now();
  const [claimed] = await db
    .update(checkouts)
    .set({ state: 'capturing', claimedAt: now })
    .where(
      and(
        eq(checkouts.id, checkoutId),
        or(
          eq(checkouts.state, 'awaiting_approval'),
          and(
            eq(checkouts.state, 'capturing'),
            lt(checkouts.claimedAt, new Date(now.getTime() - STALE_CLAIM_MS)),
          ),
        ),
      ),
    )
    .returning();
  if (!claimed) return waitForOtherReturn(deps, checkout);
  return captureClaimed(deps, claimed, { triedBefore: checkout.claimedAt !== null });
}

/** A second tab: the first return holds the claim, so this one waits for its order. */
async function waitForOtherReturn(
  deps: PaypalCheckoutDeps,
  checkout: CheckoutRow,
): Promise<PaypalCheckoutResult> {
  const paused = checkout.request as PausedPaypal;
  const until = Date.now() + WAIT_FOR_OTHER_MS;
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const order = await findOrderByKey(deps.db, checkout.idempotencyKey);
    if (order) return replay(order, paused);
    const [now] = await deps.db.select().from(checkouts).where(eq(checkouts.id, checkout.id));
    // The first return gave up (PayPal down, cart changed): this one may try on its own.
    if (now?.state === 'awaiting_approval') return (await resumePaypalCheckout(deps, checkout.id))!;
    if (now?.state === 'abandoned') return { kind: 'paypal_ended' };
  }
  return { kind: 'paypal_in_progress', checkoutId: checkout.id };
}

async function captureClaimed(
  deps: PaypalCheckoutDeps,
  checkout: CheckoutRow,
  options: { triedBefore: boolean },
): Promise<PaypalCheckoutResult> {
  const { db, paypal } = deps;
  const paypalOrderId = checkout.paypalOrderId!;
  const paused = checkout.request as PausedPaypal;
  const release = (state: 'awaiting_approval' | 'abandoned') =>
    db
      .update(checkouts)
      .set({ state })
      .where(and(eq(checkouts.id, checkout.id), eq(checkouts.state, 'capturing')));

  // A cart changed while the customer was at PayPal is not captured: they review it first.
  const quoted = await requoteCheckout(deps, paused);
  if (!quoted.ok || quoted.quote.totalJpy !== checkout.amountJpy) {
    await release('abandoned');
    // An earlier return may have captured before PayPal's answer was lost: give that back.
    if (options.triedBefore) await refundStrayCapture(deps, checkout);
    return quoted.ok ? { kind: 'cart_changed' } : { kind: 'problems', problems: quoted.problems };
  }

  const captured = await paypal.captureOrder(paypalOrderId, captureRequestId(checkout.id));
  if (!captured.ok) {
    deps.log?.warn({ paypal: failureLog(captured), checkoutId: checkout.id }, 'PayPal capture');
    switch (captured.kind) {
      case 'instrument_declined':
        // PayPal's documented answer: back to PayPal to choose another funding source.
        await release('awaiting_approval');
        return {
          kind: 'paypal_approval',
          url: captured.approveUrl ?? paused.approveUrl,
          checkoutId: checkout.id,
        };
      case 'invalid':
        if (captured.issue === 'ORDER_NOT_APPROVED') {
          // Back before approving (or the API asked too early): the approval page is still there.
          await release('awaiting_approval');
          return { kind: 'paypal_approval', url: paused.approveUrl, checkoutId: checkout.id };
        }
        await release('abandoned');
        return { kind: 'paypal_declined' };
      case 'declined':
        await release('abandoned');
        return { kind: 'paypal_declined' };
      default:
        // Unknown whether PayPal captured: the retry sends the same request id, so it cannot charge twice.
        await release('awaiting_approval');
        return { kind: 'paypal_unavailable', checkoutId: checkout.id };
    }
  }

  const capture = captured.capture;
  const result = await commitPaypalCapture(deps, checkout, capture, quoted.quote, () =>
    refundCapture(deps, checkout.id, capture),
  );
  if (result.kind !== 'placed') await release('abandoned');
  return result;
}

/**
 * Commits the order of a claimed checkout PayPal has captured, priced as `quote`: the return and
 * the reconcile job (reconcile-paypal-checkouts.ts) both end here. A capture of another amount
 * than the checkout's, or a commit that fails (sold out, over a limit), gives the money back with
 * `refund`, unless the winning order for the checkout is paid by this very capture. What becomes
 * of the checkout row otherwise is the caller's.
 */
export async function commitPaypalCapture(
  deps: Pick<PaypalCheckoutDeps, 'db' | 'clock' | 'log'>,
  checkout: CheckoutRow,
  capture: PaypalCapture,
  quote: Quote,
  refund: () => Promise<unknown>,
): Promise<PlaceOrderResult> {
  if (capture.amountJpy !== checkout.amountJpy) {
    // Approved for another total than this checkout's: never keep money the order does not match.
    deps.log?.error(
      { checkoutId: checkout.id, capturedJpy: capture.amountJpy, amountJpy: checkout.amountJpy },
      'PayPal captured another amount than the checkout; refunding',
    );
    await refund();
    return { kind: 'cart_changed' };
  }
  return commitOrder(deps, {
    request: checkout.request as PausedPaypal,
    payment: paypalPayment(capture),
    idempotencyKey: checkout.idempotencyKey,
    quote,
    // Sold out or over a limit meanwhile: no order, so the money goes back.
    release: refund,
    checkoutId: checkout.id,
  });
}

/** How a PayPal capture is recorded on its order: paid, or waiting while PayPal reviews it. */
export function paypalPayment(capture: PaypalCapture): OrderPayment {
  const paid = capture.state === 'paid';
  return {
    provider: 'paypal',
    ref: capture.id,
    paymentState: paypalPaymentState(capture.state === 'paid' ? 'paid' : 'pending'),
    orderState: paid ? 'payment_authorised' : 'placed',
    cardBrand: null,
    cardLast4: null,
    // Pending too: the capture exists, and a refund of it waits until PayPal clears it.
    capturedJpy: capture.amountJpy,
    events: paid
      ? [
          { state: 'payment_authorised', note: 'PayPal' },
          { state: 'payment_captured', note: `PayPal capture ${capture.id}` },
        ]
      : [],
    mail: { paypalCaptureId: capture.id },
  };
}

/** The PayPal-Request-Id of the refund of a capture that has no order: one per checkout. */
export function strayRefundRequestId(checkoutId: string): string {
  return `refund-${checkoutId}`;
}

/** Gives back a capture that has no order; the request id makes a repeat harmless. */
async function refundCapture(
  deps: PaypalCheckoutDeps,
  checkoutId: string,
  capture: Pick<PaypalCapture, 'id' | 'amountJpy'>,
): Promise<void> {
  const refunded = await deps.paypal.refundCapture(capture.id, {
    amountJpy: capture.amountJpy,
    requestId: strayRefundRequestId(checkoutId),
  });
  if (!refunded.ok) {
    // Left for staff: PayPal holds money without an order (the log line says which).
    deps.log?.error(
      { paypal: failureLog(refunded), checkoutId, captureId: capture.id },
      'PayPal capture without an order could not be refunded',
    );
  }
}

/** A capture an earlier, unanswered attempt may have made, refunded if PayPal says it exists. */
async function refundStrayCapture(deps: PaypalCheckoutDeps, checkout: CheckoutRow): Promise<void> {
  const read = await deps.paypal.getOrder(checkout.paypalOrderId!);
  if (read.ok && read.order.capture && read.order.capture.state !== 'declined') {
    await refundCapture(deps, checkout.id, read.order.capture);
  }
}

/**
 * The customer cancelled on PayPal's page: the checkout ends, nothing was captured and the cart is
 * as it was. Returns what they had entered, to show the checkout again.
 */
export async function cancelPaypalCheckout(
  deps: Pick<PaypalCheckoutDeps, 'db'>,
  checkoutId: string,
  token: string,
): Promise<
  | { kind: 'cancelled'; paused: PausedPaypal }
  | Extract<PaypalCheckoutResult, { kind: 'placed' | 'key_reused' | 'tampered' }>
  | null
> {
  const { db } = deps;
  const [checkout] = await db.select().from(checkouts).where(eq(checkouts.id, checkoutId));
  if (checkout?.method !== 'paypal' || !checkout.paypalOrderId) return null;
  if (!safeEqual(token, checkout.paypalOrderId)) return { kind: 'tampered' };
  const paused = checkout.request as PausedPaypal;
  // Approved and placed in another tab first: that order stands.
  const done = await findOrderByKey(db, checkout.idempotencyKey);
  if (done) return replay(done, paused) as Extract<PaypalCheckoutResult, { kind: 'placed' }>;
  await db
    .update(checkouts)
    .set({ state: 'abandoned' })
    .where(and(eq(checkouts.id, checkoutId), eq(checkouts.state, 'awaiting_approval')));
  return { kind: 'cancelled', paused };
}

/** What a PayPal checkout remembers of the order, e.g. to show the form again after a return. */
export async function findPausedPaypal(db: Db, checkoutId: string): Promise<PausedPaypal | null> {
  const [row] = await db
    .select({ request: checkouts.request, method: checkouts.method })
    .from(checkouts)
    .where(eq(checkouts.id, checkoutId));
  return row?.method === 'paypal' ? (row.request as PausedPaypal) : null;
}

function failureLog(failure: PaypalFailure) {
  return {
    kind: failure.kind,
    issue: failure.issue,
    debugId: failure.debugId,
    httpStatus: failure.httpStatus,
  };
}
