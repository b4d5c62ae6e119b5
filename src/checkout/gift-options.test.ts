import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { renderHtml, renderText } from '../mail/templates/layout.ts';
import { orderPlacedMail } from '../mail/templates/mail-content.ts';
import { findOrderById } from '../orders/find-orders.ts';
import { orders } from '../orders/tables.ts';
import {
  answerSandboxChallenge,
  SANDBOX_CHALLENGE_CODE,
  sandboxCards,
} from '../payments/sandbox-provider.ts';
import { sandboxPayments } from '../payments/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { checkoutRequest, makeCart, makeProduct } from '../testing/factories.ts';
import { formClient } from '../testing/http-client.ts';
import { useTestWorld } from '../testing/world.ts';
import {
  cardCharCount,
  GIFT_WRAP_FEE_JPY,
  MESSAGE_CARD_MAX_CHARS,
  messageCardInput,
} from './gift-options.ts';
import { placeOrder, resumeCheckout } from './place-order.ts';

const script = '<script>alert("card")</script>';

describe('the message card field', () => {
  it('counts a CRLF line break as one character and treats a blank card as none', () => {
    const typed = `${'a'.repeat(100)}\r\n${'b'.repeat(MESSAGE_CARD_MAX_CHARS - 101)}`;
    const parsed = messageCardInput.parse(typed);
    expect(parsed).toBe(`${'a'.repeat(100)}\n${'b'.repeat(MESSAGE_CARD_MAX_CHARS - 101)}`);
    expect(cardCharCount(parsed!)).toBe(MESSAGE_CARD_MAX_CHARS);
    expect(messageCardInput.safeParse(`${typed}c`).success).toBe(false);
    expect(messageCardInput.parse('  \r\n ')).toBeNull();
    expect(messageCardInput.parse('Hi\u0000 there\ttoo')).toBe('Hi there too');
  });
});

describeEachDatabase('gift wrapping and message cards', (kind) => {
  const { database, deps, app, signedInStaff } = useTestWorld(kind);
  let keyCounter = 0;

  const nextKey = () => `key-gift-${String(++keyCounter).padStart(10, '0')}`;
  const authorisedAmount = async (ref: string) => {
    const [row] = await database.db
      .select()
      .from(sandboxPayments)
      .where(eq(sandboxPayments.ref, ref));
    return row?.amountJpy;
  };
  const place = (cartId: string, request = checkoutRequest(), card?: string) =>
    placeOrder(deps, {
      cartId,
      buyer: { memberId: null, email: 'gift.buyer@example.com', locale: 'en' },
      request: card ? { ...request, card: checkoutRequest({}, card).card } : request,
      idempotencyKey: nextKey(),
      returnUrl: (id) => `http://shop.test/checkout/return/${id}`,
    });

  describe('placing an order', () => {
    it('adds the wrap fee to the total and the authorised amount, and keeps the card', async () => {
      const product = await makeProduct(database.db, { stock: 5, priceJpy: 3300 });
      const cartId = await makeCart(database.db, deps.clock, [{ product, quantity: 1 }]);
      const result = await place(
        cartId,
        checkoutRequest({ giftWrap: true, messageCard: 'Happy birthday!\nLove, Taro' }),
      );
      if (result.kind !== 'placed') throw new Error(JSON.stringify(result));
      const { order } = result;
      expect(order.giftWrap).toBe(true);
      expect(order.giftWrapJpy).toBe(GIFT_WRAP_FEE_JPY);
      expect(order.messageCard).toBe('Happy birthday!\nLove, Taro');
      expect(order.shippingFeeJpy).toBeGreaterThan(0);
      expect(order.totalJpy).toBe(3300 + order.shippingFeeJpy + GIFT_WRAP_FEE_JPY);
      expect(await authorisedAmount(order.paymentRef)).toBe(order.totalJpy);
    });

    it('charges nothing extra and stores no card without the options', async () => {
      const product = await makeProduct(database.db, { stock: 5, priceJpy: 3300 });
      const cartId = await makeCart(database.db, deps.clock, [{ product, quantity: 1 }]);
      const result = await place(cartId);
      if (result.kind !== 'placed') throw new Error(JSON.stringify(result));
      expect(result.order).toMatchObject({ giftWrap: false, giftWrapJpy: 0, messageCard: null });
      expect(result.order.totalJpy).toBe(3300 + result.order.shippingFeeJpy);
    });

    it('keeps the wrap and the card through a 3-D Secure challenge', async () => {
      const product = await makeProduct(database.db, { stock: 5, priceJpy: 2200 });
      const cartId = await makeCart(database.db, deps.clock, [{ product, quantity: 1 }]);
      const result = await place(
        cartId,
        checkoutRequest({ giftWrap: true, messageCard: 'From all of us' }),
        sandboxCards.challenge,
      );
      if (result.kind !== 'challenge') throw new Error(JSON.stringify(result));
      const url = new URL(result.url);
      await answerSandboxChallenge(
        database.db,
        url.pathname.split('/').pop()!,
        url.searchParams.get('token')!,
        SANDBOX_CHALLENGE_CODE,
      );
      const resumed = await resumeCheckout(deps, result.checkoutId);
      if (resumed?.kind !== 'placed') throw new Error(JSON.stringify(resumed));
      expect(resumed.order).toMatchObject({
        giftWrap: true,
        giftWrapJpy: GIFT_WRAP_FEE_JPY,
        messageCard: 'From all of us',
      });
      expect(resumed.order.totalJpy).toBe(2200 + resumed.order.shippingFeeJpy + GIFT_WRAP_FEE_JPY);
      expect(await authorisedAmount(resumed.order.paymentRef)).toBe(resumed.order.totalJpy);
    });

    it('refuses wrapping or a card for a digital-only cart before touching the card', async () => {
      const ebook = await makeProduct(database.db, { kind: 'digital', stock: 5 });
      const cartId = await makeCart(database.db, deps.clock, [{ product: ebook, quantity: 1 }]);
      const before = (await database.db.select().from(sandboxPayments)).length;
      expect(await place(cartId, checkoutRequest({ giftWrap: true }))).toEqual({
        kind: 'gift_unavailable',
        field: 'giftWrap',
      });
      expect(await place(cartId, checkoutRequest({ messageCard: 'Hello' }))).toEqual({
        kind: 'gift_unavailable',
        field: 'messageCard',
      });
      expect((await database.db.select().from(sandboxPayments)).length).toBe(before);
      // Without the options the same cart is bought as usual.
      expect((await place(cartId)).kind).toBe('placed');
    });
  });

  describe('the storefront form', () => {
    const form = {
      email: 'gift.guest@example.com',
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

    async function guestWithCart(overrides: Parameters<typeof makeProduct>[1] = {}) {
      const product = await makeProduct(database.db, { stock: 3, priceJpy: 2200, ...overrides });
      const browser = formClient(app);
      await browser.get(`/p/${product.slug}`);
      expect(
        (await browser.post('/cart/items', { productId: product.id, quantity: '1' })).status,
      ).toBe(303);
      const page = await browser.get('/checkout');
      const key = page.html.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
      return { browser, key, page };
    }

    const signedInAdmin = async () => (await signedInStaff('admin')).browser;

    it('shows the wrap fee in the quote and the card on the order page and the admin page, escaped', async () => {
      const { browser, key, page } = await guestWithCart();
      expect(page.html).toContain('Gift wrapping (+¥330)');
      expect(page.html).toContain('name="messageCard"');
      const card = `${script}\r\nSee you soon`;
      const quoted = await browser.post('/checkout', {
        ...form,
        action: 'quote',
        giftWrap: '1',
        messageCard: card,
        idempotencyKey: key,
      });
      expect(quoted.status).toBe(200);
      expect(quoted.html).toMatch(
        /class="gift-wrap-fee"><td>Gift wrapping<\/td><td class="num"><span class="price">¥330/,
      );
      expect(quoted.html).toContain('Total');
      expect(quoted.html).not.toContain(script);

      const placed = await browser.post('/checkout', {
        ...form,
        giftWrap: '1',
        messageCard: card,
        idempotencyKey: key,
      });
      expect(placed.status).toBe(303);
      const done = await browser.get(placed.location!);
      const orderLink = done.html.match(/href="(\/orders\/[^"]+)"/)![1]!.replaceAll('&amp;', '&');
      const number = orderLink.split('/')[2]!.split('?')[0]!;
      const [order] = await database.db.select().from(orders).where(eq(orders.number, number));
      expect(order).toMatchObject({
        giftWrap: true,
        giftWrapJpy: 330,
        messageCard: `${script}\nSee you soon`,
      });
      expect(order!.totalJpy).toBe(2200 + order!.shippingFeeJpy + 330);
      expect(await authorisedAmount(order!.paymentRef)).toBe(order!.totalJpy);

      const escaped = '&lt;script&gt;alert(&quot;card&quot;)&lt;/script&gt;<br/>See you soon';
      const orderPage = await formClient(app).get(orderLink);
      expect(orderPage.status).toBe(200);
      expect(orderPage.html).toContain('Gift wrapped');
      expect(orderPage.html).toMatch(/Gift wrapping<\/td><td class="num">¥330/);
      expect(orderPage.html).toContain(escaped);
      expect(orderPage.html).not.toContain(script);

      const admin = await signedInAdmin();
      const adminPage = await admin.get(`/admin/orders/${number}`);
      expect(adminPage.status).toBe(200);
      expect(adminPage.html).toContain('Yes: wrap the whole order');
      expect(adminPage.html).toContain(escaped);
      expect(adminPage.html).not.toContain(script);
    });

    it('refuses a 201-character card with the count, keeping what the customer typed', async () => {
      const { browser, key } = await guestWithCart();
      const typed = 'x'.repeat(MESSAGE_CARD_MAX_CHARS + 1);
      const res = await browser.post('/checkout', {
        ...form,
        email: 'gift.long@example.com',
        giftWrap: '1',
        messageCard: typed,
        idempotencyKey: key,
      });
      expect(res.status).toBe(400);
      expect(res.html).toContain('Use at most 200 characters (you entered 201).');
      expect(res.html).toContain(`\n${typed}</textarea>`);
      expect(res.html).toMatch(/name="giftWrap" value="1" checked/);
      expect(res.html).toContain('value="1-2-3 Shibuya"');
      const [placed] = await database.db
        .select()
        .from(orders)
        .where(eq(orders.contactEmail, 'gift.long@example.com'));
      expect(placed).toBeUndefined();

      // In Japanese too; 200 characters with a CRLF line break counted once go through.
      browser.cookies.set('tp_lang', 'ja');
      const ja = await browser.post('/checkout', {
        ...form,
        email: 'gift.long@example.com',
        messageCard: typed,
        idempotencyKey: key,
      });
      expect(ja.status).toBe(400);
      expect(ja.html).toContain('200文字以内にしてください（現在201文字）。');
      const fits = `${'x'.repeat(100)}\r\n${'y'.repeat(99)}`;
      const ok = await browser.post('/checkout', {
        ...form,
        email: 'gift.long@example.com',
        messageCard: fits,
        idempotencyKey: key,
      });
      expect(ok.status).toBe(303);
      const [stored] = await database.db
        .select()
        .from(orders)
        .where(eq(orders.contactEmail, 'gift.long@example.com'));
      expect(stored!.messageCard).toBe(`${'x'.repeat(100)}\n${'y'.repeat(99)}`);
      expect(stored!.giftWrap).toBe(false);
    });

    it('offers no gift options for a digital-only cart and refuses a posted wrap with a 400', async () => {
      const { browser, key, page } = await guestWithCart({ kind: 'digital' });
      expect(page.html).not.toContain('name="giftWrap"');
      expect(page.html).not.toContain('name="messageCard"');
      const res = await browser.post('/checkout', {
        ...form,
        email: 'gift.digital@example.com',
        giftWrap: '1',
        idempotencyKey: key,
      });
      expect(res.status).toBe(400);
      expect(res.html).toContain('Gift wrapping is only for goods we ship');
      const placed = await database.db
        .select()
        .from(orders)
        .where(eq(orders.contactEmail, 'gift.digital@example.com'));
      expect(placed).toEqual([]);
    });
  });

  describe('the order confirmation mail', () => {
    it('lists the wrap fee and prints the card text, escaped in HTML, in both languages', async () => {
      const product = await makeProduct(database.db, { stock: 5, priceJpy: 1100 });
      const cartId = await makeCart(database.db, deps.clock, [{ product, quantity: 1 }]);
      const result = await place(
        cartId,
        checkoutRequest({ giftWrap: true, messageCard: `${script}\nOmedetou` }),
      );
      if (result.kind !== 'placed') throw new Error(JSON.stringify(result));
      const detail = (await findOrderById(database.db, result.order.id))!;
      for (const locale of ['en', 'ja'] as const) {
        const { body } = orderPlacedMail(
          {
            locale,
            shopName: 'Tenpo',
            fromAddress: 'orders@mail.tenpo.test',
            recipient: 'gift.buyer@example.com',
            orderUrl: null,
          },
          detail,
        );
        const text = renderText(body, false);
        const html = renderHtml(body, false);
        const wrap = locale === 'ja' ? 'ギフトラッピング' : 'Gift wrapping';
        const fee = locale === 'ja' ? '330円' : '¥330';
        expect(text).toMatch(new RegExp(`${wrap}.*${fee}`));
        expect(text).toContain(`${script}\nOmedetou`);
        expect(html).toContain(wrap);
        expect(html).toContain(
          '&#60;script&#62;alert(&#34;card&#34;)&#60;/script&#62;<br>Omedetou',
        );
        expect(html).not.toContain(script);
      }
    });
  });
});
