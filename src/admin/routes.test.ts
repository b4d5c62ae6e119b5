import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { products } from '../catalog/tables.ts';
import { parseEnv } from '../env.ts';
import { fixedClock } from '../lib/clock.ts';
import { outboxMessages } from '../mail/tables.ts';
import { orderEvents, orders } from '../orders/tables.ts';
import { sandboxPayments } from '../payments/tables.ts';
import { createStaff } from '../staff/create-staff.ts';
import type { StaffRole } from '../staff/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeOrder, makeProduct } from '../testing/factories.ts';
import { formClient } from '../testing/http-client.ts';
import { useTestWorld } from '../testing/world.ts';

const PASSWORD = 'staff password 123';

/** The notice text of a page, to compare messages without the rest of the HTML. */
const alertText = (html: string) => html.match(/role="alert">([^<]*)</)?.[1];
const listedOrders = (html: string) => [...html.matchAll(/data-order="([^"]+)"/g)].map((m) => m[1]);

const productForm = (overrides: Record<string, string> = {}) => ({
  sku: 'ADM-001',
  slug: 'admin-made-acrylic-stand',
  category: 'goods',
  kind: 'physical',
  status: 'preorder',
  titleEn: 'Admin-made acrylic stand',
  titleJa: '管理画面で作ったアクリルスタンド',
  descriptionEn: 'Made in the admin console.',
  descriptionJa: '',
  priceJpy: '1980',
  stock: '25',
  purchaseLimit: '3',
  preorderOpensAt: '2026-12-01T10:00',
  preorderClosesAt: '2027-01-31T23:59',
  releaseMonth: '2027-04',
  regionCode: '',
  domesticOnly: 'on',
  weightG: '150',
  lengthCm: '12',
  widthCm: '8',
  heightCm: '3',
  ...overrides,
});

describeEachDatabase('admin console over HTTP', (kind) => {
  const { database, deps, app, signedInStaff } = useTestWorld(kind, {
    appDeps: { env: parseEnv({}) },
  });

  /** A browser signed in as a new staff member with `role`. */
  async function signedIn(role: StaffRole) {
    const { browser, email } = await signedInStaff(role);
    expect(browser.cookies.has('tp_staff')).toBe(true);
    return { browser, email };
  }

  const orderRow = async (id: string) =>
    (await database.db.select().from(orders).where(eq(orders.id, id)))[0]!;

  describe('signing in', () => {
    it('sends visitors without a staff session to the sign-in page', async () => {
      const browser = formClient(app);
      for (const path of ['/admin', '/admin/orders', '/admin/products', '/admin/products/new']) {
        const res = await browser.get(path);
        expect(res.status, path).toBe(303);
        expect(res.location).toBe('/admin/sign-in');
      }
      await browser.get('/admin/sign-in');
      const post = await browser.post('/admin/orders/TP-000000-AAAAAA/prepare', {});
      expect(post.status).toBe(303);
      expect(post.location).toBe('/admin/sign-in');
    });

    it('gives the same message for an unknown email and for a wrong password', async () => {
      await createStaff(database.db, {
        email: 'known@tenpo.test',
        name: 'Known',
        role: 'admin',
        password: PASSWORD,
      });
      const browser = formClient(app);
      await browser.get('/admin/sign-in');
      const unknown = await browser.post('/admin/sign-in', {
        email: 'nobody@tenpo.test',
        password: PASSWORD,
      });
      const wrong = await browser.post('/admin/sign-in', {
        email: 'known@tenpo.test',
        password: 'not the password',
      });
      const empty = await browser.post('/admin/sign-in', { email: '', password: '' });
      expect([unknown.status, wrong.status, empty.status]).toEqual([400, 400, 400]);
      expect(alertText(unknown.html)).toBeTruthy();
      expect(alertText(wrong.html)).toBe(alertText(unknown.html));
      expect(alertText(empty.html)).toBe(alertText(unknown.html));
      expect(browser.cookies.has('tp_staff')).toBe(false);
      // The right password works, and signing out ends the session.
      const ok = await browser.post('/admin/sign-in', {
        email: 'KNOWN@tenpo.test',
        password: PASSWORD,
      });
      expect(ok.status).toBe(303);
      expect((await browser.get('/admin')).location).toBe('/admin/orders');
      const list = await browser.get('/admin/orders');
      expect(list.status).toBe(200);
      expect(list.html).toContain('class="admin-nav"');
      const out = await browser.post('/admin/sign-out', {});
      expect(out.location).toBe('/admin/sign-in');
      expect((await browser.get('/admin/orders')).location).toBe('/admin/sign-in');
    });
  });

  describe('orders', () => {
    it('lets fulfilment prepare, ship with tracking and deliver an order', async () => {
      const product = await makeProduct(database.db, { stock: 5, priceJpy: 3300 });
      const order = await makeOrder(deps, [{ product, quantity: 1 }]);
      const { browser, email } = await signedIn('fulfilment');
      const base = `/admin/orders/${order.number}`;

      const page = await browser.get(base);
      expect(page.status).toBe(200);
      expect(page.html).toContain(order.contactEmail);
      expect(page.html).toContain('4242');
      expect(page.html).toContain('Start preparing');
      // Fulfilment may not cancel, so the page offers no cancel form and the endpoint refuses.
      expect(page.html).not.toContain(`${base}/cancel`);
      expect((await browser.post(`${base}/cancel`, { reason: 'no' })).status).toBe(403);

      const prepared = await browser.post(`${base}/prepare`, {});
      expect(prepared.status).toBe(303);
      expect(prepared.location).toBe(`${base}?done=preparing`);
      expect((await browser.get(prepared.location!)).html).toContain('being prepared');

      const shipped = await browser.post(`${base}/ship`, {
        carrier: 'dhl_express',
        trackingNumber: 'JD-0123456789',
      });
      expect(shipped.status).toBe(303);
      expect(shipped.location).toBe(`${base}?done=shipped`);
      const afterShip = await browser.get(shipped.location!);
      expect(afterShip.html).toContain('JD-0123456789');
      expect(afterShip.html).toContain('Mark delivered');

      const delivered = await browser.post(`${base}/deliver`, {});
      expect(delivered.location).toBe(`${base}?done=delivered`);

      const row = await orderRow(order.id);
      expect(row).toMatchObject({
        state: 'delivered',
        carrier: 'dhl_express',
        trackingNumber: 'JD-0123456789',
        paymentState: 'captured',
      });
      const events = await database.db
        .select()
        .from(orderEvents)
        .where(eq(orderEvents.orderId, order.id))
        .orderBy(orderEvents.id);
      expect(events.map((e) => [e.state, e.actor])).toEqual([
        ['placed', 'system'],
        ['payment_authorised', 'system'],
        ['preparing', `staff:${email}`],
        ['shipped', `staff:${email}`],
        ['delivered', `staff:${email}`],
      ]);
      expect(events[3]!.note).toContain('JD-0123456789');
      const mails = await database.db
        .select()
        .from(outboxMessages)
        .where(
          and(eq(outboxMessages.orderId, order.id), eq(outboxMessages.topic, 'order_shipped')),
        );
      expect(mails).toHaveLength(1);
      expect(mails[0]!.payload).toMatchObject({ trackingNumber: 'JD-0123456789' });
      const [payment] = await database.db
        .select()
        .from(sandboxPayments)
        .where(eq(sandboxPayments.ref, order.paymentRef));
      expect(payment).toMatchObject({ status: 'captured', capturedJpy: order.totalJpy });
    });

    it('lets support cancel an order with a reason', async () => {
      const product = await makeProduct(database.db, { stock: 5 });
      const order = await makeOrder(deps, [{ product, quantity: 2 }]);
      const { browser, email } = await signedIn('support');
      const base = `/admin/orders/${order.number}`;
      const noReason = await browser.post(`${base}/cancel`, { reason: ' ' });
      expect(noReason.status).toBe(400);
      const res = await browser.post(`${base}/cancel`, { reason: 'Customer asked by phone' });
      expect(res.location).toBe(`${base}?done=cancelled`);
      expect((await orderRow(order.id)).state).toBe('cancelled');
      const [stock] = await database.db.select().from(products).where(eq(products.id, product.id));
      expect(stock!.stock).toBe(5);
      const page = await browser.get(res.location!);
      expect(page.html).toContain('Customer asked by phone');
      expect(page.html).toContain(`staff:${email}`);
    });

    it('refuses order pages and actions to the catalog team', async () => {
      const product = await makeProduct(database.db, { stock: 5 });
      const order = await makeOrder(deps, [{ product, quantity: 1 }]);
      const { browser } = await signedIn('catalog');
      expect((await browser.get('/admin')).location).toBe('/admin/products');
      await browser.get('/admin/products');
      expect((await browser.get('/admin/orders')).status).toBe(403);
      expect((await browser.get(`/admin/orders/${order.number}`)).status).toBe(403);
      for (const action of ['prepare', 'deliver', 'cancel']) {
        const res = await browser.post(`/admin/orders/${order.number}/${action}`, { reason: 'x' });
        expect(res.status, action).toBe(403);
      }
      const ship = await browser.post(`/admin/orders/${order.number}/ship`, {
        carrier: 'domestic',
        trackingNumber: 'ABCD1234',
      });
      expect(ship.status).toBe(403);
      expect((await orderRow(order.id)).state).toBe('payment_authorised');
    });

    it('answers 409 with the reason for a step the order cannot take', async () => {
      const product = await makeProduct(database.db, { stock: 5 });
      const order = await makeOrder(deps, [{ product, quantity: 1 }]);
      const { browser } = await signedIn('admin');
      const res = await browser.post(`/admin/orders/${order.number}/deliver`, {});
      expect(res.status).toBe(409);
      expect(alertText(res.html)).toContain('Payment authorised');
      const ship = await browser.post(`/admin/orders/${order.number}/ship`, {
        carrier: 'domestic',
        trackingNumber: 'ABCD1234',
      });
      expect(ship.status).toBe(409);
      expect((await orderRow(order.id)).state).toBe('payment_authorised');
    });

    it('does not ship when the payment cannot be captured', async () => {
      const product = await makeProduct(database.db, { stock: 5 });
      const order = await makeOrder(deps, [{ product, quantity: 1 }]);
      const { browser } = await signedIn('fulfilment');
      await browser.post(`/admin/orders/${order.number}/prepare`, {});
      // The card network released the authorisation behind the shop's back.
      await database.db
        .update(sandboxPayments)
        .set({ status: 'voided' })
        .where(eq(sandboxPayments.ref, order.paymentRef));
      const res = await browser.post(`/admin/orders/${order.number}/ship`, {
        carrier: 'domestic',
        trackingNumber: 'ABCD1234',
      });
      expect(res.status).toBe(409);
      expect(alertText(res.html)).toContain('could not be captured');
      expect(await orderRow(order.id)).toMatchObject({ state: 'preparing', trackingNumber: null });
    });

    it('keeps a mistyped tracking number in the form and explains it', async () => {
      const product = await makeProduct(database.db, { stock: 5 });
      const order = await makeOrder(deps, [{ product, quantity: 1 }]);
      const { browser } = await signedIn('admin');
      await browser.post(`/admin/orders/${order.number}/prepare`, {});
      const res = await browser.post(`/admin/orders/${order.number}/ship`, {
        carrier: 'dhl_express',
        trackingNumber: 'JD 12/34',
      });
      expect(res.status).toBe(400);
      expect(res.html).toContain('value="JD 12/34"');
      expect(res.html).toContain('4–40 letters');
      expect((await orderRow(order.id)).state).toBe('preparing');
    });

    it('refuses a form posted without the CSRF token', async () => {
      const product = await makeProduct(database.db, { stock: 5 });
      const order = await makeOrder(deps, [{ product, quantity: 1 }]);
      const { browser } = await signedIn('admin');
      const res = await browser.post(`/admin/orders/${order.number}/prepare`, { _csrf: '' });
      expect(res.status).toBe(403);
      expect((await orderRow(order.id)).state).toBe('payment_authorised');
    });

    it('finds orders by number, by email, by state and by Japanese calendar day', async () => {
      const product = await makeProduct(database.db, { stock: 50 });
      const at = (iso: string) => ({ ...deps, clock: fixedClock(new Date(iso)) });
      // 23:00 on 1 March and 01:00 on 2 March, Japan time.
      const late = await makeOrder(at('2025-03-01T14:00:00Z'), [{ product, quantity: 1 }], {
        email: 'Hanako.Filter@example.com',
      });
      const early = await makeOrder(at('2025-03-01T16:00:00Z'), [{ product, quantity: 1 }], {
        email: 'hanako.filter@example.com',
      });
      const other = await makeOrder(at('2025-03-02T05:00:00Z'), [{ product, quantity: 1 }], {
        email: 'someone.else@example.com',
      });
      const { browser } = await signedIn('support');
      await browser.post(`/admin/orders/${other.number}/prepare`, {});

      const byNumber = await browser.get(`/admin/orders?q=${other.number.toLowerCase()}`);
      expect(listedOrders(byNumber.html)).toEqual([other.number]);
      const byEmail = await browser.get('/admin/orders?q=HANAKO.filter');
      expect(listedOrders(byEmail.html)).toEqual([early.number, late.number]);
      const byDay = await browser.get('/admin/orders?from=2025-03-02&to=2025-03-02');
      expect(listedOrders(byDay.html)).toEqual([other.number, early.number]);
      const byState = await browser.get(
        '/admin/orders?state=preparing&from=2025-03-01&to=2025-03-02',
      );
      expect(listedOrders(byState.html)).toEqual([other.number]);
      expect(byState.html).toContain('¥');
    });

    it('answers 400 with a message for filters it cannot use', async () => {
      const { browser } = await signedIn('fulfilment');
      for (const query of ['from=2025-02-30', 'to=yesterday', 'state=lost', 'page=0']) {
        const res = await browser.get(`/admin/orders?${query}`);
        expect(res.status, query).toBe(400);
        expect(alertText(res.html), query).toContain('cannot be used');
      }
      const reversed = await browser.get('/admin/orders?from=2025-03-02&to=2025-03-01');
      expect(reversed.status).toBe(400);
    });

    it('shows a 404 page for an unknown order number', async () => {
      const { browser } = await signedIn('admin');
      expect((await browser.get('/admin/orders/TP-000000-ZZZZZZ')).status).toBe(404);
    });
  });

  describe('products', () => {
    it('creates, edits and lists a product, and refuses a second product with the same SKU', async () => {
      const { browser } = await signedIn('catalog');
      await browser.get('/admin/products/new');
      const created = await browser.post('/admin/products/new', productForm());
      expect(created.status).toBe(303);
      expect(created.location).toBe('/admin/products/ADM-001?done=created');
      const [row] = await database.db.select().from(products).where(eq(products.sku, 'ADM-001'));
      expect(row).toMatchObject({
        slug: 'admin-made-acrylic-stand',
        status: 'preorder',
        priceJpy: 1980,
        stock: 25,
        purchaseLimit: 3,
        releaseMonth: '2027-04',
        regionCode: null,
        domesticOnly: true,
        memberOnly: false,
        weightG: 150,
      });
      // Times are typed in Japan time.
      expect(row!.preorderClosesAt!.toISOString()).toBe('2027-01-31T14:59:00.000Z');

      const edit = await browser.get(created.location!);
      expect(edit.html).toContain('Product created.');
      expect(edit.html).toContain('value="2027-01-31T23:59"');
      const saved = await browser.post(
        '/admin/products/ADM-001',
        productForm({
          status: 'on_sale',
          priceJpy: '2200',
          titleEn: 'Acrylic stand, renamed',
          preorderOpensAt: '',
          preorderClosesAt: '',
          releaseMonth: '',
          purchaseLimit: '',
          domesticOnly: '',
          memberOnly: 'on',
        }),
      );
      expect(saved.status).toBe(303);
      expect(saved.location).toBe('/admin/products/ADM-001?done=saved');
      const [edited] = await database.db.select().from(products).where(eq(products.id, row!.id));
      expect(edited).toMatchObject({
        status: 'on_sale',
        priceJpy: 2200,
        titleEn: 'Acrylic stand, renamed',
        purchaseLimit: null,
        preorderClosesAt: null,
        domesticOnly: false,
        memberOnly: true,
      });

      const duplicate = await browser.post(
        '/admin/products/new',
        productForm({ slug: 'another-slug', titleEn: 'Typed by staff' }),
      );
      expect(duplicate.status).toBe(409);
      expect(duplicate.html).toContain('SKU ADM-001 is already used by another product.');
      expect(duplicate.html).toContain('value="Typed by staff"');

      const other = await makeProduct(database.db, { status: 'ended' });
      const slugClash = await browser.post(
        `/admin/products/${other.sku}`,
        productForm({ sku: other.sku, slug: 'admin-made-acrylic-stand' }),
      );
      expect(slugClash.status).toBe(409);
      expect(slugClash.html).toContain('Slug admin-made-acrylic-stand is already used');

      // The list shows every product, ended and member-only included, and searches SKU and title.
      const list = await browser.get('/admin/products?q=renamed');
      expect(list.html).toContain('data-sku="ADM-001"');
      expect(list.html).not.toContain(`data-sku="${other.sku}"`);
      const ended = await browser.get(`/admin/products?q=${other.sku.toLowerCase()}`);
      expect(ended.html).toContain(`data-sku="${other.sku}"`);
    });

    it('re-renders the form with field messages and what staff typed for bad input', async () => {
      const { browser } = await signedIn('admin');
      await browser.get('/admin/products/new');
      const res = await browser.post(
        '/admin/products/new',
        productForm({
          sku: 'ADM-BAD',
          slug: 'Not A Slug',
          priceJpy: 'cheap',
          releaseMonth: '2027-13',
          preorderOpensAt: '2027-02-01T00:00',
          category: 'weapons',
        }),
      );
      expect(res.status).toBe(400);
      expect(res.html).toContain('Enter a whole number from 0 to 10000000.');
      expect(res.html).toContain('Use YYYY-MM');
      expect(res.html).toContain('Choose a category.');
      expect(res.html).toContain('Closing must be after opening.');
      expect(res.html).toContain('value="Not A Slug"');
      expect(res.html).toContain('value="cheap"');
      expect(await database.db.select().from(products).where(eq(products.sku, 'ADM-BAD'))).toEqual(
        [],
      );
    });

    it('refuses product pages to fulfilment staff', async () => {
      const { browser } = await signedIn('fulfilment');
      expect((await browser.get('/admin/products')).status).toBe(403);
      expect(
        (await browser.post('/admin/products/new', productForm({ sku: 'ADM-403' }))).status,
      ).toBe(403);
    });
  });
});
