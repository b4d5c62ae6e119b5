import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { randomToken } from '../lib/ids.ts';
import { outboxMessages } from '../mail/tables.ts';
import { runJobsOnce } from '../ops/background-jobs.ts';
import { cancelOrder } from '../orders/cancel-order.ts';
import { type Order, orders } from '../orders/tables.ts';
import { createTestDatabase, describeEachDatabase } from '../testing/databases.ts';
import { makeOrder, makeProduct, testClock, testDeps } from '../testing/factories.ts';
import { captureOrderPayment } from './capture-order-payment.ts';
import type { PaymentProvider, RefundAnswer } from './provider.ts';
import { refundPayment, refundsOf } from './refund-payment.ts';
import { sandboxPayments } from './tables.ts';

describeEachDatabase('refunding a payment in parts', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.close());

  /** Deps whose provider counts the refunds that reached it, and can be told to refuse them. */
  function world() {
    const clock = testClock();
    const base = testDeps(database.db, clock);
    const refundCalls: string[] = [];
    let refuse = false;
    const payments: PaymentProvider = {
      ...base.payments,
      refund: async (ref, refund): Promise<RefundAnswer> => {
        refundCalls.push(refund.idempotencyKey);
        if (refuse) return { ok: false, reason: 'not_captured', refundableJpy: 0 };
        return base.payments.refund(ref, refund);
      },
    };
    return {
      clock,
      deps: { ...base, payments },
      refundCalls,
      refuseRefunds: (on: boolean) => {
        refuse = on;
      },
    };
  }
  type World = ReturnType<typeof world>;

  /** A placed order whose card was captured (as the early-capture job does), for ¥`chargeJpy` if given. */
  async function capturedOrder(w: World, chargeJpy?: number): Promise<Order> {
    const product = await makeProduct(database.db, { priceJpy: 5000, stock: 10 });
    const order = await makeOrder(w.deps, [{ product, quantity: 1 }]);
    if (chargeJpy !== undefined) {
      // Points paid the rest (a later issue); the card is charged less than it was authorised for.
      await database.db.update(orders).set({ chargeJpy }).where(eq(orders.id, order.id));
    }
    const captured = await captureOrderPayment(w.deps, {
      orderId: order.id,
      actor: 'system',
      cause: 'authorisation_age',
    });
    if (!captured.ok) throw new Error(JSON.stringify(captured));
    return captured.order;
  }
  const orderOf = async (id: string) =>
    (await database.db.select().from(orders).where(eq(orders.id, id)))[0]!;
  const ledgerOf = async (ref: string) =>
    (await database.db.select().from(sandboxPayments).where(eq(sandboxPayments.ref, ref)))[0]!;
  /**
   * Runs `race` while another transaction holds the order's row, so on PostgreSQL its refunds are
   * all under way before any can finish (PGlite has one connection: transactions never overlap).
   */
  async function racing<T>(orderId: string, race: () => Promise<T>): Promise<T> {
    if (kind === 'pglite') return race();
    let raced: Promise<T> | undefined;
    await database.db.transaction(async (tx) => {
      await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
      raced = race();
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    return raced!;
  }
  const refund = (w: World, order: Order, amountJpy: number, idempotencyKey = randomToken()) =>
    refundPayment(w.deps, { orderId: order.id, amountJpy, reason: 'claim', idempotencyKey });

  it('refunds two parts of one payment, each recorded, then rests as refunded', async () => {
    const w = world();
    const order = await capturedOrder(w);
    expect(order.capturedJpy).toBe(order.chargeJpy);

    const first = await refund(w, order, 1000);
    expect(first).toMatchObject({ ok: true, replayed: false, refund: { state: 'refunded' } });
    expect((await orderOf(order.id)).paymentState).toBe('partially_refunded');
    expect((await ledgerOf(order.paymentRef)).refundedJpy).toBe(1000);

    const rest = order.capturedJpy - 1000;
    w.clock.advance(60_000);
    expect(await refund(w, order, rest)).toMatchObject({ ok: true });
    expect((await orderOf(order.id)).paymentState).toBe('refunded');
    expect(await ledgerOf(order.paymentRef)).toMatchObject({
      status: 'refunded',
      refundedJpy: order.capturedJpy,
    });
    const rows = await refundsOf(database.db, order.id);
    expect(rows.map((r) => [r.amountJpy, r.state, r.reason])).toEqual([
      [1000, 'refunded', 'claim'],
      [rest, 'refunded', 'claim'],
    ]);
    expect(rows.every((r) => r.providerRefundRef?.startsWith('sbr_'))).toBe(true);
  });

  it('refunds once for a repeated idempotency key, and refuses the key for another amount', async () => {
    const w = world();
    const order = await capturedOrder(w);
    const key = randomToken();
    const first = await refund(w, order, 700, key);
    const again = await refund(w, order, 700, key);
    expect(again).toMatchObject({ ok: true, replayed: true });
    expect(again.ok && again.refund.id).toBe(first.ok && first.refund.id);
    // The confirmed refund is answered from our record; the card network is not asked again.
    expect(w.refundCalls).toEqual([key]);
    expect((await ledgerOf(order.paymentRef)).refundedJpy).toBe(700);
    expect(await refund(w, order, 800, key)).toEqual({ ok: false, reason: 'key_reused' });
    expect(await refundsOf(database.db, order.id)).toHaveLength(1);
  });

  it('moves money once when the same key is sent twice at the same moment', async () => {
    const w = world();
    const order = await capturedOrder(w);
    const key = randomToken();
    const results = await racing(order.id, () =>
      Promise.all([refund(w, order, 900, key), refund(w, order, 900, key)]),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await ledgerOf(order.paymentRef)).refundedJpy).toBe(900);
    expect(await refundsOf(database.db, order.id)).toHaveLength(1);
    expect((await orderOf(order.id)).paymentState).toBe('partially_refunded');
  });

  it('refuses a refund over what the capture has left, recording nothing', async () => {
    const w = world();
    const order = await capturedOrder(w);
    await refund(w, order, 2000);
    const over = await refund(w, order, order.capturedJpy - 2000 + 1);
    expect(over).toEqual({
      ok: false,
      reason: 'exceeds_captured',
      refundableJpy: order.capturedJpy - 2000,
    });
    expect(await refundsOf(database.db, order.id)).toHaveLength(1);
    expect(w.refundCalls).toHaveLength(1);
    expect((await orderOf(order.id)).paymentState).toBe('partially_refunded');
  });

  it('refuses one of two concurrent refunds that together would exceed the capture', async () => {
    const w = world();
    const order = await capturedOrder(w);
    const part = order.capturedJpy - 1000;
    const results = await racing(order.id, () =>
      Promise.all([refund(w, order, part), refund(w, order, part)]),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      { ok: false, reason: 'exceeds_captured', refundableJpy: 1000 },
    ]);
    expect((await ledgerOf(order.paymentRef)).refundedJpy).toBe(part);
    expect(await refundsOf(database.db, order.id)).toHaveLength(1);
  });

  it('refuses an order whose card was only authorised', async () => {
    const w = world();
    const product = await makeProduct(database.db);
    const order = await makeOrder(w.deps, [{ product, quantity: 1 }]);
    expect(await refund(w, order, 100)).toEqual({ ok: false, reason: 'not_refundable' });
    expect(w.refundCalls).toEqual([]);
  });

  it('keeps a refund the card network refused pending, and the worker sends it later', async () => {
    const w = world();
    const order = await capturedOrder(w);
    w.refuseRefunds(true);
    const refused = await refund(w, order, 500);
    expect(refused).toMatchObject({
      ok: false,
      reason: 'provider_refused',
      detail: 'not_captured',
    });
    expect((await orderOf(order.id)).paymentState).toBe('refund_pending');
    // What is pending counts: no second refund may promise the same money.
    expect(await refund(w, order, order.capturedJpy - 499)).toMatchObject({
      reason: 'exceeds_captured',
    });

    w.refuseRefunds(false);
    await runJobsOnce(w.deps);
    expect((await orderOf(order.id)).paymentState).toBe('partially_refunded');
    expect((await refundsOf(database.db, order.id))[0]).toMatchObject({ state: 'refunded' });
    expect((await ledgerOf(order.paymentRef)).refundedJpy).toBe(500);
  });

  it('captures only the amount to charge when points paid part, and refunds no more on cancel', async () => {
    const w = world();
    const order = await capturedOrder(w, 3000);
    expect(order.totalJpy).toBeGreaterThan(3000);
    expect(order).toMatchObject({ paymentState: 'captured', capturedJpy: 3000 });
    expect(await ledgerOf(order.paymentRef)).toMatchObject({
      status: 'captured',
      capturedJpy: 3000,
    });
    expect(await cancelOrder(w.deps, { orderId: order.id, actor: 'staff:test' })).toMatchObject({
      ok: true,
    });
    expect(await orderOf(order.id)).toMatchObject({ state: 'cancelled', paymentState: 'refunded' });
    expect((await refundsOf(database.db, order.id)).map((r) => r.amountJpy)).toEqual([3000]);
    expect(await ledgerOf(order.paymentRef)).toMatchObject({
      status: 'refunded',
      refundedJpy: 3000,
    });
  });

  it('refunds the rest of an early capture when an order partly refunded is cancelled', async () => {
    const w = world();
    const order = await capturedOrder(w);
    await refund(w, order, 1500);
    w.clock.advance(60_000);
    const cancelled = await cancelOrder(w.deps, { orderId: order.id, actor: 'staff:test' });
    expect(cancelled.ok).toBe(true);
    expect(await orderOf(order.id)).toMatchObject({ state: 'cancelled', paymentState: 'refunded' });
    const rows = await refundsOf(database.db, order.id);
    expect(rows.map((r) => [r.amountJpy, r.reason, r.state])).toEqual([
      [1500, 'claim', 'refunded'],
      [order.capturedJpy - 1500, 'order cancelled', 'refunded'],
    ]);
    expect(rows[1]!.idempotencyKey).toBe(`cancel:${order.id}`);
    expect(await ledgerOf(order.paymentRef)).toMatchObject({
      status: 'refunded',
      refundedJpy: order.capturedJpy,
    });
    const [mail] = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.orderId, order.id))
      .then((ms) => ms.filter((m) => m.topic === 'order_cancelled'));
    expect(mail!.payload).toMatchObject({ refunded: true });
  });

  it('records the cancellation refund with the cancellation, so a refusal leaves it for the worker', async () => {
    const w = world();
    const order = await capturedOrder(w);
    w.refuseRefunds(true);
    expect((await cancelOrder(w.deps, { orderId: order.id, actor: 'staff:test' })).ok).toBe(true);
    expect(await orderOf(order.id)).toMatchObject({
      state: 'cancelled',
      paymentState: 'refund_pending',
    });
    expect((await refundsOf(database.db, order.id)).map((r) => r.state)).toEqual(['pending']);

    w.refuseRefunds(false);
    await runJobsOnce(w.deps);
    await runJobsOnce(w.deps);
    expect((await orderOf(order.id)).paymentState).toBe('refunded');
    expect((await ledgerOf(order.paymentRef)).refundedJpy).toBe(order.capturedJpy);
    expect(w.refundCalls.filter((k) => k === `cancel:${order.id}`)).toHaveLength(2);
  });
});
