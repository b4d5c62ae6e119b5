import { describe, expect, it } from 'vitest';
import { newShopper, screenshot } from './browser.ts';
import {
  addToCart,
  checkoutAsMember,
  findOrder,
  mainText,
  newMemberValues,
  orderHistoryRow,
  registerMember,
  seeHeading,
  stockOf,
  submit,
  timelineLabels,
  timelineStep,
  visibleText,
} from './shop.ts';
import { useJourneyWorld } from './world.ts';

const keychain = {
  slug: 'mahoroba-cafe-acrylic-keychain-mio',
  title: 'Mahoroba Café Casebook Acrylic Keychain: Mio Shirasagi',
};

describe('a member cancels an order from MyPage', () => {
  const { server, browser } = useJourneyWorld();

  it('shows the order as cancelled, puts the stock back and releases the card', async () => {
    const { page, context, serverErrors } = await newShopper(browser, server.url);
    const member = newMemberValues('canceller');
    const stockBefore = await stockOf(server.deps.db, keychain.slug);

    await registerMember(page, member, server.deps.db);
    await addToCart(page, keychain.slug, keychain.title, 2);
    const number = await checkoutAsMember(page);
    expect(await stockOf(server.deps.db, keychain.slug)).toBe(stockBefore - 2);

    expect(await orderHistoryRow(page, number)).toContain('Payment authorised');
    await submit(page, page.getByRole('link', { name: number }));
    await seeHeading(page, `Order ${number}`);
    expect(await mainText(page)).toContain(`${keychain.title} × 2`);
    await screenshot(page, 'cancel-01-order-before');

    await submit(page, page.getByRole('button', { name: 'Cancel this order' }));
    await seeHeading(page, `Order ${number}`);
    expect(await visibleText(page.getByRole('status'))).toContain('The order was cancelled.');
    // Steps never reached are dropped; the timeline ends in Cancelled.
    expect(await timelineLabels(page)).toEqual(['Order placed', 'Payment authorised', 'Cancelled']);
    expect((await timelineStep(page, 'Cancelled')).reached).toBe(true);
    expect(await page.getByRole('button', { name: 'Cancel this order' }).count()).toBe(0);
    await screenshot(page, 'cancel-02-order-cancelled');

    expect(await orderHistoryRow(page, number)).toContain('Cancelled');

    const order = await findOrder(server.deps.db, number);
    expect(order.state).toBe('cancelled');
    expect(await stockOf(server.deps.db, keychain.slug)).toBe(stockBefore);
    expect(order.paymentState).toBe('voided');
    expect((await server.deps.payments.status(order.paymentRef)).status).toBe('voided');

    expect(serverErrors).toEqual([]);
    await context.close();
  });
});
