import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Member } from '../accounts/tables.ts';
import type { Product } from '../catalog/tables.ts';
import { placeOrder } from '../checkout/place-order.ts';
import { randomToken } from '../lib/ids.ts';
import { outboxMessages } from '../mail/tables.ts';
import { createStaff } from '../staff/create-staff.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import {
  checkoutRequest,
  makeCart,
  makeMember,
  makeOrder,
  makeProduct,
  testClock,
} from '../testing/factories.ts';
import { visible } from '../testing/html.ts';
import { formClient } from '../testing/http-client.ts';
import { useTestWorld } from '../testing/world.ts';
import { markPreparing } from './advance-order.ts';
import { changeShippingAddress } from './change-shipping-address.ts';
import { ADDRESS_CHANGES_PER_HOUR } from './limits.ts';
import { guestOrderPath } from './order-access.ts';
import { type Order, orderEvents, orders } from './tables.ts';

const osaka = {
  name: 'Hanako Yamada',
  line1: '4-5-6 Umeda',
  line2: 'Room 701',
  city: 'Osaka-shi Kita-ku',
  region: 'Osaka',
  postalCode: '530-0001',
  country: 'JP',
  phone: '+81 6 1234 5678',
};

const newYork = {
  name: 'Jane Doe',
  line1: '350 Fifth Avenue',
  line2: '',
  city: 'New York',
  region: 'NY',
  postalCode: '10118',
  country: 'US',
  phone: '+1 212 555 0100',
};

const toronto = {
  name: 'Jane Doe',
  line1: '100 Queen St W',
  line2: '',
  city: 'Toronto',
  region: 'ON',
  postalCode: 'M5H 2N2',
  country: 'CA',
  phone: '+1 416 555 0100',
};

const berlin = {
  name: 'Jane Doe',
  line1: 'Unter den Linden 1',
  line2: '',
  city: 'Berlin',
  region: '',
  postalCode: '10117',
  country: 'DE',
  phone: '+49 30 1234567',
};

describeEachDatabase('changing the delivery address of an order', (kind) => {
  const clock = testClock();
  const { database, deps, app, signedInMember } = useTestWorld(kind, { clock });

  /** A guest order to New York by DHL Express, placed through the real checkout use case. */
  async function orderAbroad(product: Product): Promise<Order> {
    const cartId = await makeCart(deps.db, clock, [{ product, quantity: 1 }]);
    const result = await placeOrder(deps, {
      cartId,
      buyer: { memberId: null, email: 'jane@example.com', locale: 'en' },
      request: checkoutRequest({ address: newYork, shippingMethod: 'dhl_express' }),
      idempotencyKey: randomToken(16),
      returnUrl: (id) => `http://shop.test/checkout/return/${id}`,
    });
    if (result.kind !== 'placed') throw new Error(`order abroad: ${JSON.stringify(result)}`);
    return result.order;
  }

  async function reload(id: string) {
    const [row] = await database.db.select().from(orders).where(eq(orders.id, id));
    return row!;
  }

  async function addressMails(orderId: string) {
    return database.db
      .select()
      .from(outboxMessages)
      .where(
        and(eq(outboxMessages.orderId, orderId), eq(outboxMessages.topic, 'order_address_changed')),
      );
  }

  async function eventsOf(orderId: string) {
    return database.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId));
  }

  const signedIn = async (member: Member) => (await signedInMember({ member })).browser;

  it('moves the parcel within the zone: new address, an event and a mail in the order’s language', async () => {
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], { locale: 'ja' });
    const result = await changeShippingAddress(deps, {
      orderId: order.id,
      address: osaka,
      actor: 'customer',
    });
    expect(result.ok).toBe(true);
    const after = await reload(order.id);
    expect([after.shipName, after.shipLine1, after.shipLine2, after.shipCity]).toEqual([
      'Hanako Yamada',
      '4-5-6 Umeda',
      'Room 701',
      'Osaka-shi Kita-ku',
    ]);
    expect([after.shipPostalCode, after.shipCountry, after.shipPhone]).toEqual([
      '530-0001',
      'JP',
      '+81 6 1234 5678',
    ]);
    // What the customer pays does not move.
    expect([after.shippingFeeJpy, after.totalJpy, after.shippingMethod]).toEqual([
      order.shippingFeeJpy,
      order.totalJpy,
      order.shippingMethod,
    ]);
    const event = (await eventsOf(order.id)).find((e) => e.state === 'address_changed');
    expect(event?.actor).toBe('customer');
    expect(event?.note).toContain('1-2-3 Shibuya');
    expect(event?.note).toContain('→');
    expect(event?.note).toMatch(/→ .*4-5-6 Umeda.*530-0001/);
    const [mail] = await addressMails(order.id);
    expect(mail?.recipient).toBe(order.contactEmail);
    expect(mail?.locale).toBe('ja');
    expect(mail?.payload).toMatchObject({
      orderNumber: order.number,
      previous: { line1: '1-2-3 Shibuya', postalCode: '150-0002' },
      current: { line1: '4-5-6 Umeda', postalCode: '530-0001' },
    });
  });

  it('lets an order abroad move to another country of the same zone and method', async () => {
    const product = await makeProduct(database.db);
    const order = await orderAbroad(product);
    const result = await changeShippingAddress(deps, {
      orderId: order.id,
      address: toronto,
      actor: 'staff:ops@tenpo.example',
    });
    expect(result.ok).toBe(true);
    expect((await reload(order.id)).shipCountry).toBe('CA');
    const event = (await eventsOf(order.id)).find((e) => e.state === 'address_changed');
    expect(event?.actor).toBe('staff:ops@tenpo.example');
    expect((await addressMails(order.id))[0]?.payload.by).toBe('staff');
  });

  it('refuses another zone and keeps the order as it was, with the inquiry link', async () => {
    const product = await makeProduct(database.db);
    const order = await orderAbroad(product);
    const result = await changeShippingAddress(deps, {
      orderId: order.id,
      address: berlin,
      actor: 'customer',
    });
    expect(result).toEqual({ ok: false, reason: 'other_zone' });

    const browser = formClient(app);
    const path = guestOrderPath('test-secret', order);
    await browser.get(path);
    const res = await browser.post(path.replace('?', '/shipping-address?'), berlin);
    expect(res.status).toBe(409);
    expect(visible(res.html)).toContain(
      'This address is in another shipping zone, so the shipping fee would change. Cancel the order and order again, or ask us through the inquiry form.',
    );
    expect(res.html).toContain('href="/inquiry?category=order"');
    // What the customer typed stays in the form.
    expect(res.html).toContain('value="Unter den Linden 1"');
    const after = await reload(order.id);
    expect([after.shipCountry, after.shipLine1]).toEqual(['US', '350 Fifth Avenue']);
    expect(await addressMails(order.id)).toEqual([]);
    expect((await eventsOf(order.id)).some((e) => e.state === 'address_changed')).toBe(false);
  });

  it('refuses to send domestic-only goods abroad', async () => {
    const product = await makeProduct(database.db, { domesticOnly: true });
    const order = await makeOrder(deps, [{ product, quantity: 1 }]);
    const result = await changeShippingAddress(deps, {
      orderId: order.id,
      address: newYork,
      actor: 'customer',
    });
    expect(result).toEqual({
      ok: false,
      reason: 'domestic_only',
      titles: [{ en: product.titleEn, ja: product.titleJa }],
    });

    const browser = formClient(app);
    const path = guestOrderPath('test-secret', order);
    await browser.get(path);
    const res = await browser.post(path.replace('?', '/shipping-address?'), newYork);
    expect(res.status).toBe(409);
    expect(visible(res.html)).toContain(
      `This order contains items that can only be shipped within Japan (${product.titleEn}), so the new address must be in Japan.`,
    );
    expect((await reload(order.id)).shipCountry).toBe('JP');
  });

  it('answers 409 once the order is being prepared, and the form is gone', async () => {
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }]);
    const browser = formClient(app);
    const path = guestOrderPath('test-secret', order);
    expect(visible((await browser.get(path)).html)).toContain('Change the delivery address');
    // Staff start preparing while the customer still has the form open.
    await markPreparing(deps, order.id, 'staff:test');
    const res = await browser.post(path.replace('?', '/shipping-address?'), osaka);
    expect(res.status).toBe(409);
    const text = visible(res.html);
    expect(text).toContain(
      'We have started preparing this order, so its delivery address can no longer be changed here.',
    );
    expect(res.html).not.toContain('/shipping-address');
    expect((await reload(order.id)).shipLine1).toBe('1-2-3 Shibuya');
    expect(
      await changeShippingAddress(deps, { orderId: order.id, address: osaka, actor: 'customer' }),
    ).toEqual({ ok: false, reason: 'not_changeable' });
    expect(await addressMails(order.id)).toEqual([]);
  });

  it('lets a guest change it through the signed link and shows the change on the page', async () => {
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], { email: 'guest@example.com' });
    const browser = formClient(app);
    const path = guestOrderPath('test-secret', order);
    const page = await browser.get(path);
    // Prefilled with the current address.
    expect(page.html).toContain('value="1-2-3 Shibuya"');
    const res = await browser.post(path.replace('?', '/shipping-address?'), osaka);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${path}&shipTo=changed#order-address`);
    const after = visible((await browser.get(res.location!.replace(/#.*/, ''))).html);
    expect(after).toContain(
      'The delivery address was changed. We sent a confirmation to guest@example.com.',
    );
    expect(after).toContain('4-5-6 Umeda');
    expect(after).toContain('Changes to this order');
    expect(after).toContain('Delivery address changed');
    expect(await addressMails(order.id)).toHaveLength(1);

    // Staff see the same change, with who made it and both addresses, on the admin order page.
    await createStaff(database.db, {
      email: 'support1@tenpo.test',
      name: 'Support',
      role: 'support',
      password: 'correct horse battery staple',
    });
    const staff = formClient(app);
    await staff.get('/admin/sign-in');
    await staff.post('/admin/sign-in', {
      email: 'support1@tenpo.test',
      password: 'correct horse battery staple',
    });
    const admin = await staff.get(`/admin/orders/${order.number}`);
    expect(admin.status).toBe(200);
    const row = admin.html.match(/<tr data-event="address_changed">(.*?)<\/tr>/s)?.[1] ?? '';
    expect(visible(row)).toMatch(
      /Delivery address changed customer .*1-2-3 Shibuya.*→.*4-5-6 Umeda/,
    );
  });

  it('lets a member change it on MyPage, also from their address book', async () => {
    const member = await makeMember(database.db);
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], {
      memberId: member.id,
      email: member.email,
    });
    const browser = await signedIn(member);
    const saved = await browser.post('/mypage/addresses', osaka);
    expect(saved.status).toBe(303);
    const page = await browser.get(`/mypage/orders/${order.number}`);
    const bookId = page.html.match(/<option value="([0-9a-f-]{36})"/)?.[1];
    expect(bookId).toBeTruthy();
    const picked = await browser.get(`/mypage/orders/${order.number}?book=${bookId}`);
    expect(picked.html).toContain('value="4-5-6 Umeda"');

    const res = await browser.post(`/mypage/orders/${order.number}/shipping-address`, osaka);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/mypage/orders/${order.number}?shipTo=changed#order-address`);
    expect((await reload(order.id)).shipLine1).toBe('4-5-6 Umeda');
    const [mail] = await addressMails(order.id);
    expect(mail?.memberId).toBe(member.id);
  });

  it('answers 404 for someone else’s order, on MyPage and with a wrong key', async () => {
    const owner = await makeMember(database.db);
    const other = await makeMember(database.db);
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }], {
      memberId: owner.id,
      email: owner.email,
    });
    const browser = await signedIn(other);
    const res = await browser.post(`/mypage/orders/${order.number}/shipping-address`, osaka);
    expect(res.status).toBe(404);
    const forged = await browser.post(`/orders/${order.number}/shipping-address?key=forged`, osaka);
    expect(forged.status).toBe(404);
    expect((await reload(order.id)).shipLine1).toBe('1-2-3 Shibuya');
  });

  it('answers 400 for a bad postal code and keeps what was typed', async () => {
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }]);
    const browser = formClient(app);
    const path = guestOrderPath('test-secret', order);
    await browser.get(path);
    const res = await browser.post(path.replace('?', '/shipping-address?'), {
      ...osaka,
      postalCode: '53-00',
    });
    expect(res.status).toBe(400);
    expect(res.html).toContain('value="53-00"');
    expect(res.html).toContain('value="4-5-6 Umeda"');
    expect(res.html).toMatch(/name="postalCode"[^>]*aria-invalid="true"/);
    expect((await reload(order.id)).shipPostalCode).toBe('150-0002');
  });

  it('limits changes per order and hour, answering 429 with the time to try again', async () => {
    const product = await makeProduct(database.db);
    const order = await makeOrder(deps, [{ product, quantity: 1 }]);
    const browser = formClient(app);
    const path = guestOrderPath('test-secret', order);
    await browser.get(path);
    for (let i = 0; i < ADDRESS_CHANGES_PER_HOUR; i++) {
      const res = await browser.post(path.replace('?', '/shipping-address?'), {
        ...osaka,
        line2: `Room ${i + 1}`,
      });
      expect(res.status).toBe(303);
    }
    const limited = await browser.post(path.replace('?', '/shipping-address?'), {
      ...osaka,
      line2: 'Room 99',
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(visible(limited.html)).toMatch(/Please try again at \d{2}:\d{2}/);
    expect(limited.html).toContain('value="Room 99"');
    expect((await reload(order.id)).shipLine2).toBe(`Room ${ADDRESS_CHANGES_PER_HOUR}`);
    expect(await addressMails(order.id)).toHaveLength(ADDRESS_CHANGES_PER_HOUR);
  });

  it('offers no address change for a digital-only order', async () => {
    const product = await makeProduct(database.db, { kind: 'digital', weightG: 0 });
    const order = await makeOrder(deps, [{ product, quantity: 1 }]);
    const browser = formClient(app);
    const path = guestOrderPath('test-secret', order);
    const page = await browser.get(path);
    expect(visible(page.html)).not.toContain('Change the delivery address');
    expect(
      await changeShippingAddress(deps, { orderId: order.id, address: osaka, actor: 'customer' }),
    ).toEqual({ ok: false, reason: 'no_shipping' });
  });
});
