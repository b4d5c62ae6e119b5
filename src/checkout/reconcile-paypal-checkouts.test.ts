import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../app.tsx';
import { cartItems } from '../cart/tables.ts';
import { products } from '../catalog/tables.ts';
import type { Database } from '../db/client.ts';
import { outboxMessages } from '../mail/tables.ts';
import { orders } from '../orders/tables.ts';
import { createPaypalClient, type PaypalClient } from '../payments/paypal/paypal-client.ts';
import { type PaypalServer, startPaypalServer } from '../payments/paypal/paypal-server.ts';
import { createTestDatabase, describeEachDatabase } from '../testing/databases.ts';
import { makeProduct, testClock, testDeps } from '../testing/factories.ts';
import { formClient, testAppDeps } from '../testing/http-client.ts';
import { captureRequestId } from './paypal-checkout.ts';
import { RECONCILE_AFTER_MINUTES, reconcilePaypalCheckouts } from './reconcile-paypal-checkouts.ts';
import { checkouts } from './tables.ts';

const paypalForm = {
  email: 'guest@example.com',
  name: 'Taro Yamada',
  line1: '1-2-3 Shibuya',
  city: 'Shibuya-ku',
  region: 'Tokyo',
  postalCode: '1500002',
  country: 'JP',
  phone: '03-1234-5678',
  shippingMethod: 'domestic',
  paymentMethod: 'paypal',
  cardNumber: '',
  cardHolder: '',
  cardExpiry: '',
  cardCvc: '',
  action: 'place',
};

const MINUTE = 60_000;

describeEachDatabase('reconciling PayPal checkouts', (kind) => {
  const clock = testClock();
  let database: Database;
  let paypal: PaypalServer;
  let client: PaypalClient;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    paypal = await startPaypalServer();
    client = createPaypalClient({
      clientId: paypal.clientId,
      clientSecret: paypal.clientSecret,
      baseUrl: paypal.url,
      timeoutMs: 2000,
    });
    app = createApp(testAppDeps(database.db, { paypal: client, clock }));
  });
  afterAll(async () => {
    await paypal.close();
    await database.close();
  });

  /** One round of the worker's job, with `paypalClient` as PayPal. */
  const runJob = (paypalClient: PaypalClient = client) =>
    reconcilePaypalCheckouts({ ...testDeps(database.db, clock), paypal: paypalClient });

  /** A guest with one product in the cart who sent the checkout form and is at PayPal's page. */
  async function guestAtPaypal(priceJpy = 2200) {
    const product = await makeProduct(database.db, { stock: 5, priceJpy });
    const browser = formClient(app);
    await browser.get(`/p/${product.slug}`);
    await browser.post('/cart/items', { productId: product.id, quantity: '1' });
    const page = await browser.get('/checkout');
    const key = page.html.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
    const sent = await browser.post('/checkout', { ...paypalForm, idempotencyKey: key });
    expect(sent.status).toBe(303);
    const approveUrl = sent.location!;
    const paypalOrderId = new URL(approveUrl).searchParams.get('token')!;
    const [row] = await database.db
      .select()
      .from(checkouts)
      .where(eq(checkouts.paypalOrderId, paypalOrderId));
    return { product, browser, approveUrl, paypalOrderId, key, checkout: row! };
  }

  /** The customer approves at PayPal; returns the shop's return path (not followed). */
  async function approve(approveUrl: string): Promise<string> {
    const res = await fetch(approveUrl, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    return back.pathname + back.search;
  }

  /**
   * The return claimed the checkout and PayPal captured, then the process died before the order's
   * transaction; the clock moves past the point where the job takes over.
   */
  async function crashedAfterCapture(priceJpy = 2200) {
    const at = await guestAtPaypal(priceJpy);
    const back = await approve(at.approveUrl);
    await database.db
      .update(checkouts)
      .set({ state: 'capturing', claimedAt: clock.now() })
      .where(eq(checkouts.id, at.checkout.id));
    const captured = await client.captureOrder(at.paypalOrderId, captureRequestId(at.checkout.id));
    expect(captured.ok).toBe(true);
    clock.advance((RECONCILE_AFTER_MINUTES + 1) * MINUTE);
    return { ...at, back };
  }

  async function ordersOf(key: string) {
    return database.db.select().from(orders).where(eq(orders.idempotencyKey, key));
  }

  async function checkoutRow(id: string) {
    const [row] = await database.db.select().from(checkouts).where(eq(checkouts.id, id));
    return row!;
  }

  async function refundMails(checkoutId: string) {
    const rows = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.topic, 'checkout_refunded'));
    return rows.filter((m) => m.payload.checkoutId === checkoutId);
  }

  async function placedMails(orderId: string) {
    return database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.orderId, orderId), eq(outboxMessages.topic, 'order_placed')));
  }

  it('commits the order of a capture whose commit never happened, and the confirmation goes out', async () => {
    const { key, checkout, paypalOrderId, browser, back } = await crashedAfterCapture(2400);
    const captures = paypal.counts.captures;
    await runJob();

    const [order, ...more] = await ordersOf(key);
    expect(more).toHaveLength(0);
    expect(order).toMatchObject({
      paymentProvider: 'paypal',
      paymentRef: paypal.captureOf(paypalOrderId)!.id,
      paymentState: 'captured',
      totalJpy: 2400 + order!.shippingFeeJpy,
    });
    expect(await checkoutRow(checkout.id)).toMatchObject({
      state: 'completed',
      orderId: order!.id,
    });
    expect(await placedMails(order!.id)).toHaveLength(1);
    expect(paypal.counts.captures).toBe(captures);
    expect(paypal.captureOf(paypalOrderId)!.refundedJpy).toBe(0);
    // The cart was emptied by the order, and the customer's late return shows that order.
    const cart = await database.db
      .select()
      .from(cartItems)
      .where(eq(cartItems.cartId, (checkout.request as { cartId: string }).cartId));
    expect(cart).toHaveLength(0);
    const late = await browser.get(back);
    expect(late.location).toMatch(new RegExp(`^/checkout/done/${order!.number}\\?`));
    // Another round finds nothing to do.
    await runJob();
    expect(await ordersOf(key)).toHaveLength(1);
    expect(await placedMails(order!.id)).toHaveLength(1);
  });

  it('refunds once, mails the customer and places nothing when the cart was emptied meanwhile', async () => {
    const { key, checkout, paypalOrderId } = await crashedAfterCapture(3100);
    await database.db
      .delete(cartItems)
      .where(eq(cartItems.cartId, (checkout.request as { cartId: string }).cartId));
    const refunds = paypal.counts.refunds;
    await runJob();

    expect(await ordersOf(key)).toHaveLength(0);
    expect(paypal.counts.refunds).toBe(refunds + 1);
    const capture = paypal.captureOf(paypalOrderId)!;
    expect(capture).toMatchObject({ status: 'REFUNDED', refundedJpy: checkout.amountJpy });
    expect((await checkoutRow(checkout.id)).state).toBe('abandoned');
    const mails = await refundMails(checkout.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ recipient: 'guest@example.com', orderId: null });
    expect(mails[0]!.payload).toMatchObject({
      amountJpy: checkout.amountJpy,
      paypalCaptureId: capture.id,
    });

    await runJob();
    expect(paypal.counts.refunds).toBe(refunds + 1);
    expect(await refundMails(checkout.id)).toHaveLength(1);
  });

  it('refunds when the product sold out before the job could commit', async () => {
    const { key, checkout, paypalOrderId, product } = await crashedAfterCapture(1800);
    await database.db.update(products).set({ stock: 0 }).where(eq(products.id, product.id));
    await runJob();
    expect(await ordersOf(key)).toHaveLength(0);
    expect(paypal.captureOf(paypalOrderId)).toMatchObject({ status: 'REFUNDED' });
    expect((await checkoutRow(checkout.id)).state).toBe('abandoned');
    expect(await refundMails(checkout.id)).toHaveLength(1);
  });

  it('places one order when two workers reconcile at the same time', async () => {
    const { key, checkout } = await crashedAfterCapture();
    const refunds = paypal.counts.refunds;
    await Promise.all([runJob(), runJob()]);
    const placed = await ordersOf(key);
    expect(placed).toHaveLength(1);
    expect(await placedMails(placed[0]!.id)).toHaveLength(1);
    expect((await checkoutRow(checkout.id)).state).toBe('completed');
    expect(paypal.counts.refunds).toBe(refunds);
  });

  it('places one order with one capture when the customer comes back while the job runs', async () => {
    const { key, browser, back } = await crashedAfterCapture();
    const captures = paypal.counts.captures;
    const refunds = paypal.counts.refunds;
    const [, returned] = await Promise.all([runJob(), browser.get(back)]);
    const placed = await ordersOf(key);
    expect(placed).toHaveLength(1);
    expect(returned.location).toMatch(new RegExp(`^/checkout/done/${placed[0]!.number}\\?`));
    expect(paypal.counts.captures).toBe(captures);
    expect(paypal.counts.refunds).toBe(refunds);
    expect(await placedMails(placed[0]!.id)).toHaveLength(1);
  });

  it('makes a customer who comes back while the job holds the checkout wait for its order', async () => {
    const { key, checkout, browser, back } = await crashedAfterCapture();
    const captures = paypal.counts.captures;
    const slow = createPaypalClient({
      clientId: paypal.clientId,
      clientSecret: paypal.clientSecret,
      baseUrl: paypal.url,
      timeoutMs: 2000,
      fetch: async (input, init) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return fetch(input, init);
      },
    });
    const job = runJob(slow);
    // The job has claimed the checkout (its claim is fresh) and is asking PayPal.
    while ((await checkoutRow(checkout.id)).claimedAt?.getTime() !== clock.now().getTime()) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const returned = await browser.get(back);
    await job;
    const placed = await ordersOf(key);
    expect(placed).toHaveLength(1);
    expect(returned.location).toMatch(new RegExp(`^/checkout/done/${placed[0]!.number}\\?`));
    expect(paypal.counts.captures).toBe(captures);
  });

  it('leaves a checkout untouched while PayPal answers 5xx, and settles it on the next round', async () => {
    const { key, checkout } = await crashedAfterCapture();
    const failing = createPaypalClient({
      clientId: paypal.clientId,
      clientSecret: paypal.clientSecret,
      baseUrl: paypal.url,
      timeoutMs: 2000,
      fetch: async (input, init) => {
        const url = String(input);
        if (url.includes('/v2/checkout/orders/') && (init?.method ?? 'GET') === 'GET') {
          return Response.json(
            { name: 'INTERNAL_SERVER_ERROR', message: 'An internal server error has occurred.' },
            { status: 500 },
          );
        }
        return fetch(input, init);
      },
    });
    const before = await checkoutRow(checkout.id);
    await runJob(failing);
    expect(await ordersOf(key)).toHaveLength(0);
    const after = await checkoutRow(checkout.id);
    expect(after.state).toBe('capturing');
    expect(after.claimedAt).toEqual(before.claimedAt);

    await runJob();
    expect(await ordersOf(key)).toHaveLength(1);
    expect((await checkoutRow(checkout.id)).state).toBe('completed');
  });

  it('places the order of a capture that timed out when the customer never came back', async () => {
    const { key, checkout, approveUrl, browser } = await guestAtPaypal();
    const back = await approve(approveUrl);
    // PayPal captures but answers after the client gave up; the customer closes the tab.
    paypal.nextCapture({ delayMs: 2500 });
    const slow = await browser.get(back);
    expect(slow.status).toBe(503);
    expect((await checkoutRow(checkout.id)).state).toBe('awaiting_approval');
    const captures = paypal.counts.captures;
    // Not yet: the customer may still press "try again".
    await runJob();
    expect(await ordersOf(key)).toHaveLength(0);

    clock.advance((RECONCILE_AFTER_MINUTES + 1) * MINUTE);
    await runJob();
    expect(await ordersOf(key)).toHaveLength(1);
    expect(paypal.counts.captures).toBe(captures);
  });

  it('abandons checkouts that expired without a capture: unapproved, or approved and never captured', async () => {
    const unapproved = await guestAtPaypal();
    const approved = await guestAtPaypal();
    await approve(approved.approveUrl);
    const refunds = paypal.counts.refunds;
    clock.advance(181 * MINUTE);
    await runJob();
    for (const { checkout, key, paypalOrderId } of [unapproved, approved]) {
      expect((await checkoutRow(checkout.id)).state).toBe('abandoned');
      expect(await ordersOf(key)).toHaveLength(0);
      expect(paypal.captureOf(paypalOrderId)).toBeUndefined();
      expect(await refundMails(checkout.id)).toHaveLength(0);
    }
    expect(paypal.counts.refunds).toBe(refunds);
  });

  it('gives an approved checkout back to the customer while it has not expired', async () => {
    const { checkout, approveUrl, browser, key } = await guestAtPaypal();
    const back = await approve(approveUrl);
    // The return died after claiming, before capturing.
    await database.db
      .update(checkouts)
      .set({ state: 'capturing', claimedAt: clock.now() })
      .where(eq(checkouts.id, checkout.id));
    clock.advance((RECONCILE_AFTER_MINUTES + 1) * MINUTE);
    await runJob();
    expect((await checkoutRow(checkout.id)).state).toBe('awaiting_approval');
    const placed = await browser.get(back);
    expect(placed.status).toBe(303);
    expect(await ordersOf(key)).toHaveLength(1);
  });
});
