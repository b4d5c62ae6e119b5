import { describe, expect, it } from 'vitest';
import { newShopper, screenshot } from './browser.ts';
import {
  addToCart,
  fillAddress,
  fillCard,
  findOrder,
  linkIn,
  mainText,
  newestMailTo,
  orderNumberOnThanksPage,
  seeHeading,
  submit,
  tokyoAddress,
  visibleText,
} from './shop.ts';
import { useJourneyWorld } from './world.ts';

const mug = { slug: 'mahoroba-cafe-mug', title: 'Mahoroba Café Casebook Mug' };

describe('a guest changes the delivery address of an order', () => {
  const { server, browser } = useJourneyWorld();

  it('moves the parcel to Osaka on the order page, and the mail says where it goes now', async () => {
    const { page, context, serverErrors } = await newShopper(browser, server.url);
    const email = `mover.${Math.random().toString(36).slice(2, 8)}@example.com`;
    await addToCart(page, mug.slug, mug.title);
    await submit(page, page.getByRole('link', { name: 'Proceed to checkout' }));
    await fillAddress(page, tokyoAddress, email);
    await fillCard(page, '4242 4242 4242 4242');
    await submit(page, page.getByRole('button', { name: 'Place order' }));
    const number = await orderNumberOnThanksPage(page);
    await submit(page, page.getByRole('link', { name: 'View this order' }));
    await seeHeading(page, `Order ${number}`);

    // The form starts from the address the order ships to now.
    const section = page.locator('#order-address');
    await section.getByRole('heading', { name: 'Change the delivery address' }).waitFor();
    expect(await section.getByLabel('Address line 1').inputValue()).toBe(tokyoAddress.line1);
    await screenshot(page, 'order-address-01-form');

    // A postal code that does not fit Japan: the form says so and keeps what was typed.
    await section.getByLabel('Postal code').fill('53-00');
    await section.getByLabel('State / prefecture').fill('Osaka');
    await section.getByLabel('City').fill('Osaka-shi Kita-ku');
    await section.getByLabel('Address line 1').fill('4-5-6 Umeda');
    const refused = await submit(
      page,
      section.getByRole('button', { name: 'Change the delivery address' }),
    );
    expect(refused.status()).toBe(400);
    expect(await section.getByLabel('Address line 1').inputValue()).toBe('4-5-6 Umeda');
    expect(await section.getByLabel('Postal code').getAttribute('aria-invalid')).toBe('true');

    await section.getByLabel('Postal code').fill('５３０－０００１');
    await submit(page, section.getByRole('button', { name: 'Change the delivery address' }));
    await seeHeading(page, `Order ${number}`);
    expect(await visibleText(section.getByRole('status'))).toBe(
      `The delivery address was changed. We sent a confirmation to ${email}.`,
    );
    const shipTo = await visibleText(page.locator('.ship-to'));
    expect(shipTo).toContain('4-5-6 Umeda');
    expect(shipTo).toContain('Osaka-shi Kita-ku, Osaka, 530-0001');
    expect(await mainText(page)).toContain('Changes to this order');
    expect(await visibleText(page.getByRole('list', { name: 'Changes to this order' }))).toContain(
      'Delivery address changed',
    );
    await screenshot(page, 'order-address-02-changed');

    const order = await findOrder(server.deps.db, number);
    expect([order.shipLine1, order.shipPostalCode, order.state]).toEqual([
      '4-5-6 Umeda',
      '530-0001',
      'payment_authorised',
    ]);

    // The mail the catcher received names both addresses and links back to the order.
    const mail = await newestMailTo(server, email, /delivery address of your order/);
    expect(mail.subject).toBe(`The delivery address of your order ${number} was changed`);
    expect(mail.text).toContain('4-5-6 Umeda');
    expect(mail.text).toContain('530-0001');
    expect(mail.text).toContain(tokyoAddress.line1);
    expect(mail.text).toContain('stay the same');
    await page.goto(linkIn(mail, `${server.url}/orders/${number}`));
    await seeHeading(page, `Order ${number}`);
    expect(await visibleText(page.locator('.ship-to'))).toContain('4-5-6 Umeda');

    expect(serverErrors).toEqual([]);
    await context.close();
  });
});
