import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../app.tsx';
import type { Database } from '../db/client.ts';
import { randomToken } from '../lib/ids.ts';
import { createPaypalClient } from '../payments/paypal/paypal-client.ts';
import { type PaypalServer, startPaypalServer } from '../payments/paypal/paypal-server.ts';
import { createTestDatabase, describeEachDatabase } from '../testing/databases.ts';
import { checkoutRequest, makeProduct } from '../testing/factories.ts';
import { apiTestDeps, callApi } from './test-client.ts';

describeEachDatabase('store API checkout with PayPal', (kind) => {
  let database: Database;
  let paypal: PaypalServer;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    paypal = await startPaypalServer();
    const client = createPaypalClient({
      clientId: paypal.clientId,
      clientSecret: paypal.clientSecret,
      baseUrl: paypal.url,
    });
    app = createApp({ ...apiTestDeps(database.db), paypal: client });
  });
  afterAll(async () => {
    await paypal.close();
    await database.close();
  });

  async function guestCart() {
    const product = await makeProduct(database.db, { stock: 5, priceJpy: 2200 });
    const created = await callApi(app, 'POST', '/api/store/carts');
    const cart = { 'x-cart-token': created.body.cartToken as string };
    await callApi(app, 'POST', '/api/store/carts/current/items', {
      headers: cart,
      json: { productId: product.id, quantity: 1 },
    });
    return cart;
  }

  const paypalRequest = () => {
    const { card: _card, ...rest } = checkoutRequest();
    return { ...rest, paymentMethod: 'paypal' };
  };

  it('answers 202 with the approval URL, and the same key after the approval returns the order', async () => {
    const cart = await guestCart();
    const headers = { ...cart, 'idempotency-key': `key-${randomToken(12)}` };
    const started = await callApi(app, 'POST', '/api/store/checkout', {
      headers,
      json: paypalRequest(),
    });
    expect(started.status).toBe(202);
    expect(started.body.approvalUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/checkoutnow\?token=/);
    const paypalOrderId = new URL(started.body.approvalUrl).searchParams.get('token')!;

    // Asked again before the customer approved: still waiting for them, nothing captured.
    const early = await callApi(app, 'POST', '/api/store/checkout', {
      headers,
      json: paypalRequest(),
    });
    expect(early.status).toBe(202);
    expect(early.body).toEqual(started.body);
    expect(paypal.captureOf(paypalOrderId)).toBeUndefined();

    paypal.approve(paypalOrderId);
    const before = paypal.counts.captures;
    const placed = await callApi(app, 'POST', '/api/store/checkout', {
      headers,
      json: paypalRequest(),
    });
    expect(placed.status).toBe(201);
    const captureId = paypal.captureOf(paypalOrderId)!.id;
    expect(placed.body.order).toMatchObject({
      state: 'payment_authorised',
      payment: { method: 'paypal', paypalCaptureId: captureId, state: 'captured', brand: null },
    });
    expect(placed.body.accessKey).toBeTruthy();

    const replayed = await callApi(app, 'POST', '/api/store/checkout', {
      headers,
      json: paypalRequest(),
    });
    expect(replayed.status).toBe(200);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body.order.number).toBe(placed.body.order.number);
    expect(paypal.counts.captures).toBe(before + 1);

    // The order reads the same afterwards, with the capture id.
    const read = await callApi(
      app,
      'GET',
      `/api/store/orders/${placed.body.order.number}?key=${placed.body.accessKey}`,
    );
    expect(read.body.order.payment).toMatchObject({ method: 'paypal', paypalCaptureId: captureId });
  });

  it('refuses the key for another cart while a PayPal checkout waits for approval', async () => {
    const key = `key-${randomToken(12)}`;
    const started = await callApi(app, 'POST', '/api/store/checkout', {
      headers: { ...(await guestCart()), 'idempotency-key': key },
      json: paypalRequest(),
    });
    expect(started.status).toBe(202);
    const other = await callApi(app, 'POST', '/api/store/checkout', {
      headers: { ...(await guestCart()), 'idempotency-key': key },
      json: paypalRequest(),
    });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_key_reused');
  });

  it('answers 503 when PayPal fails at capture, and the repeat places the order without charging twice', async () => {
    const headers = { ...(await guestCart()), 'idempotency-key': `key-${randomToken(12)}` };
    const started = await callApi(app, 'POST', '/api/store/checkout', {
      headers,
      json: paypalRequest(),
    });
    const paypalOrderId = new URL(started.body.approvalUrl).searchParams.get('token')!;
    paypal.approve(paypalOrderId);
    const before = paypal.counts.captures;
    paypal.nextCapture({ outcome: 'INTERNAL_SERVER_ERROR' });
    const down = await callApi(app, 'POST', '/api/store/checkout', {
      headers,
      json: paypalRequest(),
    });
    expect(down.status).toBe(503);
    expect(down.body.error.code).toBe('paypal_unavailable');
    const placed = await callApi(app, 'POST', '/api/store/checkout', {
      headers,
      json: paypalRequest(),
    });
    expect(placed.status).toBe(201);
    expect(paypal.counts.captures).toBe(before + 1);
  });

  it('asks for a card when a card payment has none', async () => {
    const { card: _card, ...noCard } = checkoutRequest();
    const res = await callApi(app, 'POST', '/api/store/checkout', {
      headers: { ...(await guestCart()), 'idempotency-key': `key-${randomToken(12)}` },
      json: noCard,
    });
    expect(res.status).toBe(400);
  });
});
