import { and, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import { loadCartLines } from '../cart/find-cart.ts';
import { cartItems } from '../cart/tables.ts';
import { productColumns, products } from '../catalog/tables.ts';
import type { Db, Tx } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { newOrderNumber } from '../lib/ids.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import type { MailPayloads } from '../mail/payloads.ts';
import {
  type Order,
  type OrderEventState,
  orderEvents,
  orderLines,
  orders,
  type PaymentState,
} from '../orders/tables.ts';
import type { CardBrand } from '../payments/cards.ts';
import { initialPaymentState } from '../payments/payment-rules.ts';
import type { PaypalClient } from '../payments/paypal/paypal-client.ts';
import type { DeclineReason, PaymentProvider, PaymentProviderCode } from '../payments/provider.ts';
import type { Locale } from '../web/i18n.ts';
import { canWrap } from './gift-options.ts';
import { type CheckoutInput, parseExpiry, type ShippingAddress } from './inputs.ts';
import { type Quote, type QuoteProblem, quoteOrder } from './quote-order.ts';
import { checkouts } from './tables.ts';

export interface CheckoutDeps {
  db: Db;
  clock: Clock;
  payments: PaymentProvider;
  /** Offered at checkout only when set. */
  paypal?: PaypalClient;
}

/** Who is buying; a member's orders keep the member's email at the time as contact email. */
export interface Buyer {
  memberId: string | null;
  email: string;
  locale: Locale;
}

export type PlaceOrderResult =
  | { kind: 'placed'; order: Order; replayed: boolean }
  | { kind: 'challenge'; url: string; checkoutId: string }
  | { kind: 'declined'; reason: DeclineReason | 'challenge_failed' }
  | { kind: 'problems'; problems: QuoteProblem[] }
  /** Gift wrapping or a message card was asked for, but the cart holds nothing that ships. */
  | { kind: 'gift_unavailable'; field: 'giftWrap' | 'messageCard' }
  | { kind: 'cart_changed' }
  /** The Idempotency-Key belongs to a checkout from another cart or buyer: nothing of it is shown. */
  | { kind: 'key_reused' };

/** What a paused checkout remembers of the order while the customer is away. */
export interface PausedOrder {
  cartId: string;
  buyer: Buyer;
  address: ShippingAddress;
  shippingMethod: CheckoutInput['shippingMethod'];
  /** Missing on checkouts paused before gift options existed. */
  giftWrap?: boolean;
  messageCard?: string | null;
  totalJpy: number;
}

/** What a card checkout remembers while the customer is at the 3-D Secure page: no card data. */
interface PausedRequest extends PausedOrder {
  brand: CardBrand;
  last4: string;
}

/** How an order is paid, as its row and its first events record it. */
export interface OrderPayment {
  provider: PaymentProviderCode;
  ref: string;
  paymentState: PaymentState;
  /** payment_authorised once the money is secured; placed while a PayPal capture waits for review. */
  orderState: 'placed' | 'payment_authorised';
  cardBrand: CardBrand | null;
  cardLast4: string | null;
  /** Money already taken when the order is placed (a PayPal capture); a card is captured at shipping. */
  capturedJpy: number;
  /** The events after `placed`, e.g. payment_authorised with the card's brand and last digits. */
  events: { state: OrderEventState; note: string }[];
  /** What the confirmation mail's payload records of the payment. */
  mail: Pick<MailPayloads['order_placed'], 'paypalCaptureId'>;
}

function cardPayment(
  code: PaymentProviderCode,
  ref: string,
  request: Pick<PausedRequest, 'brand' | 'last4'>,
): OrderPayment {
  return {
    provider: code,
    ref,
    paymentState: initialPaymentState,
    orderState: 'payment_authorised',
    cardBrand: request.brand,
    cardLast4: request.last4,
    capturedJpy: 0,
    events: [{ state: 'payment_authorised', note: `${request.brand} •••• ${request.last4}` }],
    mail: {},
  };
}

const CHALLENGE_MINUTES = 30;

/**
 * Places an order from a cart: prices it, authorises the card (possibly via 3-D Secure), then in
 * one transaction reserves stock, writes the order and its outbox mail, and empties the cart.
 * The same idempotency key always yields the same order, but only to the cart and buyer that
 * first used it; from anywhere else it is `key_reused`.
 */
export async function placeOrder(
  deps: CheckoutDeps,
  input: {
    cartId: string;
    buyer: Buyer;
    request: CheckoutInput;
    idempotencyKey: string;
    returnUrl: (checkoutId: string) => string;
  },
): Promise<PlaceOrderResult> {
  const { db, clock, payments } = deps;
  const existing = await findOrderByKey(db, input.idempotencyKey);
  if (existing) return replay(existing, input);
  if (await keyPausedElsewhere(db, input)) return { kind: 'key_reused' };

  const quoted = await quoteCheckout(deps, input);
  if (quoted.kind !== 'quoted') return quoted;
  const { giftWrap, messageCard } = quoted;
  const card = input.request.card;
  // The input schema requires a card for card payments; PayPal checkouts start elsewhere.
  if (input.request.paymentMethod !== 'card' || !card) throw new Error('placeOrder pays by card');

  const checkoutId = crypto.randomUUID();
  const auth = await payments.authorise({
    amountJpy: quoted.quote.totalJpy,
    card: { ...card, ...parseExpiry(card.expiry) },
    returnUrl: input.returnUrl(checkoutId),
  });
  if (auth.status === 'declined') return { kind: 'declined', reason: auth.reason };

  const paused: PausedRequest = {
    cartId: input.cartId,
    buyer: input.buyer,
    address: input.request.address,
    shippingMethod: input.request.shippingMethod,
    giftWrap,
    messageCard,
    totalJpy: quoted.quote.totalJpy,
    brand: auth.brand,
    last4: auth.last4,
  };
  if (auth.status === 'challenge_required') {
    const inserted = await db
      .insert(checkouts)
      .values({
        id: checkoutId,
        idempotencyKey: input.idempotencyKey,
        request: paused,
        paymentRef: auth.ref,
        amountJpy: quoted.quote.totalJpy,
        expiresAt: new Date(clock.now().getTime() + CHALLENGE_MINUTES * 60_000),
      })
      .onConflictDoNothing()
      .returning({ id: checkouts.id });
    if (inserted.length === 0) {
      // A double submit already started a challenge for this key: send the customer there instead.
      await payments.void(auth.ref);
      const [first] = await db
        .select()
        .from(checkouts)
        .where(eq(checkouts.idempotencyKey, input.idempotencyKey));
      if (first && !sameCheckout(first.request as PausedRequest, input))
        return { kind: 'key_reused' };
      const order = first?.orderId ? await findOrderByKey(db, input.idempotencyKey) : null;
      if (order) return replay(order, input);
      return { kind: 'cart_changed' };
    }
    return { kind: 'challenge', url: auth.challengeUrl, checkoutId };
  }
  return commitOrder(deps, {
    request: paused,
    payment: cardPayment(payments.code, auth.ref, paused),
    idempotencyKey: input.idempotencyKey,
    quote: quoted.quote,
    release: () => payments.void(auth.ref),
  });
}

/** The input checkout starts from, whichever way the customer pays. */
export interface CheckoutStart {
  cartId: string;
  buyer: Buyer;
  request: CheckoutInput;
  idempotencyKey: string;
}

/**
 * Prices the cart for a new checkout: gift options must fit the cart, and a cart that no longer
 * quotes (a double submit already placed it and emptied the cart) replays that order.
 */
export async function quoteCheckout(
  deps: Pick<CheckoutDeps, 'db' | 'clock'>,
  input: CheckoutStart,
): Promise<
  { kind: 'quoted'; quote: Quote; giftWrap: boolean; messageCard: string | null } | PlaceOrderResult
> {
  const { db, clock } = deps;
  const cart = await loadCartLines(db, input.cartId);
  const giftWrap = input.request.giftWrap ?? false;
  const messageCard = input.request.messageCard ?? null;
  if (cart.length > 0 && !canWrap(cart.map((l) => l.product))) {
    if (giftWrap) return { kind: 'gift_unavailable', field: 'giftWrap' };
    if (messageCard) return { kind: 'gift_unavailable', field: 'messageCard' };
  }
  const quoted = quoteOrder(
    cart,
    { country: input.request.address.country, method: input.request.shippingMethod },
    { isMember: input.buyer.memberId !== null },
    clock.now(),
    { wrap: giftWrap },
  );
  if (!quoted.ok) {
    // A double submit may have committed (and emptied the cart) since the caller's check.
    const committed = await findOrderByKey(db, input.idempotencyKey);
    if (committed) return replay(committed, input);
    return { kind: 'problems', problems: quoted.problems };
  }
  return { kind: 'quoted', quote: quoted.quote, giftWrap, messageCard };
}

/** Prices a paused checkout's cart again, as it is now. */
export async function requoteCheckout(
  deps: Pick<CheckoutDeps, 'db' | 'clock'>,
  paused: PausedOrder,
): Promise<ReturnType<typeof quoteOrder>> {
  const cart = await loadCartLines(deps.db, paused.cartId);
  return quoteOrder(
    cart,
    { country: paused.address.country, method: paused.shippingMethod },
    { isMember: paused.buyer.memberId !== null },
    deps.clock.now(),
    { wrap: paused.giftWrap ?? false },
  );
}

/** Finishes a checkout after the 3-D Secure page sent the customer back. */
export async function resumeCheckout(
  deps: CheckoutDeps,
  checkoutId: string,
): Promise<PlaceOrderResult | null> {
  const { db, clock, payments } = deps;
  const [checkout] = await db.select().from(checkouts).where(eq(checkouts.id, checkoutId));
  if (checkout?.method !== 'card' || !checkout.paymentRef) return null;
  const paymentRef = checkout.paymentRef;
  const done = await findOrderByKey(db, checkout.idempotencyKey);
  if (done) return replay(done, checkout.request as PausedRequest);
  if (checkout.state !== 'awaiting_challenge')
    return { kind: 'declined', reason: 'challenge_failed' };
  const status = await payments.status(paymentRef);
  if (status.status !== 'authorised') {
    await db.update(checkouts).set({ state: 'abandoned' }).where(eq(checkouts.id, checkoutId));
    return { kind: 'declined', reason: 'challenge_failed' };
  }
  const paused = checkout.request as PausedRequest;
  const quoted = await requoteCheckout({ db, clock }, paused);
  if (!quoted.ok || quoted.quote.totalJpy !== checkout.amountJpy) {
    await payments.void(paymentRef);
    await db.update(checkouts).set({ state: 'abandoned' }).where(eq(checkouts.id, checkoutId));
    return quoted.ok ? { kind: 'cart_changed' } : { kind: 'problems', problems: quoted.problems };
  }
  return commitOrder(deps, {
    request: paused,
    payment: cardPayment(payments.code, paymentRef, paused),
    idempotencyKey: checkout.idempotencyKey,
    quote: quoted.quote,
    release: () => payments.void(paymentRef),
    checkoutId,
  });
}

class Rollback extends Error {
  constructor(readonly result: PlaceOrderResult) {
    super('rollback');
  }
}

/**
 * Writes a paid-for order in one transaction: the order with its idempotency key, stock, lines,
 * limits, events, the confirmation mail, the cart emptied and the paused checkout completed. If
 * anything says no, it rolls back and `release` gives the money back (void or refund), unless the
 * winning order for this key uses this very payment.
 */
export async function commitOrder(
  deps: Pick<CheckoutDeps, 'db' | 'clock'>,
  input: {
    request: PausedOrder;
    payment: OrderPayment;
    idempotencyKey: string;
    quote: Quote;
    release: () => Promise<unknown>;
    /** The paused checkout this order completes, marked completed in the same transaction. */
    checkoutId?: string;
  },
): Promise<PlaceOrderResult> {
  const { db, clock } = deps;
  const { request, payment, idempotencyKey, quote } = input;
  const now = clock.now();
  try {
    const order = await db.transaction(async (tx) => {
      const [order] = await tx
        .insert(orders)
        .values({
          number: newOrderNumber(now),
          idempotencyKey,
          cartId: request.cartId,
          memberId: request.buyer.memberId,
          contactEmail: request.buyer.email,
          locale: request.buyer.locale,
          state: payment.orderState,
          subtotalJpy: quote.subtotalJpy,
          shippingFeeJpy: quote.shippingFeeJpy,
          giftWrap: quote.giftWrapJpy > 0,
          giftWrapJpy: quote.giftWrapJpy,
          messageCard: request.messageCard ?? null,
          totalJpy: quote.totalJpy,
          // The card pays it all until points can pay part of an order.
          chargeJpy: quote.totalJpy,
          shippingMethod: quote.shippingMethod,
          shipName: request.address.name,
          shipLine1: request.address.line1,
          shipLine2: request.address.line2,
          shipCity: request.address.city,
          shipRegion: request.address.region,
          shipPostalCode: request.address.postalCode,
          shipCountry: request.address.country,
          shipPhone: request.address.phone,
          paymentProvider: payment.provider,
          paymentRef: payment.ref,
          paymentState: payment.paymentState,
          capturedJpy: payment.capturedJpy,
          cardBrand: payment.cardBrand,
          cardLast4: payment.cardLast4,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing({ target: orders.idempotencyKey })
        .returning();
      // Another request with this key committed first (it blocked us until then): answer with its order.
      if (!order) throw new Rollback({ kind: 'cart_changed' });

      await reserveStock(tx, quote);
      await tx.insert(orderLines).values(quote.lines.map((l) => ({ ...l, orderId: order.id })));
      await checkPurchaseLimits(tx, request.buyer, quote);
      await tx.insert(orderEvents).values([
        { orderId: order.id, state: 'placed', at: now },
        ...payment.events.map((e) => ({
          orderId: order.id,
          state: e.state,
          note: e.note,
          at: now,
        })),
      ]);
      await enqueueMail(tx, {
        now,
        topic: 'order_placed',
        orderId: order.id,
        memberId: order.memberId,
        recipient: order.contactEmail,
        locale: order.locale,
        payload: { orderNumber: order.number, ...payment.mail },
      });
      await tx.delete(cartItems).where(
        and(
          eq(cartItems.cartId, request.cartId),
          inArray(
            cartItems.productId,
            quote.lines.map((l) => l.productId),
          ),
        ),
      );
      if (input.checkoutId) {
        await tx
          .update(checkouts)
          .set({ state: 'completed', orderId: order.id })
          .where(eq(checkouts.id, input.checkoutId));
      }
      return order;
    });
    return { kind: 'placed', order, replayed: false };
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    const winner = await findOrderByKey(db, idempotencyKey);
    // Only give the money back if the winning order did not use this very payment.
    if (winner?.paymentRef !== payment.ref) await input.release();
    if (winner) return replay(winner, request);
    return error.result;
  }
}

/** Takes the ordered quantities off stock; a conditional update per product, in id order to avoid deadlocks. */
async function reserveStock(tx: Tx, quote: Quote): Promise<void> {
  const sorted = [...quote.lines].sort((a, b) => (a.productId < b.productId ? -1 : 1));
  for (const line of sorted) {
    const [row] = await tx
      .update(products)
      .set({ stock: sql`${products.stock} - ${line.quantity}` })
      .where(
        and(
          eq(products.id, line.productId),
          gte(products.stock, line.quantity),
          eq(products.priceJpy, line.unitPriceJpy),
          inArray(products.status, ['on_sale', 'preorder']),
        ),
      )
      .returning({ stock: products.stock });
    if (!row) {
      const [now] = await tx
        .select(productColumns)
        .from(products)
        .where(eq(products.id, line.productId));
      if (now && now.priceJpy !== line.unitPriceJpy) throw new Rollback({ kind: 'cart_changed' });
      throw new Rollback({
        kind: 'problems',
        problems: [
          now && now.stock > 0
            ? { code: 'not_enough_stock', available: now.stock, title: line.titleEn }
            : { code: 'sold_out', title: line.titleEn },
        ],
      });
    }
  }
}

/** Enforces per-customer limits over this customer's orders that are not cancelled, this one included. */
async function checkPurchaseLimits(tx: Tx, buyer: Buyer, quote: Quote): Promise<void> {
  const limitedIds = quote.lines.map((l) => l.productId);
  const limited = await tx
    .select({ id: products.id, limit: products.purchaseLimit, title: products.titleEn })
    .from(products)
    .where(and(inArray(products.id, limitedIds), sql`${products.purchaseLimit} is not null`));
  if (limited.length === 0) return;
  // Serialise this customer's concurrent checkouts so two tabs cannot both pass the limit.
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`limit:${buyer.memberId ?? buyer.email.toLowerCase()}`}))`,
  );
  for (const product of limited) {
    const owner = buyer.memberId
      ? eq(orders.memberId, buyer.memberId)
      : sql`lower(${orders.contactEmail}) = ${buyer.email.toLowerCase()}`;
    const [row] = await tx
      .select({ bought: sql<number>`coalesce(sum(${orderLines.quantity}), 0)::int` })
      .from(orderLines)
      .innerJoin(orders, eq(orders.id, orderLines.orderId))
      .where(and(eq(orderLines.productId, product.id), owner, ne(orders.state, 'cancelled')));
    if ((row?.bought ?? 0) > product.limit!) {
      throw new Rollback({
        kind: 'problems',
        problems: [{ code: 'over_limit', limit: product.limit!, title: product.title }],
      });
    }
  }
}

/** Who may see an order again by its key: the same cart, and the same member or guest address. */
export function sameCheckout(
  first: { cartId: string | null; buyer: Pick<Buyer, 'memberId' | 'email'> },
  again: { cartId: string; buyer: Pick<Buyer, 'memberId' | 'email'> },
): boolean {
  if (first.cartId === null || first.cartId !== again.cartId) return false;
  if (again.buyer.memberId) return first.buyer.memberId === again.buyer.memberId;
  return (
    first.buyer.memberId === null &&
    first.buyer.email.toLowerCase() === again.buyer.email.toLowerCase()
  );
}

/** An order found by its key: replayed to the checkout that placed it, refused to any other. */
export function replay(
  order: Order,
  again: { cartId: string; buyer: Pick<Buyer, 'memberId' | 'email'> },
): PlaceOrderResult {
  const first = {
    cartId: order.cartId,
    buyer: { memberId: order.memberId, email: order.contactEmail },
  };
  return sameCheckout(first, again)
    ? { kind: 'placed', order, replayed: true }
    : { kind: 'key_reused' };
}

/** Whether the key is already held by a 3-D Secure checkout that another cart or buyer started. */
async function keyPausedElsewhere(
  db: Db,
  input: { idempotencyKey: string; cartId: string; buyer: Buyer },
): Promise<boolean> {
  const [paused] = await db
    .select({ request: checkouts.request })
    .from(checkouts)
    .where(eq(checkouts.idempotencyKey, input.idempotencyKey));
  return paused !== undefined && !sameCheckout(paused.request as PausedRequest, input);
}

export async function findOrderByKey(db: Db, key: string): Promise<Order | null> {
  const [row] = await db.select().from(orders).where(eq(orders.idempotencyKey, key));
  return row ?? null;
}
