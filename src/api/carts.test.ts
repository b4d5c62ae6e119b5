import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember, makeProduct } from '../testing/factories.ts';
import { useTestWorld } from '../testing/world.ts';
import { callApi } from './test-client.ts';

describeEachDatabase('store API carts', (kind) => {
  const { database, app } = useTestWorld(kind);

  async function newCart() {
    const res = await callApi(app, 'POST', '/api/store/carts');
    expect(res.status).toBe(201);
    expect(res.body.cartToken).toMatch(/^[\w-]{43}$/);
    return { 'x-cart-token': res.body.cartToken as string };
  }

  const add = (headers: Record<string, string>, json: unknown) =>
    callApi(app, 'POST', '/api/store/carts/current/items', { headers, json });
  const set = (headers: Record<string, string>, sku: string, json: unknown) =>
    callApi(app, 'PUT', `/api/store/carts/current/items/${encodeURIComponent(sku)}`, {
      headers,
      json,
    });
  const view = (headers: Record<string, string>) =>
    callApi(app, 'GET', '/api/store/carts/current', { headers });

  it('creates a cart, adds by id and by SKU, sets a quantity and removes with 0', async () => {
    const cart = await newCart();
    const mug = await makeProduct(database.db, { priceJpy: 1000, stock: 20 });
    const towel = await makeProduct(database.db, { priceJpy: 2500, stock: 20 });
    expect((await view(cart)).body.cart).toEqual({ lines: [], itemCount: 0, subtotalJpy: 0 });

    expect((await add(cart, { productId: mug.id, quantity: 2 })).status).toBe(200);
    const added = await add(cart, { sku: towel.sku, quantity: 1 });
    expect(added.status).toBe(200);
    expect(added.body.cart).toMatchObject({ itemCount: 3, subtotalJpy: 4500 });

    const more = await add(cart, { sku: mug.sku, quantity: 1 });
    expect(more.body.cart.lines[0]).toMatchObject({
      sku: mug.sku,
      quantity: 3,
      lineTotalJpy: 3000,
    });

    const setTo = await set(cart, towel.sku, { quantity: 4 });
    expect(setTo.status).toBe(200);
    expect(setTo.body.cart).toMatchObject({ itemCount: 7, subtotalJpy: 13_000 });

    const removed = await set(cart, mug.sku, { quantity: 0 });
    expect(removed.body.cart.lines.map((l: { sku: string }) => l.sku)).toEqual([towel.sku]);
    expect((await view(cart)).body.cart.itemCount).toBe(4);
  });

  it('answers 409 with the problem code for sold-out, over-limit, too-many and member-only goods', async () => {
    const cart = await newCart();
    const cases = [
      [await makeProduct(database.db, { stock: 0 }), 1, 'sold_out'],
      [await makeProduct(database.db, { purchaseLimit: 2 }), 3, 'over_limit'],
      [await makeProduct(database.db, { stock: 2 }), 3, 'not_enough_stock'],
      [await makeProduct(database.db, { memberOnly: true }), 1, 'member_only'],
      [await makeProduct(database.db, { status: 'ended' }), 1, 'not_for_sale'],
    ] as const;
    for (const [product, quantity, code] of cases) {
      const res = await add(cart, { productId: product.id, quantity });
      expect(res.status, code).toBe(409);
      expect(res.body).toEqual({
        error: { code, message: expect.stringContaining(product.titleEn) },
      });
    }
    expect((await view(cart)).body.cart.lines).toEqual([]);
  });

  it('answers in Japanese when asked to', async () => {
    const cart = await newCart();
    const soldOut = await makeProduct(database.db, { stock: 0 });
    const res = await add(
      { ...cart, 'accept-language': 'ja' },
      { productId: soldOut.id, quantity: 1 },
    );
    expect(res.body.error.message).toContain('売り切れ');
  });

  it('answers 404 unknown_product for a product that does not exist', async () => {
    const cart = await newCart();
    const byId = await add(cart, { productId: crypto.randomUUID(), quantity: 1 });
    expect(byId.status).toBe(404);
    expect(byId.body.error.code).toBe('unknown_product');
    expect((await add(cart, { sku: 'NOPE-404', quantity: 1 })).body.error.code).toBe(
      'unknown_product',
    );
    expect((await set(cart, 'NOPE-404', { quantity: 1 })).status).toBe(404);
  });

  it('refuses negative quantities, wrong types and ambiguous products with field messages', async () => {
    const cart = await newCart();
    const product = await makeProduct(database.db);
    const bad: [unknown, string][] = [
      [{ productId: product.id, quantity: -1 }, 'quantity'],
      [{ productId: product.id, quantity: 0 }, 'quantity'],
      [{ productId: product.id, quantity: '2' }, 'quantity'],
      [{ productId: product.id, quantity: 1.5 }, 'quantity'],
      [{ productId: product.id, quantity: 100 }, 'quantity'],
      [{ productId: 'not-a-uuid', quantity: 1 }, 'productId'],
      [{ productId: product.id, sku: product.sku, quantity: 1 }, 'productId'],
      [{ quantity: 1 }, 'productId'],
      [{ productId: 42, quantity: 1 }, 'productId'],
    ];
    for (const [json, field] of bad) {
      const res = await add(cart, json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
      expect(res.body.error.fields).toHaveProperty(field);
    }
    const negativeSet = await set(cart, product.sku, { quantity: -3 });
    expect(negativeSet.status).toBe(400);
    expect(negativeSet.body.error.fields).toHaveProperty('quantity');
  });

  it('answers 400 for malformed JSON and 415 for a body that is not JSON', async () => {
    const cart = await newCart();
    const malformed = await callApi(app, 'POST', '/api/store/carts/current/items', {
      headers: cart,
      raw: '{"quantity": 1,',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid_json');
    const form = await callApi(app, 'POST', '/api/store/carts/current/items', {
      headers: { ...cart, 'content-type': 'application/x-www-form-urlencoded' },
      raw: 'quantity=1',
    });
    expect(form.status).toBe(415);
    expect(form.body.error.code).toBe('unsupported_media_type');
  });

  it('needs a cart token from POST /carts unless a member is signed in', async () => {
    const missing = await view({});
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('cart_token_required');
    const unknown = await view({ 'x-cart-token': 'a'.repeat(43) });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('cart_not_found');
    const malformed = await view({ 'x-cart-token': 'short' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields).toHaveProperty('X-Cart-Token');
  });

  it("uses the member's own cart with a bearer token and merges the guest cart on sign-in", async () => {
    const product = await makeProduct(database.db);
    const fanclub = await makeProduct(database.db, { memberOnly: true });
    const member = await makeMember(database.db, { password: 'correct horse battery' });
    const guestCart = await newCart();
    await add(guestCart, { productId: product.id, quantity: 2 });

    const signedIn = await callApi(app, 'POST', '/api/store/sessions', {
      headers: guestCart,
      json: { login: member.email, password: 'correct horse battery' },
    });
    expect(signedIn.status).toBe(201);
    const auth = { authorization: `Bearer ${signedIn.body.token}` };
    const memberCart = await view(auth);
    expect(memberCart.body.cart.lines).toMatchObject([{ sku: product.sku, quantity: 2 }]);
    // Members may buy fan-club goods; the guest cart is gone after the merge.
    expect((await add(auth, { productId: fanclub.id, quantity: 1 })).status).toBe(200);
    expect((await view(guestCart)).status).toBe(404);
    expect((await view({ ...auth, ...guestCart })).body.cart.itemCount).toBe(3);
  });
});
