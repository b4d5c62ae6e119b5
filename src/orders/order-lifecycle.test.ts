import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { products } from '../catalog/tables.ts';
import { outboxMessages } from '../mail/tables.ts';
import { sandboxPayments } from '../payments/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeOrder, makeProduct } from '../testing/factories.ts';
import { useTestWorld } from '../testing/world.ts';
import { markDelivered, markPreparing, shipOrder } from './advance-order.ts';
import { cancelOrder } from './cancel-order.ts';
import { findOrderById } from './find-orders.ts';

describeEachDatabase('order lifecycle', (kind) => {
  const { database, deps } = useTestWorld(kind);

  const stockOf = async (id: string) =>
    (await database.db.select().from(products).where(eq(products.id, id)))[0]!.stock;
  const paymentOf = async (ref: string) =>
    (await database.db.select().from(sandboxPayments).where(eq(sandboxPayments.ref, ref)))[0]!;

  it('cancels at the customer’s request: stock returns, payment is voided, the mail is queued', async () => {
    const product = await makeProduct(database.db, { stock: 5 });
    const order = await makeOrder(deps, [{ product, quantity: 2 }]);
    expect(await stockOf(product.id)).toBe(3);
    const result = await cancelOrder(deps, { orderId: order.id, actor: 'customer' });
    expect(result.ok).toBe(true);
    expect(await stockOf(product.id)).toBe(5);
    expect((await paymentOf(order.paymentRef)).status).toBe('voided');
    const detail = await findOrderById(database.db, order.id);
    expect(detail!.order.state).toBe('cancelled');
    expect(detail!.order.paymentState).toBe('voided');
    const mails = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.orderId, order.id));
    expect(mails.map((m) => m.topic).sort()).toEqual(['order_cancelled', 'order_placed']);
  });

  it('does not let a customer cancel once the order is being prepared, but staff still can', async () => {
    const product = await makeProduct(database.db, { stock: 5 });
    const order = await makeOrder(deps, [{ product, quantity: 1 }]);
    await markPreparing(deps, order.id, 'staff:packer@example.com');
    expect(await cancelOrder(deps, { orderId: order.id, actor: 'customer' })).toEqual({
      ok: false,
      reason: 'not_cancellable',
    });
    expect(
      (await cancelOrder(deps, { orderId: order.id, actor: 'staff:lead@example.com' })).ok,
    ).toBe(true);
  });

  it('cancels only once even when two requests race', async () => {
    const product = await makeProduct(database.db, { stock: 5 });
    const order = await makeOrder(deps, [{ product, quantity: 1 }]);
    const results = await Promise.all([
      cancelOrder(deps, { orderId: order.id, actor: 'customer' }),
      cancelOrder(deps, { orderId: order.id, actor: 'customer' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await stockOf(product.id)).toBe(5);
  });

  it('ships with a tracking number after capturing the payment, then delivers', async () => {
    const product = await makeProduct(database.db, { stock: 5 });
    const order = await makeOrder(deps, [{ product, quantity: 1 }]);
    expect(
      await shipOrder(deps, {
        orderId: order.id,
        carrier: 'domestic',
        trackingNumber: '1234-5678-9012',
        actor: 'staff:a',
      }),
    ).toEqual({
      ok: false,
      reason: 'invalid_transition',
    });
    await markPreparing(deps, order.id, 'staff:a');
    const shipped = await shipOrder(deps, {
      orderId: order.id,
      carrier: 'domestic',
      trackingNumber: '1234-5678-9012',
      actor: 'staff:a',
    });
    expect(shipped.ok).toBe(true);
    const payment = await paymentOf(order.paymentRef);
    expect(payment.status).toBe('captured');
    expect(payment.capturedJpy).toBe(order.totalJpy);
    expect((await markDelivered(deps, order.id, 'staff:a')).ok).toBe(true);
    const detail = await findOrderById(database.db, order.id);
    expect(detail!.order).toMatchObject({
      state: 'delivered',
      trackingNumber: '1234-5678-9012',
      paymentState: 'captured',
    });
    expect(detail!.events.map((e) => e.state)).toEqual([
      'placed',
      'payment_authorised',
      'preparing',
      'shipped',
      'delivered',
    ]);
    const mails = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.orderId, order.id));
    expect(mails.find((m) => m.topic === 'order_shipped')?.payload).toMatchObject({
      trackingNumber: '1234-5678-9012',
    });
  });
});
