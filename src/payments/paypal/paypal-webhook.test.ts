import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApi } from '../../api/test-client.ts';
import { createApp } from '../../app.tsx';
import { products } from '../../catalog/tables.ts';
import { parseEnv } from '../../env.ts';
import { randomToken } from '../../lib/ids.ts';
import { outboxMessages } from '../../mail/tables.ts';
import { orderEvents, orders } from '../../orders/tables.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { checkoutRequest, makeProduct } from '../../testing/factories.ts';
import { type App, useTestWorld } from '../../testing/world.ts';
import { refundPayment } from '../refund-payment.ts';
import { paymentRefunds } from '../tables.ts';
import { createPaypalClient, type PaypalClient } from './paypal-client.ts';
import { resolveWaitingPaypalCaptures } from './paypal-events.ts';
import { type PaypalServer, startPaypalServer } from './paypal-server.ts';
import { paypalWebhookEvents } from './webhook-tables.ts';

describeEachDatabase('PayPal webhook', (kind) => {
  const { database, deps, appDeps } = useTestWorld(kind);
  let paypal: PaypalServer;
  let client: PaypalClient;
  let app: App;
  beforeAll(async () => {
    paypal = await startPaypalServer();
    client = createPaypalClient({
      clientId: paypal.clientId,
      clientSecret: paypal.clientSecret,
      baseUrl: paypal.url,
      timeoutMs: 2000,
    });
    const env = parseEnv({
      LOG_LEVEL: 'silent',
      DNS_SERVERS: 'off',
      PAYPAL_WEBHOOK_ID: paypal.webhookId,
    });
    app = createApp({ ...appDeps, paypal: client, env });
  });
  afterAll(async () => {
    await paypal.close();
  });

  /** A Store API order paid by PayPal; `pending`: PayPal holds the capture for review. */
  async function paypalOrder(options: { pending: boolean }) {
    const product = await makeProduct(database.db, { stock: 5, priceJpy: 2200 });
    const created = await callApi(app, 'POST', '/api/store/carts');
    const cart = { 'x-cart-token': created.body.cartToken as string };
    await callApi(app, 'POST', '/api/store/carts/current/items', {
      headers: cart,
      json: { productId: product.id, quantity: 1 },
    });
    const { card: _card, ...rest } = checkoutRequest();
    const request = {
      headers: { ...cart, 'idempotency-key': `key-${randomToken(12)}` },
      json: { ...rest, paymentMethod: 'paypal' },
    };
    const started = await callApi(app, 'POST', '/api/store/checkout', request);
    expect(started.status).toBe(202);
    const paypalOrderId = new URL(started.body.approvalUrl).searchParams.get('token')!;
    paypal.approve(paypalOrderId);
    if (options.pending) paypal.nextCapture({ outcome: 'PENDING' });
    const placed = await callApi(app, 'POST', '/api/store/checkout', request);
    expect(placed.status).toBe(201);
    const captureId = paypal.captureOf(paypalOrderId)!.id;
    const order = (await orderOfCapture(captureId))!;
    expect(order.paymentState).toBe(options.pending ? 'waiting' : 'captured');
    return { product, order, captureId };
  }

  async function orderOfCapture(captureId: string) {
    const [order] = await database.db.select().from(orders).where(eq(orders.paymentRef, captureId));
    return order;
  }

  const stockOf = async (productId: string) =>
    (await database.db.select().from(products).where(eq(products.id, productId)))[0]!.stock;

  const mailsOf = (orderId: string, topic: 'paypal_declined') =>
    database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.orderId, orderId), eq(outboxMessages.topic, topic)));

  const storedEvent = async (id: string) =>
    (await database.db.select().from(paypalWebhookEvents).where(eq(paypalWebhookEvents.id, id)))[0];

  function captureEvent(type: string, captureId: string, status: string, amountJpy: number) {
    return {
      id: `WH-${randomToken(10)}`,
      event_version: '1.0',
      create_time: '2026-11-27T03:00:00Z',
      resource_type: 'capture',
      event_type: type,
      summary: `Payment ${status.toLowerCase()}`,
      resource: {
        id: captureId,
        status,
        amount: { currency_code: 'JPY', value: String(amountJpy) },
        final_capture: true,
        links: [
          { href: `${paypal.url}/v2/payments/captures/${captureId}`, rel: 'self', method: 'GET' },
        ],
      },
    };
  }

  function refundEvent(captureId: string, refundId: string, amountJpy: number) {
    return {
      id: `WH-${randomToken(10)}`,
      event_version: '1.0',
      create_time: '2026-11-28T03:00:00Z',
      resource_type: 'refund',
      event_type: 'PAYMENT.CAPTURE.REFUNDED',
      summary: `A ¥${amountJpy} JPY capture payment was refunded`,
      resource: {
        id: refundId,
        status: 'COMPLETED',
        amount: { currency_code: 'JPY', value: String(amountJpy) },
        links: [
          { href: `${paypal.url}/v2/payments/refunds/${refundId}`, rel: 'self', method: 'GET' },
          { href: `${paypal.url}/v2/payments/captures/${captureId}`, rel: 'up', method: 'GET' },
        ],
      },
    };
  }

  /** Delivers an event as PayPal does: the body as sent, with PayPal's signature headers. */
  function deliver(event: object, tamper?: (raw: string) => string) {
    const raw = JSON.stringify(event);
    const headers = paypal.signWebhook(raw);
    return callApi(app, 'POST', '/api/webhooks/paypal', {
      raw: tamper ? tamper(raw) : raw,
      headers,
    });
  }

  it('clears a waiting capture: payment captured, order payment_authorised, once per event id', async () => {
    const { order, captureId } = await paypalOrder({ pending: true });
    expect(order.state).toBe('placed');
    const event = captureEvent('PAYMENT.CAPTURE.COMPLETED', captureId, 'COMPLETED', order.totalJpy);
    const first = await deliver(event);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ id: event.id, outcome: 'captured' });
    const cleared = (await orderOfCapture(captureId))!;
    expect(cleared).toMatchObject({ paymentState: 'captured', state: 'payment_authorised' });
    const events = await database.db
      .select()
      .from(orderEvents)
      .where(eq(orderEvents.orderId, order.id));
    expect(events.map((e) => e.state)).toEqual(
      expect.arrayContaining(['payment_authorised', 'payment_captured']),
    );

    // PayPal sends the same event again: answered 200, nothing changes.
    const again = await deliver(event);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ id: event.id, replayed: true });
    const after = await database.db
      .select()
      .from(orderEvents)
      .where(eq(orderEvents.orderId, order.id));
    expect(after).toHaveLength(events.length);
    expect((await storedEvent(event.id))?.outcome).toBe('captured');

    // Another event saying the same (a second COMPLETED) finds the capture settled.
    const other = captureEvent('PAYMENT.CAPTURE.COMPLETED', captureId, 'COMPLETED', 1);
    expect((await deliver(other)).body).toEqual({ id: other.id, outcome: 'no_change' });
  });

  it('refuses a forged event (changed body, missing or foreign headers) with 400 and stores nothing', async () => {
    const { order, captureId } = await paypalOrder({ pending: true });
    const event = captureEvent('PAYMENT.CAPTURE.COMPLETED', captureId, 'COMPLETED', order.totalJpy);
    const forged = await deliver(event, (raw) => raw.replace(captureId, 'X'.repeat(17)));
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe('invalid_signature');
    const unsigned = await callApi(app, 'POST', '/api/webhooks/paypal', {
      raw: JSON.stringify(event),
    });
    expect(unsigned.status).toBe(400);
    const otherSigned = {
      ...paypal.signWebhook(JSON.stringify(event)),
      'paypal-transmission-sig': 'AAAA',
    };
    const wrongSig = await callApi(app, 'POST', '/api/webhooks/paypal', {
      raw: JSON.stringify(event),
      headers: otherSigned,
    });
    expect(wrongSig.status).toBe(400);
    expect(await storedEvent(event.id)).toBeUndefined();
    expect((await orderOfCapture(captureId))!.paymentState).toBe('waiting');
  });

  it('cancels a waiting order PayPal declined: stock back, payment voided, one mail however often it is sent', async () => {
    const { product, order, captureId } = await paypalOrder({ pending: true });
    expect(await stockOf(product.id)).toBe(4);
    const event = captureEvent('PAYMENT.CAPTURE.DENIED', captureId, 'DECLINED', order.totalJpy);
    expect((await deliver(event)).body).toEqual({ id: event.id, outcome: 'cancelled' });
    expect((await deliver(event)).body).toEqual({ id: event.id, replayed: true });
    expect(await orderOfCapture(captureId)).toMatchObject({
      state: 'cancelled',
      paymentState: 'voided',
    });
    expect(await stockOf(product.id)).toBe(5);
    const mails = await mailsOf(order.id, 'paypal_declined');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.recipient).toBe(order.contactEmail);
    // No refund: PayPal took nothing.
    expect(
      await database.db.select().from(paymentRefunds).where(eq(paymentRefunds.orderId, order.id)),
    ).toEqual([]);
  });

  it('records a refund made in PayPal’s dashboard, and leaves the shop’s own refund alone', async () => {
    const { order, captureId } = await paypalOrder({ pending: false });
    const partial = refundEvent(captureId, `R${randomToken(8).toUpperCase()}`, 1000);
    expect((await deliver(partial)).body).toEqual({ id: partial.id, outcome: 'refund_recorded' });
    expect((await deliver(partial)).body).toEqual({ id: partial.id, replayed: true });
    const refunds = () =>
      database.db.select().from(paymentRefunds).where(eq(paymentRefunds.orderId, order.id));
    expect(await refunds()).toEqual([
      expect.objectContaining({
        idempotencyKey: `paypal-event:${partial.id}`,
        state: 'refunded',
        amountJpy: 1000,
        paymentRef: captureId,
      }),
    ]);
    expect((await orderOfCapture(captureId))!.paymentState).toBe('partially_refunded');

    // The shop refunds the rest itself; PayPal's event about that refund changes nothing.
    const rest = order.totalJpy - 1000;
    const own = await refundPayment(
      { ...deps, paypal: client },
      { orderId: order.id, amountJpy: rest, reason: 'goodwill', idempotencyKey: `own-${order.id}` },
    );
    expect(own.ok).toBe(true);
    const ownRef = (await refunds()).find((r) => r.idempotencyKey === `own-${order.id}`)!;
    const echo = refundEvent(captureId, ownRef.providerRefundRef!, rest);
    expect((await deliver(echo)).body).toEqual({ id: echo.id, outcome: 'own_refund' });
    expect(await refunds()).toHaveLength(2);
    expect((await orderOfCapture(captureId))!.paymentState).toBe('refunded');
  });

  it('stores unknown event types and captures and answers 200', async () => {
    const unknownType = { ...captureEvent('CHECKOUT.ORDER.APPROVED', 'ABC', 'APPROVED', 1) };
    expect((await deliver(unknownType)).body).toEqual({ id: unknownType.id, outcome: 'ignored' });
    const unknownCapture = captureEvent(
      'PAYMENT.CAPTURE.COMPLETED',
      'NOSUCHCAPTURE1',
      'COMPLETED',
      1,
    );
    expect((await deliver(unknownCapture)).body).toEqual({
      id: unknownCapture.id,
      outcome: 'unknown_capture',
    });
    expect(await storedEvent(unknownCapture.id)).toMatchObject({
      eventType: 'PAYMENT.CAPTURE.COMPLETED',
      resourceId: 'NOSUCHCAPTURE1',
    });
  });

  it('resolves a waiting capture on the worker’s round once PayPal cleared it', async () => {
    const { order, captureId } = await paypalOrder({ pending: true });
    const jobDeps = { ...deps, paypal: client, log: appDeps.log };
    expect(await resolveWaitingPaypalCaptures(jobDeps)).toBe(0);
    expect((await orderOfCapture(captureId))!.paymentState).toBe('waiting');
    paypal.completeCapture(captureId);
    expect(await resolveWaitingPaypalCaptures(jobDeps)).toBe(1);
    expect(await orderOfCapture(captureId)).toMatchObject({
      paymentState: 'captured',
      state: 'payment_authorised',
    });
    expect(order.state).toBe('placed');
    expect(await resolveWaitingPaypalCaptures(jobDeps)).toBe(0);
  });

  // Last: it leaves this client refused for the rest of the window.
  it('refuses a sender after too many unverified events, before asking PayPal', async () => {
    let res = await callApi(app, 'POST', '/api/webhooks/paypal', { raw: '{"id":"x"}' });
    for (let i = 0; i < 30 && res.status === 400; i++) {
      res = await callApi(app, 'POST', '/api/webhooks/paypal', { raw: '{"id":"x"}' });
    }
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeTruthy();
  });

  it('is not there without PAYPAL_WEBHOOK_ID', async () => {
    const bare = createApp({
      ...appDeps,
      env: parseEnv({ LOG_LEVEL: 'silent', DNS_SERVERS: 'off' }),
    });
    const res = await callApi(bare, 'POST', '/api/webhooks/paypal', { raw: '{}' });
    expect(res.status).toBe(404);
  });
});
