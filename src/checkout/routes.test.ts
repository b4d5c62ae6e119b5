import { expect, it } from 'vitest';
import { sandboxCards } from '../payments/sandbox-provider.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember, makeProduct } from '../testing/factories.ts';
import { formClient } from '../testing/http-client.ts';
import { useTestWorld } from '../testing/world.ts';

const checkoutForm = {
  email: 'guest@example.com',
  name: 'Taro Yamada',
  line1: '1-2-3 Shibuya',
  city: 'Shibuya-ku',
  region: 'Tokyo',
  postalCode: '1500002',
  country: 'JP',
  phone: '03-1234-5678',
  shippingMethod: 'domestic',
  cardNumber: sandboxCards.success,
  cardHolder: 'TARO YAMADA',
  cardExpiry: '12/30',
  cardCvc: '123',
  action: 'place',
};

describeEachDatabase('storefront checkout over HTTP', (kind) => {
  const { database, app } = useTestWorld(kind);

  async function guestWithCart() {
    const product = await makeProduct(database.db, { stock: 3, priceJpy: 2200 });
    const browser = formClient(app);
    await browser.get(`/p/${product.slug}`);
    const added = await browser.post('/cart/items', { productId: product.id, quantity: '1' });
    expect(added.status).toBe(303);
    const page = await browser.get('/checkout');
    const key = page.html.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
    return { product, browser, key };
  }

  it('places a guest order from the form and shows it through the signed link', async () => {
    const { browser, key } = await guestWithCart();
    const placed = await browser.post('/checkout', { ...checkoutForm, idempotencyKey: key });
    expect(placed.status).toBe(303);
    expect(placed.location).toMatch(/^\/checkout\/done\/TP-/);
    const done = await browser.get(placed.location!);
    expect(done.html).toContain('guest@example.com');
    const orderLink = done.html.match(/href="(\/orders\/[^"]+)"/)![1]!.replaceAll('&amp;', '&');
    const order = await formClient(app).get(orderLink);
    expect(order.status).toBe(200);
    expect(order.html).toContain('150-0002');
    // The same form submitted again (a double click) lands on the same order.
    const again = await browser.post('/checkout', { ...checkoutForm, idempotencyKey: key });
    expect(again.location).toBe(placed.location);
  });

  it('keeps what the customer typed and names the field when the postal code is wrong', async () => {
    const { browser, key } = await guestWithCart();
    const res = await browser.post('/checkout', {
      ...checkoutForm,
      postalCode: '12',
      idempotencyKey: key,
    });
    expect(res.status).toBe(400);
    expect(res.html).toContain('This is not a postal code of the selected country.');
    expect(res.html).toContain('e.g. 150-0001');
    expect(res.html).toContain('value="1-2-3 Shibuya"');
    // Card numbers are never echoed back into the page.
    expect(res.html).not.toContain(sandboxCards.success);
  });

  it('explains a declined card with a 400 and places nothing', async () => {
    const { browser, key } = await guestWithCart();
    const res = await browser.post('/checkout', {
      ...checkoutForm,
      cardNumber: sandboxCards.declined,
      idempotencyKey: key,
    });
    expect(res.status).toBe(400);
    expect(res.html).toContain('declined');
  });

  it('refuses a form without the CSRF token', async () => {
    const { browser, key } = await guestWithCart();
    const res = await browser.post('/checkout', {
      ...checkoutForm,
      idempotencyKey: key,
      _csrf: '',
    });
    expect(res.status).toBe(403);
  });

  it('answers a guest order link with a wrong key exactly like a missing order', async () => {
    const { browser, key } = await guestWithCart();
    const placed = await browser.post('/checkout', { ...checkoutForm, idempotencyKey: key });
    const number = placed.location!.split('/')[3]!.split('?')[0]!;
    const wrongKey = await formClient(app).get(`/orders/${number}?key=forged`);
    const missing = await formClient(app).get('/orders/TP-000000-XXXXXX?key=forged');
    expect(wrongKey.status).toBe(404);
    expect(missing.status).toBe(404);
  });

  it('shows a member only their own orders; another member gets a 404', async () => {
    const alice = await makeMember(database.db, { password: 'alice password 1' });
    const bob = await makeMember(database.db, { password: 'bob password 12' });
    const product = await makeProduct(database.db, { stock: 3 });
    const aliceBrowser = formClient(app);
    await aliceBrowser.get('/account/sign-in');
    expect(
      (
        await aliceBrowser.post('/account/sign-in', {
          login: alice.memberCode,
          password: 'alice password 1',
        })
      ).status,
    ).toBe(303);
    await aliceBrowser.post('/cart/items', { productId: product.id, quantity: '1' });
    const page = await aliceBrowser.get('/checkout');
    expect(page.html).toContain(alice.email);
    const key = page.html.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
    const { email: _ignored, ...memberForm } = checkoutForm;
    const placed = await aliceBrowser.post('/checkout', { ...memberForm, idempotencyKey: key });
    const number = placed.location!.split('/')[3]!.split('?')[0]!;
    expect((await aliceBrowser.get('/mypage')).html).toContain(number);
    expect((await aliceBrowser.get(`/mypage/orders/${number}`)).status).toBe(200);

    const bobBrowser = formClient(app);
    await bobBrowser.get('/account/sign-in');
    await bobBrowser.post('/account/sign-in', { login: bob.email, password: 'bob password 12' });
    expect((await bobBrowser.get(`/mypage/orders/${number}`)).status).toBe(404);
    expect((await bobBrowser.post(`/mypage/orders/${number}/cancel`, {})).status).toBe(404);
    expect((await bobBrowser.get('/mypage')).html).not.toContain(number);
  });

  it('answers bad input with 4xx, never 500', async () => {
    const browser = formClient(app);
    await browser.get('/');
    const cases = [
      await browser.post('/cart/items', { productId: 'not-a-uuid', quantity: '1' }),
      await browser.post('/cart/items', { productId: crypto.randomUUID(), quantity: '-3' }),
      await browser.post('/cart/items', { productId: crypto.randomUUID(), quantity: '1' }),
      await browser.get('/p/%00%ff'),
      await browser.get('/checkout/return/not-a-uuid'),
      await browser.post('/checkout', { action: 'place' }),
      await browser.post('/account/sign-in', { login: 'a\u0000b', password: 'x\u0000' }),
      await browser.get('/search?q=%00'),
    ];
    for (const res of cases) expect(res.status).toBeGreaterThanOrEqual(300);
    for (const res of cases) expect(res.status).toBeLessThan(500);
    expect((await browser.get(`/search?q=${'x'.repeat(500)}`)).status).toBe(200);
    const huge = await app.request('/cart/items', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `x=${'a'.repeat(400_000)}`,
    });
    expect(huge.status).toBe(413);
  });
});
