import { expect, it } from 'vitest';
import { randomToken } from '../lib/ids.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember, makeProduct, testClock } from '../testing/factories.ts';
import { useTestWorld } from '../testing/world.ts';
import { changeCartItem } from './add-to-cart.ts';
import { viewCart } from './find-cart.ts';
import { mergeCarts } from './merge-carts.ts';

describeEachDatabase('cart', (kind) => {
  const { database } = useTestWorld(kind);
  const clock = testClock();

  const add = (
    owner: Parameters<typeof changeCartItem>[1],
    productId: string,
    quantity: number,
    isMember = false,
  ) =>
    changeCartItem(database.db, owner, {
      productId,
      quantity,
      mode: 'add',
      isMember,
      now: clock.now(),
    });

  it('adds up quantities of the same product and removes it when set to zero', async () => {
    const product = await makeProduct(database.db, { stock: 10 });
    const owner = { visitorId: randomToken() };
    await add(owner, product.id, 1);
    expect(await add(owner, product.id, 2)).toEqual({ ok: true, quantity: 3 });
    await changeCartItem(database.db, owner, {
      productId: product.id,
      quantity: 0,
      mode: 'set',
      isMember: false,
      now: clock.now(),
    });
    expect((await viewCart(database.db, owner)).lines).toEqual([]);
  });

  it('explains sold-out, too many, over-limit and member-only items', async () => {
    const owner = { visitorId: randomToken() };
    const soldOut = await makeProduct(database.db, { stock: 0 });
    const few = await makeProduct(database.db, { stock: 2 });
    const limited = await makeProduct(database.db, { stock: 10, purchaseLimit: 2 });
    const fanclub = await makeProduct(database.db, { memberOnly: true });
    expect(await add(owner, soldOut.id, 1)).toMatchObject({
      ok: false,
      problem: { code: 'sold_out' },
    });
    expect(await add(owner, few.id, 3)).toMatchObject({
      ok: false,
      problem: { code: 'not_enough_stock', available: 2 },
    });
    expect(await add(owner, limited.id, 3)).toMatchObject({
      ok: false,
      problem: { code: 'over_limit', limit: 2 },
    });
    expect(await add(owner, fanclub.id, 1)).toMatchObject({
      ok: false,
      problem: { code: 'member_only' },
    });
    expect(await add(owner, crypto.randomUUID(), 1)).toMatchObject({
      ok: false,
      problem: { code: 'unknown_product' },
    });
  });

  it('refuses pre-orders whose window has closed and accepts ones that are open', async () => {
    const owner = { visitorId: randomToken() };
    const day = 24 * 3600 * 1000;
    const open = await makeProduct(database.db, {
      status: 'preorder',
      preorderOpensAt: new Date(clock.now().getTime() - day),
      preorderClosesAt: new Date(clock.now().getTime() + day),
    });
    const closed = await makeProduct(database.db, {
      status: 'preorder',
      preorderOpensAt: new Date(clock.now().getTime() - 3 * day),
      preorderClosesAt: new Date(clock.now().getTime() - day),
    });
    expect(await add(owner, open.id, 1)).toEqual({ ok: true, quantity: 1 });
    expect(await add(owner, closed.id, 1)).toMatchObject({
      ok: false,
      problem: { code: 'not_for_sale' },
    });
  });

  it("merges a guest's cart into the member's cart on sign-in", async () => {
    const member = await makeMember(database.db);
    const a = await makeProduct(database.db);
    const b = await makeProduct(database.db);
    const guest = { visitorId: randomToken() };
    await add({ memberId: member.id }, a.id, 1, true);
    await add(guest, a.id, 2);
    await add(guest, b.id, 1);
    await mergeCarts(database.db, guest.visitorId, member.id);
    const { lines } = await viewCart(database.db, { memberId: member.id });
    expect(lines.map((l) => [l.product.id, l.quantity]).sort()).toEqual(
      [
        [a.id, 3],
        [b.id, 1],
      ].sort(),
    );
    expect((await viewCart(database.db, guest)).lines).toEqual([]);
  });
});
