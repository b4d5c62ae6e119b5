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
  submit,
  timelineStep,
  visibleText,
} from './shop.ts';
import { useJourneyWorld } from './world.ts';

const album = {
  slug: 'kitsunebi-signal-foxfire-frequency-cd',
  title: 'Kitsunebi Signal 2nd Album "Foxfire Frequency"',
};
const trackingNumber = '1234567890';

describe('a member buys, staff ship, the member tracks the package', () => {
  const { server, browser } = useJourneyWorld();

  it('shows the shipment with its tracking link on MyPage once staff ship the order', async () => {
    const member = newMemberValues('fox_fan');
    const customer = await newShopper(browser, server.url);
    const { page } = customer;

    await registerMember(page, member, server.deps.db);
    expect(await mainText(page)).toContain(`Hello, ${member.name}`);
    expect(await mainText(page)).toContain('You have not ordered anything yet.');
    await screenshot(page, 'member-01-mypage-new');

    await addToCart(page, album.slug, album.title);
    await page.goto('/checkout');
    // Members are not asked for an email: order mail goes to the account's address.
    expect(await page.getByRole('textbox', { name: /Contact email/ }).count()).toBe(0);
    expect(await mainText(page)).toContain(
      `We will send mail about this order to ${member.email}.`,
    );
    const number = await checkoutAsMember(page, '4242 4242 4242 4242');
    await screenshot(page, 'member-02-thanks');

    // The thank-you page leads members to the order on MyPage, not to a guest link.
    expect(await page.locator('main code').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'View this order' }).getAttribute('href')).toBe(
      `/mypage/orders/${number}`,
    );

    const row = await orderHistoryRow(page, number);
    expect(row).toContain('Payment authorised');
    expect(row).toContain('¥');
    await screenshot(page, 'member-03-order-history');
    await submit(page, page.getByRole('link', { name: number }));
    await seeHeading(page, `Order ${number}`);
    expect((await timelineStep(page, 'Order placed')).reached).toBe(true);
    expect((await timelineStep(page, 'Payment authorised')).reached).toBe(true);
    expect((await timelineStep(page, 'Shipped')).reached).toBe(false);
    expect(await mainText(page)).toContain(`${album.title} × 1`);
    expect(await mainText(page)).toContain('Visa •••• 4242');
    await screenshot(page, 'member-04-order-detail');

    // Staff, on a desktop, in their own browser session.
    const staff = await newShopper(browser, server.url, { viewport: { width: 1280, height: 900 } });
    const admin = staff.page;
    await admin.goto('/admin/orders');
    await seeHeading(admin, 'Staff sign-in');
    await admin.getByLabel('Email').fill(server.staff.email);
    await admin.getByLabel('Password').fill(server.staff.password);
    await submit(admin, admin.getByRole('button', { name: 'Sign in' }));
    await seeHeading(admin, 'Orders');
    const listRow = admin.getByRole('row').filter({ hasText: number });
    expect(await visibleText(listRow)).toContain(member.email);
    expect(await visibleText(listRow)).toContain('Payment authorised');
    await screenshot(admin, 'member-05-admin-orders');

    await submit(admin, listRow.getByRole('link', { name: number }));
    await seeHeading(admin, new RegExp(`^Order ${number}`));
    await submit(admin, admin.getByRole('button', { name: 'Start preparing' }));
    expect(await visibleText(admin.getByRole('status'))).toContain(
      'The order is now being prepared.',
    );

    await page.reload();
    expect((await timelineStep(page, 'Preparing for shipment')).reached).toBe(true);
    // Once staff are preparing it, the member can no longer cancel.
    expect(await page.getByRole('button', { name: 'Cancel this order' }).count()).toBe(0);

    await admin.getByLabel('Carrier').selectOption({ label: 'DHL Express' });
    await admin.getByLabel('Tracking number').fill(trackingNumber);
    await submit(admin, admin.getByRole('button', { name: /^Ship/ }));
    expect(await visibleText(admin.getByRole('status'))).toContain('The order is shipped');
    expect(await visibleText(admin.getByRole('heading', { level: 1 }))).toContain('Shipped');
    await screenshot(admin, 'member-06-admin-shipped');

    const order = await findOrder(server.deps.db, number);
    expect(order).toMatchObject({
      state: 'shipped',
      carrier: 'dhl_express',
      trackingNumber,
      paymentState: 'captured',
    });

    await page.reload();
    await seeHeading(page, `Order ${number}`);
    const shipped = await timelineStep(page, 'Shipped');
    expect(shipped.reached).toBe(true);
    expect(shipped.text).toContain(`DHL Express tracking number ${trackingNumber}`);
    const track = page.getByRole('link', { name: 'Track the package' });
    expect(await track.getAttribute('href')).toBe(
      `https://www.dhl.com/global-en/home/tracking.html?tracking-id=${trackingNumber}`,
    );
    expect((await timelineStep(page, 'Delivered')).reached).toBe(false);
    await screenshot(page, 'member-07-order-shipped');
    expect(await orderHistoryRow(page, number)).toContain('Shipped');

    expect([...customer.serverErrors, ...staff.serverErrors]).toEqual([]);
    await staff.context.close();
    await customer.context.close();
  });
});
