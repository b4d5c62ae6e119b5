import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { orders } from '../../src/orders/tables.ts';
import { SANDBOX_CHALLENGE_CODE, sandboxCards } from '../../src/payments/sandbox-provider.ts';
import { describeEachDatabase } from '../../src/testing/databases.ts';
import { newShopper, screenshot } from './browser.ts';
import {
  addToCart,
  fillAddress,
  fillCard,
  findOrder,
  mainText,
  orderNumberOnThanksPage,
  seeHeading,
  stockOf,
  submit,
  timelineStep,
  tokyoAddress,
  visibleText,
} from './shop.ts';
import { useJourneyWorld } from './world.ts';

const figure = {
  slug: 'azure-arcadia-rin-amagase-1-7-figure',
  title: 'Azure Arcadia: Rin Amagase 1/7 Scale Figure',
  titleJa: '蒼穹のアルカディア 天ヶ瀬リン 1/7スケールフィギュア',
};
const acrylicStand = {
  slug: 'stardust-luminous-acrylic-stand-hikari',
  title: 'Stardust Luminous Acrylic Stand: Hikari Asahina',
};

const giftCard = 'Happy birthday, Rin!\nFrom Hanako';

// PGlite always; PostgreSQL too when TEST_DATABASE_URL is set. One shop server per database.
describeEachDatabase('guest checkout in the browser', (kind) => {
  const { server, browser } = useJourneyWorld({ kind });
  const shot = (name: string) => `checkout-${kind}-${name}`;

  it('lets a guest search, buy with a 3-D Secure card and open the order from the guest link', async () => {
    const { page, context, serverErrors } = await newShopper(browser, server.url);
    const stockBefore = await stockOf(server.deps.db, figure.slug);

    await page.goto('/');
    await seeHeading(page, 'New and popular');
    await screenshot(page, shot('01-home'), { fullPage: false });

    await page.getByRole('searchbox', { name: 'Search' }).fill('Rin Amagase');
    await submit(page, page.getByRole('button', { name: 'Search', exact: true }));
    await seeHeading(page, 'Search results for "Rin Amagase"');
    await screenshot(page, shot('02-search'), { fullPage: false });

    await submit(page, page.getByRole('link', { name: new RegExp(figure.title) }));
    await seeHeading(page, figure.title);
    expect(await mainText(page)).toContain('¥19,800');
    expect(await mainText(page)).toContain('In stock');
    await screenshot(page, shot('03-product'));

    await submit(page, page.getByRole('button', { name: 'Add to cart' }));
    await seeHeading(page, 'Your cart');
    expect(await visibleText(page.getByRole('status'))).toContain('Added to your cart.');
    expect(await mainText(page)).toContain(figure.title);
    await screenshot(page, shot('04-cart'));

    await submit(page, page.getByRole('link', { name: 'Proceed to checkout' }));
    await seeHeading(page, 'Checkout');
    await fillAddress(page, tokyoAddress, 'hanako@example.com');
    // A gift: wrapped, with a two-line card (the browser sends the line break as CRLF).
    await page.getByRole('checkbox', { name: 'Gift wrapping (+¥330)' }).check();
    await page.getByRole('textbox', { name: /Message card/ }).fill(giftCard);
    await submit(page, page.getByRole('button', { name: 'Calculate shipping' }));
    // The quote: the 30×21×18 cm box bills as 2.27 kg, one 500 g step over the domestic base.
    const review = await visibleText(page.getByRole('group', { name: 'Review your order' }));
    expect(review).toContain('Shipping (1-3 business days) ¥1,100');
    expect(review).toContain('Gift wrapping ¥330');
    expect(review).toContain('Happy birthday, Rin!');
    expect(review).toContain('Total ¥21,230');
    expect(await page.getByRole('checkbox', { name: 'Gift wrapping (+¥330)' }).isChecked()).toBe(
      true,
    );
    expect(await page.getByRole('textbox', { name: /Message card/ }).inputValue()).toBe(giftCard);
    expect(await page.getByLabel('Full name').inputValue()).toBe(tokyoAddress.name);
    expect(await page.getByLabel('Postal code').inputValue()).toBe('150-0002');
    expect(await page.getByRole('radio', { name: /Domestic delivery/ }).isChecked()).toBe(true);

    await fillCard(page, '4000 0000 0000 3220');
    await screenshot(page, shot('05-checkout-filled'));
    await submit(page, page.getByRole('button', { name: 'Place order' }));

    await seeHeading(page, 'Sandbox Bank · 3-D Secure');
    expect(new URL(page.url()).pathname).toMatch(/^\/sandbox\/3ds\/sbx_/);
    await screenshot(page, shot('06-3ds-challenge'));
    await page.getByLabel('One-time code').fill(SANDBOX_CHALLENGE_CODE);
    await submit(page, page.getByRole('button', { name: 'Confirm' }));

    const number = await orderNumberOnThanksPage(page);
    expect(await mainText(page)).toContain('A confirmation will be sent to hanako@example.com.');
    const guestLink = await visibleText(page.locator('main code'));
    expect(guestLink).toMatch(
      new RegExp(`^${server.url}/orders/${number}\\?key=[\\w-]+$`.replaceAll('.', '\\.')),
    );
    await screenshot(page, shot('07-thanks'));

    const order = await findOrder(server.deps.db, number);
    expect(order).toMatchObject({
      state: 'payment_authorised',
      memberId: null,
      contactEmail: 'hanako@example.com',
      shipCountry: 'JP',
      shipPostalCode: '150-0002',
      shippingMethod: 'domestic',
      subtotalJpy: 19_800,
      shippingFeeJpy: 1_100,
      giftWrap: true,
      giftWrapJpy: 330,
      messageCard: giftCard,
      totalJpy: 21_230,
      cardLast4: '3220',
      paymentState: 'authorised',
    });
    expect(await stockOf(server.deps.db, figure.slug)).toBe(stockBefore - 1);

    // The guest opens the saved link later, on another device: no cookies, only the link.
    const later = await newShopper(browser, server.url);
    await later.page.goto(guestLink);
    await seeHeading(later.page, `Order ${number}`);
    const authorised = await timelineStep(later.page, 'Payment authorised');
    expect(authorised.reached).toBe(true);
    expect((await timelineStep(later.page, 'Preparing for shipment')).reached).toBe(false);
    const orderText = await mainText(later.page);
    expect(orderText).toContain(`${figure.title} × 1`);
    expect(orderText).toContain('Shibuya-ku, Tokyo, 150-0002');
    expect(orderText).toContain('Visa •••• 3220');
    expect(orderText).toContain('Gift wrapped');
    expect(orderText).toContain('From Hanako');
    await screenshot(later.page, shot('08-guest-order'));

    // A link with another key shows nothing about the order.
    const forged = await later.page.goto(guestLink.replace(/key=.*/, 'key=forged'));
    expect(forged?.status()).toBe(404);
    expect(await mainText(later.page)).not.toContain('hanako@example.com');

    expect([...serverErrors, ...later.serverErrors]).toEqual([]);
    await later.context.close();
    await context.close();
  });

  it('re-renders a wrong postal code with the field error, keeping what was typed', async () => {
    const { page, context, serverErrors } = await newShopper(browser, server.url);
    await addToCart(page, acrylicStand.slug, acrylicStand.title);
    await page.goto('/checkout');
    await seeHeading(page, 'Checkout');
    await fillAddress(page, { ...tokyoAddress, postalCode: '150-002' }, 'postal@example.com');
    await fillCard(page, sandboxCards.success);
    const response = await submit(page, page.getByRole('button', { name: 'Place order' }));

    expect(response.status()).toBe(400);
    expect(await visibleText(page.getByRole('alert'))).toContain(
      'Please check the fields marked below.',
    );
    const postal = page.getByLabel('Postal code');
    expect(await postal.getAttribute('aria-invalid')).toBe('true');
    expect(await visibleText(page.locator('label', { has: postal }))).toContain(
      'This is not a postal code of the selected country.',
    );
    expect(await postal.inputValue()).toBe('150-002');
    expect(await page.getByRole('textbox', { name: /Contact email/ }).inputValue()).toBe(
      'postal@example.com',
    );
    expect(await page.getByLabel('Full name').inputValue()).toBe(tokyoAddress.name);
    expect(await page.locator('select[name="country"]').inputValue()).toBe('JP');
    expect(await page.getByLabel('City').inputValue()).toBe(tokyoAddress.city);
    expect(await page.getByLabel('Address line 1').inputValue()).toBe(tokyoAddress.line1);
    expect(await page.getByLabel('Phone').inputValue()).toBe(tokyoAddress.phone);
    expect(await page.getByRole('radio', { name: tokyoAddress.method }).isChecked()).toBe(true);
    expect(await page.getByLabel('Name on card').inputValue()).toBe('HANAKO YAMADA');
    // The card number and security code are never sent back to the browser.
    expect(await page.getByLabel('Card number').inputValue()).toBe('');
    expect(await page.getByLabel('Security code').inputValue()).toBe('');
    await screenshot(page, shot('09-postal-error'));

    // Fixing the one field and re-entering the card places the order.
    await postal.fill('150-0002');
    await fillCard(page, sandboxCards.success);
    await submit(page, page.getByRole('button', { name: 'Place order' }));
    const number = await orderNumberOnThanksPage(page);
    expect((await findOrder(server.deps.db, number)).shipPostalCode).toBe('150-0002');
    expect(serverErrors).toEqual([]);
    await context.close();
  });

  it('shows the decline message for a declined card and places no order', async () => {
    const { page, context, serverErrors } = await newShopper(browser, server.url);
    await addToCart(page, acrylicStand.slug, acrylicStand.title);
    await page.goto('/checkout');
    await fillAddress(page, tokyoAddress, 'declined@example.com');
    await fillCard(page, sandboxCards.declined);
    const response = await submit(page, page.getByRole('button', { name: 'Place order' }));

    expect(response.status()).toBe(400);
    await seeHeading(page, 'Checkout');
    expect(await visibleText(page.getByRole('alert'))).toContain(
      'Your card was declined (declined by the issuer). Please check the details or use another card.',
    );
    expect(await page.getByLabel('Full name').inputValue()).toBe(tokyoAddress.name);
    await screenshot(page, shot('10-declined'));

    const placed = await server.deps.db
      .select()
      .from(orders)
      .where(eq(orders.contactEmail, 'declined@example.com'));
    expect(placed).toEqual([]);
    // The cart is still there for another try.
    await page.goto('/cart');
    expect(await mainText(page)).toContain(acrylicStand.title);
    expect(serverErrors).toEqual([]);
    await context.close();
  });

  it('switches a product page to Japanese and back', async () => {
    const { page, context, serverErrors } = await newShopper(browser, server.url);
    await page.goto(`/p/${figure.slug}`);
    await seeHeading(page, figure.title);

    await submit(page, page.getByRole('link', { name: '日本語' }));
    await seeHeading(page, figure.titleJa);
    expect(new URL(page.url()).pathname).toBe(`/p/${figure.slug}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    expect(await page.getByRole('button', { name: 'カートに入れる' }).isVisible()).toBe(true);
    expect(await mainText(page)).toContain('19,800円');
    await screenshot(page, shot('11-product-ja'));

    await submit(page, page.getByRole('link', { name: 'English' }));
    await seeHeading(page, figure.title);
    expect(await page.getByRole('button', { name: 'Add to cart' }).isVisible()).toBe(true);
    expect(serverErrors).toEqual([]);
    await context.close();
  });
});
