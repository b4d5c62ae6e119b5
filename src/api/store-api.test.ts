import { expect, it } from 'vitest';
import { createApp } from '../app.tsx';
import { orderAccessToken } from '../orders/order-access.ts';
import { createTestDatabase, describeEachDatabase } from '../testing/databases.ts';
import { makeOrder, makeProduct } from '../testing/factories.ts';
import { useTestWorld } from '../testing/world.ts';
import { apiTestDeps, callApi } from './test-client.ts';

describeEachDatabase('store API as a whole', (kind) => {
  const { database, appDeps: deps, app } = useTestWorld(kind);

  it('publishes an OpenAPI 3.1 document with every endpoint, the bearer scheme and the error shape', async () => {
    const res = await callApi(app, 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Tenpo Store API');
    const expected: Record<string, string[]> = {
      '/api/store/products': ['get'],
      '/api/store/products/{slug}': ['get'],
      '/api/store/carts': ['post'],
      '/api/store/carts/current': ['get'],
      '/api/store/carts/current/items': ['post'],
      '/api/store/carts/current/items/{sku}': ['put'],
      '/api/store/sessions': ['post'],
      '/api/store/sessions/current': ['delete'],
      '/api/store/checkout': ['post'],
      '/api/store/orders': ['get'],
      '/api/store/orders/{number}': ['get'],
      '/api/store/orders/{number}/cancel': ['post'],
      '/api/store/email-addresses/check': ['post'],
    };
    expect(Object.keys(doc.paths).sort()).toEqual(Object.keys(expected).sort());
    for (const [path, methods] of Object.entries(expected)) {
      expect(Object.keys(doc.paths[path]).sort(), path).toEqual(methods);
    }
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message']);
    for (const name of ['Product', 'Cart', 'Order', 'Session', 'PlacedOrder', 'Challenge']) {
      expect(doc.components.schemas, name).toHaveProperty(name);
    }
    const checkout = doc.paths['/api/store/checkout'].post;
    expect(Object.keys(checkout.responses).sort()).toEqual(
      ['200', '201', '202', '400', '401', '402', '404', '409', '503'].sort(),
    );
    expect(checkout.parameters.map((p: { name: string }) => p.name)).toContain('Idempotency-Key');
    expect(checkout.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/CheckoutRequest',
    );
    expect(Object.keys(doc.components.schemas.CheckoutRequest.properties)).toEqual([
      'email',
      'address',
      'shippingMethod',
      'paymentMethod',
      'card',
      'giftWrap',
      'messageCard',
    ]);
    // Every error response points at the one Error schema.
    for (const item of Object.values<Record<string, { responses: object }>>(doc.paths)) {
      for (const operation of Object.values(item)) {
        for (const [status, response] of Object.entries<{
          content?: Record<string, { schema: { $ref?: string } }>;
        }>(operation.responses as never)) {
          if (Number(status) >= 400) {
            expect(response.content!['application/json']!.schema.$ref).toBe(
              '#/components/schemas/Error',
            );
          }
        }
      }
    }
  });

  it('answers JSON 404 for an unknown API path and 413 for a huge body', async () => {
    const missing = await callApi(app, 'GET', '/api/store/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    const huge = await callApi(app, 'POST', '/api/store/carts/current/items', {
      raw: JSON.stringify({ sku: 'x'.repeat(300 * 1024), quantity: 1 }),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
  });

  it('answers a JSON 500 without details when the database fails', async () => {
    const broken = await createTestDatabase(kind);
    const brokenApp = createApp(apiTestDeps(broken.db));
    await broken.close();
    const res = await callApi(brokenApp, 'GET', '/api/store/products');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'internal', message: expect.any(String) } });
  });

  it('never answers 5xx to odd bodies on any POST or PUT endpoint', async () => {
    const product = await makeProduct(database.db, { stock: 50 });
    const order = await makeOrder(deps, [{ product, quantity: 1 }]);
    const key = orderAccessToken(deps.secret, order);
    const cart = await callApi(app, 'POST', '/api/store/carts');
    const headers = {
      'x-cart-token': cart.body.cartToken as string,
      'idempotency-key': 'fuzz-key-0123456789',
    };
    const deep: unknown = JSON.parse(`${'['.repeat(500)}${']'.repeat(500)}`);
    const bodies: string[] = [
      'null',
      '[]',
      '"just a string"',
      '42',
      'true',
      '{}',
      '',
      '{',
      '{"quantity": 1e400}',
      '{"quantity": -1e400}',
      '{"quantity": 9007199254740993, "sku": "x"}',
      '{"quantity": NaN}',
      JSON.stringify({ quantity: -5, productId: product.id }),
      JSON.stringify({ quantity: 1, productId: { $gt: '' } }),
      JSON.stringify({ quantity: [1], sku: ['a', 'b'] }),
      JSON.stringify({ quantity: 1, sku: '\u0000' }),
      JSON.stringify({ quantity: 1, sku: '😀🍣 ｱｲｳ \u202e' }),
      JSON.stringify({ quantity: 1, sku: "'; drop table products; --" }),
      JSON.stringify({ login: { a: 1 }, password: null }),
      JSON.stringify({ login: 'a\u0000b', password: 'x'.repeat(199) }),
      JSON.stringify({ login: 'ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ', password: '🔑'.repeat(50) }),
      JSON.stringify({ __proto__: { polluted: true }, constructor: { prototype: {} } }),
      JSON.stringify({ email: 'a@b', address: 'nope', shippingMethod: 'teleport', card: 1 }),
      JSON.stringify({
        email: 'x@example.com',
        address: {
          name: '\u0000',
          line1: '𝓛𝓲𝓷𝓮',
          city: 'a'.repeat(5000),
          country: 'ZZ',
          phone: '+81 3 1234 5678',
        },
        shippingMethod: 'domestic',
        card: { number: '4242424242424242', holder: 'A', expiry: '13/99', cvc: '12345' },
      }),
      JSON.stringify({
        email: 'guest@example.com',
        address: {
          name: 'Taro',
          line1: '1-2-3',
          city: 'Shibuya',
          postalCode: '150-0002',
          country: 'jp',
          phone: '0312345678',
        },
        shippingMethod: 'domestic',
        card: { number: '0000 0000 0000 0000', holder: 'T', expiry: '01/00', cvc: '000' },
      }),
      JSON.stringify(deep),
      JSON.stringify({ a: { b: { c: { d: { e: [null, {}, [], '', 0, false] } } } } }),
      JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ i }))),
      JSON.stringify({ quantity: '1', productId: product.id.toUpperCase() }),
      JSON.stringify({ quantity: 1, productId: '00000000-0000-0000-0000-000000000000' }),
      '\ufeff{"quantity": 1}',
      '{"quantity": 1}{"quantity": 2}',
    ];
    const endpoints: [string, string][] = [
      ['POST', '/api/store/carts'],
      ['POST', '/api/store/carts/current/items'],
      ['PUT', `/api/store/carts/current/items/${product.sku}`],
      ['PUT', '/api/store/carts/current/items/%00'],
      ['POST', '/api/store/sessions'],
      ['POST', '/api/store/checkout'],
      ['POST', `/api/store/orders/${order.number}/cancel?key=${key}`],
      ['POST', '/api/store/orders/%F0%9F%98%80%00/cancel'],
    ];
    for (const [method, path] of endpoints) {
      for (const raw of bodies) {
        for (const contentType of ['application/json', 'text/plain']) {
          const res = await callApi(app, method, path, {
            raw,
            headers: { ...headers, 'content-type': contentType },
          });
          const label = `${method} ${path} ${contentType} ${raw.slice(0, 60)}`;
          expect(res.status, label).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.body.error, label).toEqual(
              expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
            );
          }
        }
      }
    }
    // The cancel endpoint ignores bodies: the first call cancelled the order, the rest got 409.
    const after = await callApi(app, 'GET', `/api/store/orders/${order.number}?key=${key}`);
    expect(after.body.order.state).toBe('cancelled');
  });
});
