import { expect, it } from 'vitest';
import { markPreparing, shipOrder } from '../orders/advance-order.ts';
import { orderAccessToken } from '../orders/order-access.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember, makeOrder, makeProduct } from '../testing/factories.ts';
import { useTestWorld } from '../testing/world.ts';
import { callApi } from './test-client.ts';

describeEachDatabase('store API customer orders', (kind) => {
  const { database, appDeps: deps, app } = useTestWorld(kind);

  /** A member with a bearer token. */
  async function signedInMember() {
    const member = await makeMember(database.db, { password: 'correct horse battery' });
    const res = await callApi(app, 'POST', '/api/store/sessions', {
      json: { login: member.memberCode, password: 'correct horse battery' },
    });
    return { member, auth: { authorization: `Bearer ${res.body.token}` } };
  }

  const get = (path: string, headers: Record<string, string> = {}) =>
    callApi(app, 'GET', path, { headers });

  it('lists and shows a member their own orders, with the tracking link once shipped', async () => {
    const { member, auth } = await signedInMember();
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 2 }], {
      memberId: member.id,
      email: member.email,
    });
    const list = await get('/api/store/orders', auth);
    expect(list.status).toBe(200);
    expect(list.body.orders).toEqual([
      {
        number: order.number,
        state: 'payment_authorised',
        createdAt: order.createdAt.toISOString(),
        totalJpy: order.totalJpy,
      },
    ]);

    await markPreparing(deps, order.id, 'staff:test');
    await shipOrder(deps, {
      orderId: order.id,
      carrier: 'domestic',
      trackingNumber: 'JP123456789',
      actor: 'staff:test',
    });
    const detail = await get(`/api/store/orders/${order.number}`, auth);
    expect(detail.status).toBe(200);
    expect(detail.body.order).toMatchObject({
      number: order.number,
      state: 'shipped',
      contactEmail: member.email,
      carrier: 'domestic',
      trackingNumber: 'JP123456789',
      trackingUrl: expect.stringContaining('JP123456789'),
      canCancel: false,
      lines: [{ sku: product.sku, quantity: 2 }],
    });
    expect(detail.body.order.events.map((e: { state: string }) => e.state)).toEqual([
      'placed',
      'payment_authorised',
      'preparing',
      'shipped',
    ]);
  });

  it("answers 404 for another member's order, and 401 for the order list without a token", async () => {
    const owner = await signedInMember();
    const other = await signedInMember();
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], {
      memberId: owner.member.id,
      email: owner.member.email,
    });
    const res = await get(`/api/store/orders/${order.number}`, other.auth);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect((await get('/api/store/orders', other.auth)).body.orders).toEqual([]);
    const anonymous = await get('/api/store/orders');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthorized');
  });

  it('shows a guest their order only with its access key', async () => {
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }]);
    const key = orderAccessToken(deps.secret, order);
    const res = await get(`/api/store/orders/${order.number}?key=${key}`);
    expect(res.status).toBe(200);
    expect(res.body.order.contactEmail).toBe('buyer@example.com');
    expect((await get(`/api/store/orders/${order.number}`)).status).toBe(404);
    expect((await get(`/api/store/orders/${order.number}?key=wrong`)).status).toBe(404);
    const otherOrder = await makeOrder(deps, [{ product, quantity: 1 }]);
    expect((await get(`/api/store/orders/${otherOrder.number}?key=${key}`)).status).toBe(404);
  });

  it('cancels an order once (200), then answers 409 not_cancellable', async () => {
    const product = await makeProduct(database.db, { stock: 5 });
    const order = await makeOrder(deps, [{ product, quantity: 1 }]);
    const path = `/api/store/orders/${order.number}/cancel?key=${orderAccessToken(deps.secret, order)}`;
    const first = await callApi(app, 'POST', path);
    expect(first.status).toBe(200);
    expect(first.body.order).toMatchObject({ state: 'cancelled', canCancel: false });
    const second = await callApi(app, 'POST', path);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('not_cancellable');
    expect((await callApi(app, 'POST', `/api/store/orders/${order.number}/cancel`)).status).toBe(
      404,
    );
  });

  it("lets a member cancel their own order but not another member's", async () => {
    const owner = await signedInMember();
    const other = await signedInMember();
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], {
      memberId: owner.member.id,
      email: owner.member.email,
    });
    const path = `/api/store/orders/${order.number}/cancel`;
    expect((await callApi(app, 'POST', path, { headers: other.auth })).status).toBe(404);
    expect((await callApi(app, 'POST', path, { headers: owner.auth })).status).toBe(200);
  });
});
