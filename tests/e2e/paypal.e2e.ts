import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { checkouts } from '../../src/checkout/tables.ts';
import { orders } from '../../src/orders/tables.ts';
import { sandboxPaypalRefunds } from '../../src/payments/paypal/sandbox-tables.ts';
import { newShopper, screenshot } from './browser.ts';
import {
  addToCart,
  fillAddress,
  findOrder,
  mainText,
  newestMailTo,
  orderNumberOnThanksPage,
  seeHeading,
  stockOf,
  submit,
  timelineLabels,
  tokyoAddress,
  visibleText,
} from './shop.ts';
import { useJourneyWorld } from './world.ts';

const keychain = {
  slug: 'mahoroba-cafe-acrylic-keychain-mio',
  title: 'Mahoroba Café Casebook Acrylic Keychain: Mio Shirasagi',
};

// Offline: no PayPal credentials, so the shop uses its in-shop sandbox PayPal and its approval page.
describe('paying with the sandbox PayPal in the browser', () => {
  const { server, browser } = useJourneyWorld();

  it('lets a guest pay with PayPal, see it on the order and in the mail, cancel and see the refund', async () => {
    const { page, context, serverErrors } = await newShopper(browser, server.url);
    const email = 'paypal.guest@example.com';
    const stockBefore = await stockOf(server.deps.db, keychain.slug);

    await addToCart(page, keychain.slug, keychain.title, 2);
    await page.goto('/checkout');
    await seeHeading(page, 'Checkout');
    await fillAddress(page, tokyoAddress, email);
    const payWith = page.getByRole('radiogroup', { name: 'How would you like to pay?' });
    expect(await page.getByLabel('Card number').isVisible()).toBe(true);
    await payWith.getByRole('radio', { name: 'PayPal' }).check();
    // PayPal needs no card: its fields and the card's charging note step aside.
    expect(await page.getByLabel('Card number').isVisible()).toBe(false);
    expect(await mainText(page)).not.toContain('Your card is authorised now');
    expect(await mainText(page)).toContain("You approve the payment on PayPal's page");
    await screenshot(page, 'paypal-01-checkout');
    await submit(page, page.getByRole('button', { name: 'Place order' }));

    // The sandbox's approval page, on the shop's origin, labelled as no real money.
    await seeHeading(page, 'Pay Tenpo with PayPal');
    expect(new URL(page.url()).pathname).toBe('/sandbox/paypal/checkoutnow');
    const approval = await mainText(page);
    expect(approval).toContain('PayPal sandbox — no real money');
    const [checkout] = await server.deps.db
      .select()
      .from(checkouts)
      .where(eq(checkouts.paypalOrderId, new URL(page.url()).searchParams.get('token') ?? ''));
    expect(checkout?.state).toBe('awaiting_approval');
    expect(approval).toContain(`¥${checkout!.amountJpy.toLocaleString('en')}`);
    await screenshot(page, 'paypal-02-approval');
    await submit(page, page.getByRole('button', { name: 'Approve the payment' }));

    const number = await orderNumberOnThanksPage(page);
    const order = await findOrder(server.deps.db, number);
    expect(order).toMatchObject({
      state: 'payment_authorised',
      contactEmail: email,
      paymentProvider: 'paypal',
      paymentState: 'captured',
      totalJpy: checkout!.amountJpy,
      cardLast4: null,
    });
    const captureId = order.paymentRef;
    expect(captureId).toMatch(/^[A-Z0-9]{17}$/);
    expect(await stockOf(server.deps.db, keychain.slug)).toBe(stockBefore - 2);

    // The order page (from the guest link) says PayPal and the capture's transaction id.
    const guestLink = await visibleText(page.locator('main code'));
    await page.goto(guestLink);
    await seeHeading(page, `Order ${number}`);
    expect(await visibleText(page.locator('.payment-method'))).toBe('PayPal');
    expect(await mainText(page)).toContain(`PayPal transaction ID: ${captureId}`);
    expect(await mainText(page)).not.toContain('••••');
    await screenshot(page, 'paypal-03-order');

    const confirmation = await newestMailTo(server, email, /Thank you for your order/);
    expect(confirmation.subject).toContain(number);
    expect(confirmation.text).toContain('your payment with PayPal');
    expect(confirmation.text).toContain(`PayPal (transaction ID ${captureId})`);

    // Cancelling: the page warns that the PayPal payment is refunded, then refunds it.
    expect(await mainText(page)).toContain(
      'Cancel the whole order? Your PayPal payment is refunded.',
    );
    await submit(page, page.getByRole('button', { name: 'Cancel this order' }));
    await seeHeading(page, `Order ${number}`);
    expect(await visibleText(page.getByRole('status'))).toContain('The order was cancelled.');
    expect(await timelineLabels(page)).toEqual(['Order placed', 'Payment authorised', 'Cancelled']);
    expect(await mainText(page)).toContain('Refunded to your PayPal account.');
    expect(await page.getByRole('button', { name: 'Cancel this order' }).count()).toBe(0);
    await screenshot(page, 'paypal-04-cancelled');

    const cancelled = await findOrder(server.deps.db, number);
    expect(cancelled).toMatchObject({ state: 'cancelled', paymentState: 'refunded' });
    expect(await stockOf(server.deps.db, keychain.slug)).toBe(stockBefore);
    const refunds = await server.deps.db
      .select()
      .from(sandboxPaypalRefunds)
      .where(eq(sandboxPaypalRefunds.captureId, captureId));
    expect(refunds.map((r) => r.amountJpy)).toEqual([order.totalJpy]);

    const notice = await newestMailTo(server, email, /has been cancelled/);
    expect(notice.subject).toContain(number);
    expect(notice.text).toContain('refunded to your PayPal account');
    expect(notice.text).toContain(captureId);

    expect(serverErrors).toEqual([]);
    await context.close();
  });

  it('brings a shopper who cancels at PayPal back to checkout with the cart and form intact', async () => {
    const { page, context, serverErrors } = await newShopper(browser, server.url);
    const email = 'paypal.cancel@example.com';
    await addToCart(page, keychain.slug, keychain.title);
    await page.goto('/checkout');
    await fillAddress(page, tokyoAddress, email);
    await page.getByRole('radio', { name: 'PayPal' }).check();
    await submit(page, page.getByRole('button', { name: 'Place order' }));

    await seeHeading(page, 'Pay Tenpo with PayPal');
    await submit(page, page.getByRole('button', { name: 'Cancel and return to Tenpo' }));

    await seeHeading(page, 'Checkout');
    expect(new URL(page.url()).pathname).toMatch(/^\/checkout\/paypal\/cancel\//);
    expect(await visibleText(page.getByRole('alert'))).toContain(
      'You cancelled the payment on PayPal. Nothing was charged, and your cart is as you left it.',
    );
    expect(await page.getByRole('textbox', { name: /Contact email/ }).inputValue()).toBe(email);
    expect(await page.getByLabel('Full name').inputValue()).toBe(tokyoAddress.name);
    expect(await page.getByLabel('Postal code').inputValue()).toBe(tokyoAddress.postalCode);
    expect(await page.getByRole('radio', { name: 'PayPal' }).isChecked()).toBe(true);
    expect(await mainText(page)).toContain(`${keychain.title} × 1`);
    await screenshot(page, 'paypal-05-cancelled-at-paypal');

    const placed = await server.deps.db.select().from(orders).where(eq(orders.contactEmail, email));
    expect(placed).toEqual([]);
    await page.goto('/cart');
    expect(await mainText(page)).toContain(keychain.title);

    // Choosing PayPal again from the same form goes back to PayPal and places the order.
    await page.goto('/checkout');
    await fillAddress(page, tokyoAddress, email);
    await page.getByRole('radio', { name: 'PayPal' }).check();
    await submit(page, page.getByRole('button', { name: 'Place order' }));
    await submit(page, page.getByRole('button', { name: 'Approve the payment' }));
    const number = await orderNumberOnThanksPage(page);
    expect((await findOrder(server.deps.db, number)).paymentProvider).toBe('paypal');

    expect(serverErrors).toEqual([]);
    await context.close();
  });
});
