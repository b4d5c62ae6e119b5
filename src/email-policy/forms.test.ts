import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { members } from '../accounts/tables.ts';
import { createApp } from '../app.tsx';
import { parseEnv } from '../env.ts';
import { guestOrderPath } from '../orders/order-access.ts';
import { orders } from '../orders/tables.ts';
import { sandboxCards } from '../payments/sandbox-provider.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeOrder, makeProduct, testDeps } from '../testing/factories.ts';
import { visible } from '../testing/html.ts';
import { formClient, testAppDeps } from '../testing/http-client.ts';
import { useTestWorld } from '../testing/world.ts';
import { fakeDns } from './fake-dns.ts';

/** What a reader sees: tags dropped, entities decoded, spaces squeezed. */

const symbolMessage =
  "Email addresses with symbols other than '.', '-' and '_' before the @ often don't receive our mail. Remove: +";

const checkoutForm = {
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

const dns = fakeDns({
  'example.com': { mx: [{ exchange: 'mx.example.com', priority: 10 }] },
  'gmail.com': { mx: [{ exchange: 'gmail-smtp-in.l.google.com', priority: 5 }] },
  'xn--wgv71a119e.jp': { mx: [{ exchange: 'mx.xn--wgv71a119e.jp', priority: 10 }] },
});

describeEachDatabase('the email address policy in the forms', (kind) => {
  const { database, app } = useTestWorld(kind, { appDeps: { dns } });
  let lenient: ReturnType<typeof createApp>;
  beforeAll(async () => {
    lenient = createApp(
      testAppDeps(database.db, {
        dns,
        env: parseEnv({ LOG_LEVEL: 'silent', EMAIL_POLICY_RULES: 'symbol=warn' }),
      }),
    );
  });

  async function guestAtCheckout(shop = app) {
    const product = await makeProduct(database.db, { stock: 5, priceJpy: 1100 });
    const browser = formClient(shop);
    await browser.get(`/p/${product.slug}`);
    await browser.post('/cart/items', { productId: product.id, quantity: '1' });
    const page = await browser.get('/checkout');
    const key = page.html.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
    return { browser, key };
  }

  it('refuses taro+shop@example.com at checkout, naming the +, and keeps what was typed', async () => {
    const { browser, key } = await guestAtCheckout();
    const res = await browser.post('/checkout', {
      ...checkoutForm,
      email: 'taro+shop@example.com',
      idempotencyKey: key,
    });
    expect(res.status).toBe(400);
    expect(visible(res.html)).toContain(symbolMessage);
    expect(res.html).toContain('value="taro+shop@example.com"');
    expect(res.html).toContain('value="1-2-3 Shibuya"');
    expect(
      await database.db
        .select()
        .from(orders)
        .where(eq(orders.contactEmail, 'taro+shop@example.com')),
    ).toEqual([]);
  });

  it('shows the domain problem and the suggestion for a mistyped domain at checkout', async () => {
    const { browser, key } = await guestAtCheckout();
    const res = await browser.post('/checkout', {
      ...checkoutForm,
      email: 'taro@gmial.com',
      idempotencyKey: key,
    });
    expect(res.status).toBe(400);
    expect(visible(res.html)).toContain(
      'The domain "gmial.com" does not receive email. Check the part after the @ for typos. Did you mean taro@gmail.com?',
    );
  });

  it('stores a Japanese domain in A-labels when a guest orders', async () => {
    const { browser, key } = await guestAtCheckout();
    const res = await browser.post('/checkout', {
      ...checkoutForm,
      email: ' Taro@日本語.jp ',
      idempotencyKey: key,
    });
    expect(res.status).toBe(303);
    const number = res.location!.split('/')[3]!.split('?')[0]!;
    const [order] = await database.db.select().from(orders).where(eq(orders.number, number));
    expect(order!.contactEmail).toBe('Taro@xn--wgv71a119e.jp');
  });

  it('lets a warned customer go on by sending the same address again', async () => {
    const { browser, key } = await guestAtCheckout(lenient);
    const first = await browser.post('/checkout', {
      ...checkoutForm,
      email: 'hanako+shop@example.com',
      idempotencyKey: key,
    });
    expect(first.status).toBe(400);
    expect(visible(first.html)).toContain(
      `${symbolMessage} If this address is right, send the form again to use it anyway.`,
    );
    expect(first.html).toContain('value="hanako+shop@example.com"');
    // A different warned address is explained again, not waved through.
    const other = await browser.post('/checkout', {
      ...checkoutForm,
      email: 'hanako+other@example.com',
      idempotencyKey: key,
    });
    expect(other.status).toBe(400);
    const again = await browser.post('/checkout', {
      ...checkoutForm,
      email: 'hanako+other@example.com',
      idempotencyKey: key,
    });
    expect(again.status).toBe(303);
    expect(again.location).toMatch(/^\/checkout\/done\/TP-/);
  });

  it('still refuses a rejected rule when another is only a warning', async () => {
    const { browser, key } = await guestAtCheckout(lenient);
    for (let i = 0; i < 2; i++) {
      const res = await browser.post('/checkout', {
        ...checkoutForm,
        email: 'hanako+shop..x@example.com',
        idempotencyKey: key,
      });
      expect(res.status).toBe(400);
      expect(visible(res.html)).not.toContain('send the form again');
    }
  });

  it('refuses taro+shop@example.com at registration with the message, keeping what was typed', async () => {
    const browser = formClient(app);
    await browser.get('/account/register');
    const res = await browser.post('/account/register', {
      memberCode: 'taro-shop',
      email: 'taro+shop@example.com',
      password: 'a long enough password',
      name: 'Taro',
      locale: 'en',
    });
    expect(res.status).toBe(400);
    expect(visible(res.html)).toContain(symbolMessage);
    expect(res.html).toContain('value="taro+shop@example.com"');
    expect(res.html).toContain('value="taro-shop"');
    const [member] = await database.db
      .select()
      .from(members)
      .where(eq(members.email, 'taro+shop@example.com'));
    expect(member).toBeUndefined();
  });

  it('says it in Japanese on the Japanese registration page', async () => {
    const browser = formClient(app);
    await browser.get('/lang/ja?back=/account/register');
    await browser.get('/account/register');
    const res = await browser.post('/account/register', {
      memberCode: 'hanako-jp',
      email: 'hanako..yamada@example.com',
      password: 'a long enough password',
      locale: 'ja',
    });
    expect(res.status).toBe(400);
    expect(visible(res.html)).toContain(
      '@ より前の部分に、ドットを2つ続けて（..）使うことはできません。1つ削除してください。',
    );
  });

  it("refuses an order's new contact address that breaks the policy", async () => {
    const product = await makeProduct(database.db);
    const order = await makeOrder(testDeps(database.db), [{ product, quantity: 1 }], {
      email: 'guest.contact@example.com',
    });
    const browser = formClient(app);
    const page = await browser.get(guestOrderPath('test-secret', order));
    const action = [...page.html.matchAll(/<form[^>]*action="([^"]+)"/g)]
      .map((m) => m[1]!.replace(/&amp;/g, '&'))
      .find((a) => a.includes('/contact-email?'))!
      .replace(/#.*$/, '');
    const res = await browser.post(action, { email: 'new+contact@example.com' });
    expect(res.status).toBe(400);
    expect(visible(res.html)).toContain(symbolMessage);
    expect(res.html).toContain('value="new+contact@example.com"');
  });
});
