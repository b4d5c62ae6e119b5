import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { products } from '../catalog/tables.ts';
import { GIFT_WRAP_FEE_JPY, MESSAGE_CARD_MAX_CHARS } from '../checkout/gift-options.ts';
import { randomToken } from '../lib/ids.ts';
import { orders } from '../orders/tables.ts';
import {
  answerSandboxChallenge,
  SANDBOX_CHALLENGE_CODE,
  sandboxCards,
} from '../payments/sandbox-provider.ts';
import { sandboxPayments } from '../payments/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { checkoutRequest, makeMember, makeProduct } from '../testing/factories.ts';
import { useTestWorld } from '../testing/world.ts';
import { callApi } from './test-client.ts';

describeEachDatabase('store API checkout', (kind) => {
  const { database, app } = useTestWorld(kind);

  /** A guest cart holding one product; returns the cart header and the product. */
  async function guestCart(overrides: Parameters<typeof makeProduct>[1] = {}) {
    const product = await makeProduct(database.db, { stock: 5, priceJpy: 2200, ...overrides });
    const created = await callApi(app, 'POST', '/api/store/carts');
    const cart = { 'x-cart-token': created.body.cartToken as string };
    const added = await callApi(app, 'POST', '/api/store/carts/current/items', {
      headers: cart,
      json: { productId: product.id, quantity: 1 },
    });
    expect(added.status).toBe(200);
    return { cart, product };
  }

  const checkout = (headers: Record<string, string>, json: unknown = checkoutRequest()) =>
    callApi(app, 'POST', '/api/store/checkout', { headers, json });
  const newKey = () => `key-${randomToken(12)}`;

  it('places a guest order, and the same Idempotency-Key returns the same order', async () => {
    const { cart, product } = await guestCart();
    const key = newKey();
    const placed = await checkout({ ...cart, 'idempotency-key': key });
    expect(placed.status).toBe(201);
    const { order, accessKey } = placed.body;
    expect(order.number).toMatch(/^TP-\d{6}-[2-9A-Z]{6}$/);
    expect(order).toMatchObject({
      state: 'payment_authorised',
      contactEmail: 'buyer@example.com',
      totals: { subtotalJpy: 2200 },
      lines: [{ sku: product.sku, quantity: 1, unitPriceJpy: 2200 }],
      shippingAddress: { postalCode: '150-0002', country: 'JP' },
      payment: { brand: 'visa', last4: '4242' },
      canCancel: true,
      events: [{ state: 'placed' }, { state: 'payment_authorised' }],
    });
    expect(accessKey).toEqual(expect.any(String));
    const cartAfter = await callApi(app, 'GET', '/api/store/carts/current', { headers: cart });
    expect(cartAfter.body.cart.lines).toEqual([]);

    const again = await checkout({ ...cart, 'idempotency-key': key });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.order.number).toBe(order.number);
    const [after] = await database.db.select().from(products).where(eq(products.id, product.id));
    expect(after!.stock).toBe(4);
  });

  it('requires a well-formed Idempotency-Key header', async () => {
    const { cart } = await guestCart();
    const missing = await checkout(cart);
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('invalid_request');
    expect(missing.body.error.fields).toHaveProperty('Idempotency-Key');
    for (const key of ['too-short', 'x'.repeat(65), 'has spaces in the key!!']) {
      const res = await checkout({ ...cart, 'idempotency-key': key });
      expect(res.status, key).toBe(400);
    }
  });

  it('requires an email from guests and field messages for a bad address', async () => {
    const { cart } = await guestCart();
    const { email: _, ...noEmail } = checkoutRequest();
    const res = await checkout({ ...cart, 'idempotency-key': newKey() }, noEmail);
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toHaveProperty('email');
    const badAddress = await checkout(
      { ...cart, 'idempotency-key': newKey() },
      { ...checkoutRequest(), address: { ...checkoutRequest().address, postalCode: 'nope' } },
    );
    expect(badAddress.status).toBe(400);
    expect(badAddress.body.error.fields).toHaveProperty('address.postalCode');
    const symbol = await checkout(
      { ...cart, 'idempotency-key': newKey() },
      { ...checkoutRequest(), email: 'taro+shop@example.com' },
    );
    expect(symbol.status).toBe(400);
    expect(symbol.body.error.fields.email).toContain('+');
  });

  it('answers 402 with the reason when the card is declined', async () => {
    const { cart } = await guestCart();
    const res = await checkout(
      { ...cart, 'idempotency-key': newKey() },
      checkoutRequest({}, sandboxCards.declined),
    );
    expect(res.status).toBe(402);
    expect(res.body).toEqual({
      error: { code: 'payment_declined', message: expect.any(String), reason: 'card_declined' },
    });
  });

  it('answers 202 with a challenge URL for 3-D Secure, then the repeated request gets the order', async () => {
    const { cart } = await guestCart();
    const key = newKey();
    const res = await checkout(
      { ...cart, 'idempotency-key': key },
      checkoutRequest({}, sandboxCards.challenge),
    );
    expect(res.status).toBe(202);
    const { challengeUrl, checkoutId } = res.body;
    const url = new URL(challengeUrl);
    expect(url.searchParams.get('return')).toBe(`http://localhost/checkout/return/${checkoutId}`);

    // The customer passes the issuer's check and the browser comes back to the shop.
    const ref = url.pathname.split('/').pop()!;
    const answer = await answerSandboxChallenge(
      database.db,
      ref,
      url.searchParams.get('token')!,
      SANDBOX_CHALLENGE_CODE,
    );
    expect(answer).toBe('authorised');
    expect((await app.request(`/checkout/return/${checkoutId}`)).status).toBe(303);

    const after = await checkout(
      { ...cart, 'idempotency-key': key },
      checkoutRequest({}, sandboxCards.challenge),
    );
    expect(after.status).toBe(200);
    expect(after.body.order.state).toBe('payment_authorised');
  });

  it('answers 409 with every problem when the cart cannot be bought any more', async () => {
    const { cart, product } = await guestCart();
    await database.db.update(products).set({ stock: 0 }).where(eq(products.id, product.id));
    const res = await checkout({ ...cart, 'idempotency-key': newKey() });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'checkout_problems',
      problems: [{ code: 'sold_out', message: expect.stringContaining(product.titleEn) }],
    });
  });

  it('answers 400 empty_cart for an empty cart', async () => {
    const created = await callApi(app, 'POST', '/api/store/carts');
    const res = await checkout({
      'x-cart-token': created.body.cartToken,
      'idempotency-key': newKey(),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('empty_cart');
  });

  it("places a member's order from their cart with their account email", async () => {
    const member = await makeMember(database.db, { password: 'correct horse battery' });
    const session = await callApi(app, 'POST', '/api/store/sessions', {
      json: { login: member.memberCode, password: 'correct horse battery' },
    });
    const auth = { authorization: `Bearer ${session.body.token}` };
    const product = await makeProduct(database.db, { memberOnly: true });
    await callApi(app, 'POST', '/api/store/carts/current/items', {
      headers: auth,
      json: { sku: product.sku, quantity: 1 },
    });
    const res = await checkout(
      { ...auth, 'idempotency-key': newKey() },
      checkoutRequest({ email: 'someone.else@example.com' }),
    );
    expect(res.status).toBe(201);
    expect(res.body.order.contactEmail).toBe(member.email);
    expect(res.body).not.toHaveProperty('accessKey');
  });

  it("does not reveal another buyer's order through a reused Idempotency-Key", async () => {
    const first = await guestCart();
    const key = newKey();
    expect((await checkout({ ...first.cart, 'idempotency-key': key })).status).toBe(201);
    const second = await guestCart();
    const res = await checkout(
      { ...second.cart, 'idempotency-key': key },
      checkoutRequest({ email: 'other.buyer@example.com' }),
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('idempotency_key_reused');
    expect(JSON.stringify(res.body)).not.toContain('TP-');
  });
  it('refuses a key from another cart with the same email: 409 and no order or access key', async () => {
    const first = await guestCart();
    const key = newKey();
    const placed = await checkout({ ...first.cart, 'idempotency-key': key });
    expect(placed.status).toBe(201);
    const second = await guestCart();
    // Same email as the first checkout (checkoutRequest's default), another cart.
    const res = await checkout({ ...second.cart, 'idempotency-key': key });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('idempotency_key_reused');
    expect(res.body).not.toHaveProperty('accessKey');
    expect(res.body).not.toHaveProperty('order');
    expect(JSON.stringify(res.body)).not.toContain(placed.body.order.number);
    expect(JSON.stringify(res.body)).not.toContain(placed.body.accessKey);
    // The first cart still gets its own order back.
    const again = await checkout({ ...first.cart, 'idempotency-key': key });
    expect(again.status).toBe(200);
    expect(again.body.order.number).toBe(placed.body.order.number);
    expect(again.body.accessKey).toBe(placed.body.accessKey);
  });

  it('gift-wraps an order for the fee and keeps its message card', async () => {
    const { cart } = await guestCart();
    const placed = await checkout(
      { ...cart, 'idempotency-key': newKey() },
      { ...checkoutRequest(), giftWrap: true, messageCard: 'Happy birthday!\r\nTaro' },
    );
    expect(placed.status).toBe(201);
    const [order] = await database.db
      .select()
      .from(orders)
      .where(eq(orders.number, placed.body.order.number));
    expect(order).toMatchObject({
      giftWrap: true,
      giftWrapJpy: GIFT_WRAP_FEE_JPY,
      messageCard: 'Happy birthday!\nTaro',
    });
    expect(placed.body.order.totals.totalJpy).toBe(
      2200 + order!.shippingFeeJpy + GIFT_WRAP_FEE_JPY,
    );
    expect(placed.body.order.totals.giftWrapJpy).toBe(GIFT_WRAP_FEE_JPY);
    expect(placed.body.order.gift).toEqual({ wrap: true, messageCard: 'Happy birthday!\nTaro' });
    const [payment] = await database.db
      .select()
      .from(sandboxPayments)
      .where(eq(sandboxPayments.ref, order!.paymentRef));
    expect(payment!.amountJpy).toBe(order!.totalJpy);
  });

  it('refuses a message card over the limit and gift options for a digital-only cart', async () => {
    const { cart } = await guestCart();
    const long = await checkout(
      { ...cart, 'idempotency-key': newKey() },
      { ...checkoutRequest(), messageCard: 'x'.repeat(MESSAGE_CARD_MAX_CHARS + 1) },
    );
    expect(long.status).toBe(400);
    expect(long.body.error.fields.messageCard).toBe(
      `Use at most ${MESSAGE_CARD_MAX_CHARS} characters.`,
    );

    const digital = await guestCart({ kind: 'digital' });
    const wrap = await checkout(
      { ...digital.cart, 'idempotency-key': newKey() },
      { ...checkoutRequest(), giftWrap: true },
    );
    expect(wrap.status).toBe(400);
    expect(wrap.body.error.code).toBe('invalid_request');
    expect(wrap.body.error.fields.giftWrap).toContain('only for goods we ship');
    const card = await checkout(
      { ...digital.cart, 'idempotency-key': newKey() },
      { ...checkoutRequest(), messageCard: 'Hello' },
    );
    expect(card.status).toBe(400);
    expect(card.body.error.fields).toHaveProperty('messageCard');
    // The cart is still there and buys fine without the options.
    const plain = await checkout({ ...digital.cart, 'idempotency-key': newKey() });
    expect(plain.status).toBe(201);
  });

  it('documents the gift options in the OpenAPI schema', async () => {
    const doc = await callApi(app, 'GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    const request = doc.body.components.schemas.CheckoutRequest;
    expect(request.properties.giftWrap.type).toBe('boolean');
    expect(request.properties.messageCard.description).toContain(
      `${MESSAGE_CARD_MAX_CHARS} characters`,
    );
  });
});
