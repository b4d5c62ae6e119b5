import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { products } from '../catalog/tables.ts';
import { placeOrder } from '../checkout/place-order.ts';
import { randomToken } from '../lib/ids.ts';
import { type MailTopic, parseMailPayload } from '../mail/payloads.ts';
import { outboxMessages } from '../mail/tables.ts';
import { renderText } from '../mail/templates/layout.ts';
import { coreTemplates } from '../mail/templates/mail-content.ts';
import { runJobsOnce } from '../ops/background-jobs.ts';
import { markPreparing, shipOrder } from '../orders/advance-order.ts';
import { cancelOrder } from '../orders/cancel-order.ts';
import { findOrderById } from '../orders/find-orders.ts';
import { orders } from '../orders/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import {
  checkoutRequest,
  makeCart,
  makeOrder,
  makeProduct,
  testClock,
  testDeps,
} from '../testing/factories.ts';
import { useTestWorld } from '../testing/world.ts';
import { cancelOverduePaymentFixes, captureAgedAuthorisations } from './payment-jobs.ts';
import { CAPTURE_AFTER_DAYS, FIX_PAYMENT_DAYS } from './payment-rules.ts';
import type { PaymentProvider } from './provider.ts';
import { sandboxCards } from './sandbox-provider.ts';
import { sandboxPayments } from './tables.ts';

const DAY = 24 * 3600 * 1000;

describeEachDatabase('early capture and failed captures', (kind) => {
  const { database } = useTestWorld(kind);

  /** Fresh deps on their own clock, with a provider that counts captures per reference. */
  function world() {
    const clock = testClock();
    const base = testDeps(database.db, clock);
    const captures: string[] = [];
    const payments: PaymentProvider = {
      ...base.payments,
      capture: (ref, amountJpy) => {
        captures.push(ref);
        return base.payments.capture(ref, amountJpy);
      },
    };
    return { deps: { ...base, payments }, clock, captures };
  }

  type World = ReturnType<typeof world>;

  async function orderWithCard(w: World, card: string, stock = 5) {
    const product = await makeProduct(database.db, { stock });
    const cartId = await makeCart(database.db, w.clock, [{ product, quantity: 1 }]);
    const result = await placeOrder(w.deps, {
      cartId,
      buyer: { memberId: null, email: 'buyer@example.com', locale: 'en' },
      request: checkoutRequest({}, card),
      idempotencyKey: randomToken(16),
      returnUrl: (id) => `http://shop.test/checkout/return/${id}`,
    });
    if (result.kind !== 'placed') throw new Error(JSON.stringify(result));
    return { order: result.order, product };
  }

  const orderOf = async (id: string) => (await findOrderById(database.db, id))!;
  const ledgerOf = async (ref: string) =>
    (await database.db.select().from(sandboxPayments).where(eq(sandboxPayments.ref, ref)))[0]!;
  const mailsOf = (orderId: string, topic: MailTopic) =>
    database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.orderId, orderId), eq(outboxMessages.topic, topic)));
  const stockOf = async (id: string) =>
    (await database.db.select().from(products).where(eq(products.id, id)))[0]!.stock;

  it('captures an unshipped order once its authorisation is older than 25 days, not before, and only once', async () => {
    const w = world();
    const { order } = await orderWithCard(w, sandboxCards.success);
    w.clock.advance((CAPTURE_AFTER_DAYS - 1) * DAY);
    await captureAgedAuthorisations(w.deps);
    expect((await orderOf(order.id)).order.paymentState).toBe('authorised');
    expect(w.captures).not.toContain(order.paymentRef);

    w.clock.advance(DAY);
    await runJobsOnce(w.deps);
    const detail = await orderOf(order.id);
    expect(detail.order).toMatchObject({ state: 'payment_authorised', paymentState: 'captured' });
    expect(detail.events.map((e) => e.state)).toContain('payment_captured');
    const ledger = await ledgerOf(order.paymentRef);
    expect(ledger).toMatchObject({ status: 'captured', capturedJpy: order.totalJpy });

    w.clock.advance(DAY);
    await captureAgedAuthorisations(w.deps);
    expect(w.captures.filter((r) => r === order.paymentRef)).toHaveLength(1);
  });

  it('ships an order captured early without capturing again', async () => {
    const w = world();
    const { order } = await orderWithCard(w, sandboxCards.success);
    w.clock.advance((CAPTURE_AFTER_DAYS + 1) * DAY);
    await captureAgedAuthorisations(w.deps);
    await markPreparing(w.deps, order.id, 'staff:a');
    const shipped = await shipOrder(w.deps, {
      orderId: order.id,
      carrier: 'domestic',
      trackingNumber: 'T-1',
      actor: 'staff:a',
    });
    expect(shipped.ok).toBe(true);
    expect(w.captures.filter((r) => r === order.paymentRef)).toHaveLength(1);
    expect((await orderOf(order.id)).order).toMatchObject({
      state: 'shipped',
      paymentState: 'captured',
    });
  });

  it('leaves shipped and cancelled orders alone', async () => {
    const w = world();
    const { order: shippedOrder } = await orderWithCard(w, sandboxCards.success);
    await markPreparing(w.deps, shippedOrder.id, 'staff:a');
    await shipOrder(w.deps, {
      orderId: shippedOrder.id,
      carrier: 'domestic',
      trackingNumber: 'T-2',
      actor: 'staff:a',
    });
    const { order: cancelled } = await orderWithCard(w, sandboxCards.success);
    await cancelOrder(w.deps, { orderId: cancelled.id, actor: 'customer' });
    w.captures.length = 0;
    w.clock.advance(40 * DAY);
    await captureAgedAuthorisations(w.deps);
    expect(w.captures).not.toContain(shippedOrder.paymentRef);
    expect(w.captures).not.toContain(cancelled.paymentRef);
    expect((await orderOf(cancelled.id)).order.paymentState).toBe('voided');
    expect((await orderOf(shippedOrder.id)).events.map((e) => e.state)).not.toContain(
      'payment_captured',
    );
  });

  it('captures once when two job runs race', async () => {
    const w = world();
    const { order } = await orderWithCard(w, sandboxCards.success);
    w.clock.advance((CAPTURE_AFTER_DAYS + 2) * DAY);
    await Promise.all([
      captureAgedAuthorisations(w.deps),
      captureAgedAuthorisations(w.deps),
      runJobsOnce(w.deps),
    ]);
    expect(w.captures.filter((r) => r === order.paymentRef)).toHaveLength(1);
    const detail = await orderOf(order.id);
    expect(detail.order.paymentState).toBe('captured');
    expect(detail.events.filter((e) => e.state === 'payment_captured')).toHaveLength(1);
  });

  it('retries a capture that a crashed worker claimed and never answered, without charging twice', async () => {
    const w = world();
    const { order } = await orderWithCard(w, sandboxCards.success);
    // The card network took the money, then the worker died before recording it.
    await w.deps.payments.capture(order.paymentRef, order.totalJpy);
    await database.db
      .update(orders)
      .set({ paymentState: 'capture_pending', captureClaimedAt: w.clock.now() })
      .where(eq(orders.id, order.id));
    await captureAgedAuthorisations(w.deps);
    expect((await orderOf(order.id)).order.paymentState).toBe('capture_pending');
    w.clock.advance(15 * 60_000);
    await captureAgedAuthorisations(w.deps);
    expect((await orderOf(order.id)).order.paymentState).toBe('captured');
    expect(await ledgerOf(order.paymentRef)).toMatchObject({
      status: 'captured',
      capturedJpy: order.totalJpy,
    });
  });

  it('marks a failed early capture, records it, and mails the customer the date to fix it by', async () => {
    const w = world();
    const { order } = await orderWithCard(w, sandboxCards.captureFails);
    w.clock.advance((CAPTURE_AFTER_DAYS + 1) * DAY);
    const failedAt = w.clock.now();
    await runJobsOnce(w.deps);
    const detail = await orderOf(order.id);
    const due = new Date(failedAt.getTime() + FIX_PAYMENT_DAYS * DAY);
    expect(detail.order).toMatchObject({
      state: 'payment_authorised',
      paymentState: 'capture_failed',
      paymentFixDueAt: due,
    });
    expect(detail.events.at(-1)).toMatchObject({
      state: 'capture_failed',
      actor: 'system',
      note: 'card_declined',
    });
    const mails = await mailsOf(order.id, 'payment_failed');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.payload).toEqual({ orderNumber: order.number, fixDueAt: due.toISOString() });

    // Later runs neither retry the failed card nor mail again.
    w.clock.advance(DAY);
    await runJobsOnce(w.deps);
    expect(w.captures.filter((r) => r === order.paymentRef)).toHaveLength(1);
    expect(await mailsOf(order.id, 'payment_failed')).toHaveLength(1);
  });

  it('blocks shipping while the capture has failed, telling staff until when the customer may fix it', async () => {
    const w = world();
    const { order } = await orderWithCard(w, sandboxCards.captureFails);
    await markPreparing(w.deps, order.id, 'staff:a');
    const ship = () =>
      shipOrder(w.deps, {
        orderId: order.id,
        carrier: 'domestic',
        trackingNumber: 'T-3',
        actor: 'staff:a',
      });
    const first = await ship();
    expect(first).toMatchObject({ ok: false, reason: 'capture_failed' });
    expect((await orderOf(order.id)).order).toMatchObject({
      state: 'preparing',
      paymentState: 'capture_failed',
    });
    expect(await mailsOf(order.id, 'payment_failed')).toHaveLength(1);

    const again = await ship();
    expect(again).toMatchObject({ ok: false, reason: 'capture_failed' });
    expect(!again.ok && again.detail).toMatch(/until 2026-12-03 12:00 JST to enter another card/);
    expect(w.captures.filter((r) => r === order.paymentRef)).toHaveLength(1);
    expect((await orderOf(order.id)).order.state).toBe('preparing');
  });

  it('cancels an order whose payment was not fixed in time: stock back, authorisation released, mail', async () => {
    const w = world();
    const { order, product } = await orderWithCard(w, sandboxCards.captureFails, 3);
    expect(await stockOf(product.id)).toBe(2);
    w.clock.advance((CAPTURE_AFTER_DAYS + 1) * DAY);
    await runJobsOnce(w.deps);
    expect((await orderOf(order.id)).order.paymentState).toBe('capture_failed');

    w.clock.advance(FIX_PAYMENT_DAYS * DAY - 60_000);
    expect(await cancelOverduePaymentFixes(w.deps)).toBe(0);
    expect((await orderOf(order.id)).order.state).toBe('payment_authorised');

    w.clock.advance(60_000);
    await Promise.all([runJobsOnce(w.deps), runJobsOnce(w.deps)]);
    const detail = await orderOf(order.id);
    expect(detail.order).toMatchObject({ state: 'cancelled', paymentState: 'voided' });
    expect(detail.events.filter((e) => e.state === 'cancelled')).toEqual([
      expect.objectContaining({
        actor: 'system',
        note: expect.stringMatching(/payment not fixed/),
      }),
    ]);
    expect(await stockOf(product.id)).toBe(3);
    expect((await ledgerOf(order.paymentRef)).status).toBe('voided');
    const cancelled = await mailsOf(order.id, 'order_cancelled');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]!.payload).toMatchObject({ refunded: false, why: 'payment_not_fixed' });
  });

  it('refunds, rather than voids, an order cancelled after its early capture', async () => {
    const w = world();
    const { order, product } = await orderWithCard(w, sandboxCards.success, 4);
    w.clock.advance((CAPTURE_AFTER_DAYS + 1) * DAY);
    await runJobsOnce(w.deps);
    expect((await ledgerOf(order.paymentRef)).status).toBe('captured');

    const result = await cancelOrder(w.deps, { orderId: order.id, actor: 'staff:test' });
    expect(result.ok).toBe(true);
    expect((await orderOf(order.id)).order.paymentState).toBe('refunded');
    expect(await ledgerOf(order.paymentRef)).toMatchObject({
      status: 'refunded',
      refundedJpy: order.totalJpy,
    });
    expect(await stockOf(product.id)).toBe(4);
    const [mail] = await mailsOf(order.id, 'order_cancelled');
    expect(mail!.payload).toMatchObject({ refunded: true });
    const ctx = {
      locale: 'en' as const,
      shopName: 'Tenpo',
      fromAddress: 'shop@tenpo.example',
      recipient: order.contactEmail,
      orderUrl: null,
    };
    const content = coreTemplates.order_cancelled({
      ctx,
      payload: parseMailPayload('order_cancelled', mail!.payload),
      detail: await orderOf(order.id),
      publicUrl: 'https://shop.test',
    });
    expect(renderText(content.body, true)).toContain(
      `The ¥${order.totalJpy.toLocaleString('en-US')} charged to your card has been refunded`,
    );
    // A worker round afterwards finds nothing left to release, and the refund is not repeated.
    await runJobsOnce(w.deps);
    expect((await ledgerOf(order.paymentRef)).status).toBe('refunded');
  });

  it('does not cancel or capture a paid order even when its old due date passes', async () => {
    const w = world();
    const { order } = await makeOrderAndPay(w);
    w.clock.advance(60 * DAY);
    await runJobsOnce(w.deps);
    expect((await orderOf(order.id)).order).toMatchObject({
      state: 'payment_authorised',
      paymentState: 'captured',
    });
  });

  async function makeOrderAndPay(w: World) {
    const product = await makeProduct(database.db);
    const order = await makeOrder(w.deps, [{ product, quantity: 1 }]);
    w.clock.advance((CAPTURE_AFTER_DAYS + 1) * DAY);
    await captureAgedAuthorisations(w.deps);
    return { order };
  }
});
