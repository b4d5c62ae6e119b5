import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { products } from '../catalog/tables.ts';
import { outboxMessages } from '../mail/tables.ts';
import { findOrderById } from '../orders/find-orders.ts';
import {
  answerSandboxChallenge,
  SANDBOX_CHALLENGE_CODE,
  sandboxCards,
} from '../payments/sandbox-provider.ts';
import { sandboxPayments } from '../payments/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import {
  checkoutRequest,
  makeCart,
  makeMember,
  makeOrder,
  makeProduct,
} from '../testing/factories.ts';
import { useTestWorld } from '../testing/world.ts';
import { placeOrder, resumeCheckout } from './place-order.ts';

describeEachDatabase('placeOrder', (kind) => {
  const { database, deps } = useTestWorld(kind, { poolSize: 60 });

  const place = (cartId: string, key: string, card?: string) =>
    placeOrder(deps, {
      cartId,
      buyer: { memberId: null, email: 'Guest.Buyer@example.com', locale: 'ja' },
      request: checkoutRequest({}, card),
      idempotencyKey: key,
      returnUrl: (id) => `http://shop.test/checkout/return/${id}`,
    });

  it('reserves stock, snapshots prices, address, email and locale, and queues the confirmation mail', async () => {
    const product = await makeProduct(database.db, { stock: 5, priceJpy: 3300 });
    const cartId = await makeCart(database.db, deps.clock, [{ product, quantity: 2 }]);
    const result = await place(cartId, 'key-snapshot-000001');
    expect(result.kind).toBe('placed');
    if (result.kind !== 'placed') return;
    const { order } = result;
    expect(order.number).toMatch(/^TP-\d{6}-[2-9A-Z]{6}$/);
    expect(order.contactEmail).toBe('Guest.Buyer@example.com');
    expect(order.locale).toBe('ja');
    expect(order.subtotalJpy).toBe(6600);
    expect(order.totalJpy).toBe(6600 + order.shippingFeeJpy);
    expect(order.shippingFeeJpy).toBeGreaterThan(0);
    expect(order.shipPostalCode).toBe('150-0002');
    expect(order.cardBrand).toBe('visa');
    expect(order.cardLast4).toBe('4242');
    const [after] = await database.db.select().from(products).where(eq(products.id, product.id));
    expect(after!.stock).toBe(3);
    const mails = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.orderId, order.id));
    expect(mails.map((m) => [m.topic, m.recipient, m.locale])).toEqual([
      ['order_placed', 'Guest.Buyer@example.com', 'ja'],
    ]);
    // A later price change does not touch the order.
    await database.db.update(products).set({ priceJpy: 9999 }).where(eq(products.id, product.id));
    const detail = await findOrderById(database.db, order.id);
    expect(detail!.lines[0]!.unitPriceJpy).toBe(3300);
    expect(detail!.events.map((e) => e.state)).toEqual(['placed', 'payment_authorised']);
  });

  it('returns the same order for a repeated submit with the same idempotency key', async () => {
    const product = await makeProduct(database.db, { stock: 5 });
    const cartId = await makeCart(database.db, deps.clock, [{ product, quantity: 1 }]);
    const [a, b] = await Promise.all([
      place(cartId, 'key-double-click-01'),
      place(cartId, 'key-double-click-01'),
    ]);
    const again = await place(cartId, 'key-double-click-01');
    expect(a.kind).toBe('placed');
    expect(b.kind).toBe('placed');
    expect(again.kind).toBe('placed');
    const ids = [a, b, again].map((r) => (r.kind === 'placed' ? r.order.id : null));
    expect(new Set(ids).size).toBe(1);
    const [after] = await database.db.select().from(products).where(eq(products.id, product.id));
    expect(after!.stock).toBe(4);
    // The losing request's authorisation was released, so only one stays authorised.
    const payments = await database.db.select().from(sandboxPayments);
    const forThisOrder = payments.filter(
      (p) => p.status === 'authorised' && p.ref === (a.kind === 'placed' ? a.order.paymentRef : ''),
    );
    expect(forThisOrder).toHaveLength(1);
  });

  it('replays a key only to the cart that used it: another cart with the same email gets key_reused', async () => {
    const product = await makeProduct(database.db, { stock: 5 });
    const cartA = await makeCart(database.db, deps.clock, [{ product, quantity: 1 }]);
    const cartB = await makeCart(database.db, deps.clock, [{ product, quantity: 1 }]);
    const first = await place(cartA, 'key-scoped-to-cart-01');
    expect(first.kind).toBe('placed');
    expect(await place(cartB, 'key-scoped-to-cart-01')).toEqual({ kind: 'key_reused' });
    const again = await place(cartA, 'key-scoped-to-cart-01');
    expect(again.kind === 'placed' && first.kind === 'placed' && again.order.id).toBe(
      first.kind === 'placed' && first.order.id,
    );
    expect(again.kind === 'placed' && again.replayed).toBe(true);
    // A key held by a 3-D Secure checkout of another cart is refused before any card is charged.
    const cartC = await makeCart(database.db, deps.clock, [{ product, quantity: 1 }]);
    const paused = await place(cartC, 'key-scoped-paused-01', sandboxCards.challenge);
    expect(paused.kind).toBe('challenge');
    expect(await place(cartB, 'key-scoped-paused-01')).toEqual({ kind: 'key_reused' });
  });

  it('refuses a declined card without creating an order or touching stock', async () => {
    const product = await makeProduct(database.db, { stock: 5 });
    const cartId = await makeCart(database.db, deps.clock, [{ product, quantity: 1 }]);
    const result = await place(cartId, 'key-declined-000001', sandboxCards.declined);
    expect(result).toEqual({ kind: 'declined', reason: 'card_declined' });
    const [after] = await database.db.select().from(products).where(eq(products.id, product.id));
    expect(after!.stock).toBe(5);
  });

  it('pauses for 3-D Secure and places the order once the challenge is answered', async () => {
    const product = await makeProduct(database.db, { stock: 5 });
    const cartId = await makeCart(database.db, deps.clock, [{ product, quantity: 1 }]);
    const result = await place(cartId, 'key-challenge-00001', sandboxCards.challenge);
    expect(result.kind).toBe('challenge');
    if (result.kind !== 'challenge') return;
    const url = new URL(result.url);
    const ref = url.pathname.split('/').pop()!;
    expect(
      await answerSandboxChallenge(
        database.db,
        ref,
        url.searchParams.get('token')!,
        SANDBOX_CHALLENGE_CODE,
      ),
    ).toBe('authorised');
    const resumed = await resumeCheckout(deps, result.checkoutId);
    expect(resumed?.kind).toBe('placed');
    const twice = await resumeCheckout(deps, result.checkoutId);
    expect(
      twice?.kind === 'placed' && resumed?.kind === 'placed' && twice.order.id === resumed.order.id,
    ).toBe(true);
  });

  it('declines when the 3-D Secure code is wrong', async () => {
    const product = await makeProduct(database.db, { stock: 5 });
    const cartId = await makeCart(database.db, deps.clock, [{ product, quantity: 1 }]);
    const result = await place(cartId, 'key-challenge-00002', sandboxCards.challenge);
    if (result.kind !== 'challenge') throw new Error('expected a challenge');
    const url = new URL(result.url);
    await answerSandboxChallenge(
      database.db,
      url.pathname.split('/').pop()!,
      url.searchParams.get('token')!,
      '000000',
    );
    expect(await resumeCheckout(deps, result.checkoutId)).toEqual({
      kind: 'declined',
      reason: 'challenge_failed',
    });
  });

  it('refuses domestic-only goods for an address abroad and member-only goods for guests', async () => {
    const domestic = await makeProduct(database.db, { domesticOnly: true });
    const fanclub = await makeProduct(database.db, { memberOnly: true });
    const member = await makeMember(database.db);
    const cartId = await makeCart(
      database.db,
      deps.clock,
      [
        { product: domestic, quantity: 1 },
        { product: fanclub, quantity: 1 },
      ],
      {
        memberId: member.id,
      },
    );
    const result = await placeOrder(deps, {
      cartId,
      buyer: { memberId: null, email: 'guest@example.com', locale: 'en' },
      request: checkoutRequest({
        shippingMethod: 'dhl_express',
        address: {
          ...checkoutRequest().address,
          country: 'US',
          postalCode: '94103',
          region: 'CA',
          city: 'San Francisco',
        },
      }),
      idempotencyKey: 'key-refusals-000001',
      returnUrl: () => 'http://shop.test/',
    });
    expect(result.kind).toBe('problems');
    if (result.kind !== 'problems') return;
    expect(result.problems.map((p) => p.code).sort()).toEqual(['domestic_only', 'member_only']);
  });

  it('enforces the per-customer purchase limit across orders', async () => {
    const limited = await makeProduct(database.db, { purchaseLimit: 2, stock: 50 });
    const member = await makeMember(database.db);
    await makeOrder(deps, [{ product: limited, quantity: 2 }], {
      memberId: member.id,
      email: member.email,
    });
    const cartId = await makeCart(database.db, deps.clock, [{ product: limited, quantity: 1 }], {
      memberId: member.id,
    });
    const result = await placeOrder(deps, {
      cartId,
      buyer: { memberId: member.id, email: member.email, locale: 'en' },
      request: checkoutRequest(),
      idempotencyKey: 'key-limit-00000001',
      returnUrl: () => 'http://shop.test/',
    });
    expect(result.kind).toBe('problems');
    if (result.kind === 'problems')
      expect(result.problems[0]).toMatchObject({ code: 'over_limit', limit: 2 });
  });

  it('never oversells: 200 concurrent buyers for a stock of 50 get exactly 50 orders', async () => {
    const product = await makeProduct(database.db, { stock: 50, weightG: 100 });
    const carts = await Promise.all(
      Array.from({ length: 200 }, () =>
        makeCart(database.db, deps.clock, [{ product, quantity: 1 }]),
      ),
    );
    const results = await Promise.all(
      carts.map((cartId, i) => place(cartId, `key-rush-${String(i).padStart(8, '0')}`)),
    );
    const placed = results.filter((r) => r.kind === 'placed');
    const soldOut = results.filter((r) => r.kind === 'problems');
    expect(placed).toHaveLength(50);
    expect(soldOut).toHaveLength(150);
    const [after] = await database.db.select().from(products).where(eq(products.id, product.id));
    expect(after!.stock).toBe(0);
  }, 120_000);
});
