import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../app.tsx';
import type { Database } from '../db/client.ts';
import { parseEnv } from '../env.ts';
import { loadMailIdentity } from '../mail/identity.ts';
import { renderMail } from '../mail/render-mail.ts';
import { outboxMessages } from '../mail/tables.ts';
import { cancellationRefundKey, cancelOrder, releasePendingVoids } from '../orders/cancel-order.ts';
import { orders } from '../orders/tables.ts';
import { createPaypalClient, type PaypalClient } from '../payments/paypal/paypal-client.ts';
import { type PaypalServer, startPaypalServer } from '../payments/paypal/paypal-server.ts';
import { createTestDatabase, describeEachDatabase } from '../testing/databases.ts';
import { makeProduct } from '../testing/factories.ts';
import { formClient, testAppDeps } from '../testing/http-client.ts';
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

/** The customer at PayPal's page: logs in, approves, and is sent back; returns the shop path. */
async function approveAtPaypal(approveUrl: string): Promise<string> {
  const res = await fetch(approveUrl, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get('location')!);
  return back.pathname + back.search;
}

describeEachDatabase('PayPal at the storefront checkout', (kind) => {
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
    app = createApp(testAppDeps(database.db, { paypal: client }));
  });
  afterAll(async () => {
    await paypal.close();
    await database.close();
  });

  /** A guest with one product in the cart, at checkout; sends the form and lands at PayPal. */
  async function guestAtPaypal(priceJpy = 2200) {
    const product = await makeProduct(database.db, { stock: 5, priceJpy });
    const browser = formClient(app);
    await browser.get(`/p/${product.slug}`);
    await browser.post('/cart/items', { productId: product.id, quantity: '1' });
    const page = await browser.get('/checkout');
    expect(page.html).toContain('name="paymentMethod" value="paypal"');
    const key = page.html.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
    const sent = await browser.post('/checkout', { ...paypalForm, idempotencyKey: key });
    expect(sent.status).toBe(303);
    const approveUrl = sent.location!;
    expect(approveUrl.startsWith(`${paypal.url}/checkoutnow?token=`)).toBe(true);
    const paypalOrderId = new URL(approveUrl).searchParams.get('token')!;
    return { product, browser, approveUrl, paypalOrderId, key };
  }

  async function orderOf(paypalOrderId: string) {
    const capture = paypal.captureOf(paypalOrderId);
    if (!capture) return undefined;
    const [order] = await database.db
      .select()
      .from(orders)
      .where(eq(orders.paymentRef, capture.id));
    return order;
  }

  it('places the order when the customer comes back from approving, captured at once', async () => {
    const { browser, approveUrl, paypalOrderId } = await guestAtPaypal(2200);
    const before = paypal.counts.captures;
    const back = await approveAtPaypal(approveUrl);
    expect(back).toMatch(/^\/checkout\/paypal\/return\/[0-9a-f-]{36}\?token=/);
    const placed = await browser.get(back);
    expect(placed.status).toBe(303);
    expect(placed.location).toMatch(/^\/checkout\/done\/TP-/);
    expect(paypal.counts.captures).toBe(before + 1);

    const order = (await orderOf(paypalOrderId))!;
    expect(order).toMatchObject({
      paymentProvider: 'paypal',
      paymentState: 'captured',
      state: 'payment_authorised',
      totalJpy: 2200 + order.shippingFeeJpy,
      cardBrand: null,
    });
    expect(paypal.captureOf(paypalOrderId)).toMatchObject({ status: 'COMPLETED', refundedJpy: 0 });
    const mail = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.orderId, order.id));
    expect(mail.map((m) => m.topic)).toEqual(['order_placed']);
    expect(mail[0]!.payload).toMatchObject({ paypalCaptureId: order.paymentRef });

    // The order page says PayPal and the capture id.
    const done = await browser.get(placed.location!);
    const orderLink = done.html.match(/href="(\/orders\/[^"]+)"/)![1]!.replaceAll('&amp;', '&');
    const page = await browser.get(orderLink);
    expect(page.html).toContain('PayPal');
    expect(page.html).toContain(order.paymentRef);
    // Coming back again (reload) shows the same order and captures nothing more.
    const again = await browser.get(back);
    expect(again.location).toBe(placed.location);
    expect(paypal.counts.captures).toBe(before + 1);
  });

  it('brings a customer who cancels at PayPal back to checkout, cart and address intact', async () => {
    const { browser, paypalOrderId, product } = await guestAtPaypal();
    const checkoutId = await checkoutIdOf(paypalOrderId);
    const cancelled = await browser.get(
      `/checkout/paypal/cancel/${checkoutId}?token=${paypalOrderId}`,
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.html).toContain('You cancelled the payment on PayPal.');
    expect(cancelled.html).toContain('value="1-2-3 Shibuya"');
    expect(cancelled.html).toContain(product.titleEn);
    expect(paypal.captureOf(paypalOrderId)).toBeUndefined();
    const cart = await browser.get('/cart');
    expect(cart.html).toContain(product.titleEn);
  });

  it('says so in Japanese to a Japanese customer who cancels', async () => {
    const { browser, paypalOrderId } = await guestAtPaypal();
    const checkoutId = await checkoutIdOf(paypalOrderId);
    browser.cookies.set('tp_lang', 'ja');
    const cancelled = await browser.get(
      `/checkout/paypal/cancel/${checkoutId}?token=${paypalOrderId}`,
    );
    expect(cancelled.html).toContain('PayPalでのお支払いをキャンセルしました。');
  });

  it('sends the customer back to PayPal when the funding source is declined (INSTRUMENT_DECLINED)', async () => {
    const { browser, approveUrl, paypalOrderId } = await guestAtPaypal();
    const back = await approveAtPaypal(approveUrl);
    paypal.nextCapture({ outcome: 'INSTRUMENT_DECLINED' });
    const declined = await browser.get(back);
    expect(declined.status).toBe(303);
    expect(declined.location).toBe(approveUrl);
    expect(await orderOf(paypalOrderId)).toBeUndefined();
    // Another funding source approved: the same checkout is placed.
    const backAgain = await approveAtPaypal(declined.location!);
    const placed = await browser.get(backAgain);
    expect(placed.location).toMatch(/^\/checkout\/done\//);
    expect((await orderOf(paypalOrderId))?.paymentState).toBe('captured');
  });

  it('captures once and places one order when the customer comes back in two tabs', async () => {
    const { browser, approveUrl, paypalOrderId } = await guestAtPaypal();
    const back = await approveAtPaypal(approveUrl);
    const before = paypal.counts.captures;
    paypal.nextCapture({ delayMs: 300 });
    const [first, second] = await Promise.all([browser.get(back), browser.get(back)]);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.location).toBe(first.location);
    expect(paypal.counts.captures).toBe(before + 1);
    const order = (await orderOf(paypalOrderId))!;
    const rows = await database.db
      .select({ id: orders.id })
      .from(orders)
      .where(eq(orders.idempotencyKey, order.idempotencyKey));
    expect(rows).toHaveLength(1);
  });

  it('does not capture when the cart changed during the approval, and says to review it', async () => {
    const { browser, approveUrl, paypalOrderId } = await guestAtPaypal();
    const back = await approveAtPaypal(approveUrl);
    const extra = await makeProduct(database.db, { stock: 5, priceJpy: 900 });
    await browser.post('/cart/items', { productId: extra.id, quantity: '1' });
    const res = await browser.get(back);
    expect(res.status).toBe(409);
    expect(res.html).toContain(
      'Your cart changed while you were at PayPal, so nothing was charged.',
    );
    expect(paypal.captureOf(paypalOrderId)).toBeUndefined();
    // The old approval cannot be used again for the new cart.
    const again = await browser.get(back);
    expect(again.status).toBe(409);
    expect(paypal.captureOf(paypalOrderId)).toBeUndefined();
  });

  it('refuses a return whose token is not the PayPal order of that checkout', async () => {
    const first = await guestAtPaypal();
    const other = await guestAtPaypal();
    const back = await approveAtPaypal(first.approveUrl);
    await approveAtPaypal(other.approveUrl);
    const tampered = back.replace(first.paypalOrderId, other.paypalOrderId);
    const res = await first.browser.get(tampered);
    expect(res.status).toBe(400);
    expect(res.html).toContain('This link back from PayPal is not valid');
    const missing = await first.browser.get(back.split('?')[0]!);
    expect(missing.status).toBe(400);
    expect(paypal.captureOf(first.paypalOrderId)).toBeUndefined();
    expect(paypal.captureOf(other.paypalOrderId)).toBeUndefined();
  });

  it('explains a PayPal outage at capture, places nothing, and a retry charges once', async () => {
    const { browser, approveUrl, paypalOrderId } = await guestAtPaypal();
    const back = await approveAtPaypal(approveUrl);
    const before = paypal.counts.captures;
    paypal.nextCapture({ outcome: 'INTERNAL_SERVER_ERROR' });
    const down = await browser.get(back);
    expect(down.status).toBe(503);
    expect(down.html).toContain('PayPal is not answering right now.');
    expect(await orderOf(paypalOrderId)).toBeUndefined();
    const retry = down.html.match(/href="(\/checkout\/paypal\/return\/[^"]+)"/)![1]!;
    const placed = await browser.get(retry.replaceAll('&amp;', '&'));
    expect(placed.status).toBe(303);
    expect(placed.location).toMatch(/^\/checkout\/done\//);
    expect(paypal.counts.captures).toBe(before + 1);
  });

  it('explains a PayPal timeout at capture; the retry finds the capture PayPal made and charges once', async () => {
    const { browser, approveUrl, paypalOrderId } = await guestAtPaypal();
    const back = await approveAtPaypal(approveUrl);
    const before = paypal.counts.captures;
    // PayPal captures but answers after the client gave up.
    paypal.nextCapture({ delayMs: 2500 });
    const slow = await browser.get(back);
    expect(slow.status).toBe(503);
    expect(await orderOf(paypalOrderId)).toBeUndefined();
    const placed = await browser.get(back);
    expect(placed.status).toBe(303);
    expect(paypal.counts.captures).toBe(before + 1);
    expect((await orderOf(paypalOrderId))?.paymentState).toBe('captured');
  });

  it('places the order waiting when PayPal holds the capture for review', async () => {
    const { browser, approveUrl, paypalOrderId } = await guestAtPaypal();
    const back = await approveAtPaypal(approveUrl);
    paypal.nextCapture({ outcome: 'PENDING' });
    const placed = await browser.get(back);
    expect(placed.status).toBe(303);
    expect(await orderOf(paypalOrderId)).toMatchObject({
      paymentState: 'waiting',
      state: 'placed',
    });
  });

  it('refunds a cancelled PayPal order once, and the cancellation mail says so', async () => {
    const { browser, approveUrl, paypalOrderId } = await guestAtPaypal(3300);
    const placed = await browser.get(await approveAtPaypal(approveUrl));
    const done = await browser.get(placed.location!);
    const orderLink = done.html.match(/href="(\/orders\/[^"]+)"/)![1]!.replaceAll('&amp;', '&');
    const page = await browser.get(orderLink);
    expect(page.html).toContain('Your PayPal payment is refunded.');
    const before = paypal.counts.refunds;
    const [path, query] = orderLink.split('?');
    const cancelled = await browser.post(`${path}/cancel?${query}`, {});
    expect(cancelled.status).toBe(303);

    const order = (await orderOf(paypalOrderId))!;
    expect(order).toMatchObject({ state: 'cancelled', paymentState: 'refunded' });
    expect(paypal.counts.refunds).toBe(before + 1);
    expect(paypal.captureOf(paypalOrderId)).toMatchObject({
      status: 'REFUNDED',
      refundedJpy: order.totalJpy,
    });
    // The worker's round finds nothing more to refund; a repeat with the same request id would not either.
    const deps = testAppDeps(database.db, { paypal: client });
    await releasePendingVoids(deps, [order.id]);
    const repeat = await client.refundCapture(order.paymentRef, {
      amountJpy: order.totalJpy,
      requestId: cancellationRefundKey(order.id),
    });
    expect(repeat.ok).toBe(true);
    expect(paypal.counts.refunds).toBe(before + 1);

    const [mail] = await database.db
      .select()
      .from(outboxMessages)
      .where(
        and(eq(outboxMessages.orderId, order.id), eq(outboxMessages.topic, 'order_cancelled')),
      );
    expect(mail!.payload).toMatchObject({ refunded: true, paypalCaptureId: order.paymentRef });
    const env = parseEnv({ LOG_LEVEL: 'silent' });
    const rendered = await renderMail(
      {
        db: database.db,
        identity: await loadMailIdentity(database.db, env),
        shopName: 'Tenpo',
        publicUrl: 'http://shop.test',
        secret: 'test-secret',
        links: 'one',
      },
      mail!,
    );
    expect(rendered.text).toContain(
      'you paid with PayPal has been refunded to your PayPal account',
    );
    expect(rendered.text).toContain(order.paymentRef);
  });

  it('tries a refused PayPal refund again on the next round, still only once at PayPal', async () => {
    const { browser, approveUrl, paypalOrderId } = await guestAtPaypal(1200);
    await browser.get(await approveAtPaypal(approveUrl));
    const order = (await orderOf(paypalOrderId))!;
    // PayPal unreachable while the order is cancelled: the refund stays pending.
    const down = createPaypalClient({
      clientId: paypal.clientId,
      clientSecret: paypal.clientSecret,
      baseUrl: 'http://127.0.0.1:1',
      timeoutMs: 500,
    });
    const deps = testAppDeps(database.db, { paypal: down });
    const cancelled = await cancelOrder(deps, { orderId: order.id, actor: 'customer' });
    expect(cancelled.ok).toBe(true);
    const [pending] = await database.db.select().from(orders).where(eq(orders.id, order.id));
    expect(pending!.paymentState).toBe('refund_pending');
    const before = paypal.counts.refunds;
    await releasePendingVoids(testAppDeps(database.db, { paypal: client }));
    await releasePendingVoids(testAppDeps(database.db, { paypal: client }));
    const [refunded] = await database.db.select().from(orders).where(eq(orders.id, order.id));
    expect(refunded!.paymentState).toBe('refunded');
    expect(paypal.counts.refunds).toBe(before + 1);
  });

  it('does not offer PayPal, nor take a PayPal form, without a PayPal client', async () => {
    const plain = createApp(testAppDeps(database.db));
    const product = await makeProduct(database.db, { stock: 5 });
    const browser = formClient(plain);
    await browser.get(`/p/${product.slug}`);
    await browser.post('/cart/items', { productId: product.id, quantity: '1' });
    const page = await browser.get('/checkout');
    expect(page.html).not.toContain('name="paymentMethod"');
    const key = page.html.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
    const sent = await browser.post('/checkout', { ...paypalForm, idempotencyKey: key });
    expect(sent.status).toBe(400);
    expect(sent.html).toContain('PayPal is not available right now.');
  });

  /** The shop's checkout id for a PayPal order, as in the cancel URL PayPal sends the customer to. */
  async function checkoutIdOf(paypalOrderId: string): Promise<string> {
    const [row] = await database.db
      .select({ id: checkouts.id })
      .from(checkouts)
      .where(eq(checkouts.paypalOrderId, paypalOrderId));
    return row!.id;
  }
});
