import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { recordDeliveryReport } from '../../src/mail/record-delivery-report.ts';
import { outboxMessages } from '../../src/mail/tables.ts';
import { inquiries, inquiryMessages } from '../../src/support/tables.ts';
import { newShopper, screenshot } from './browser.ts';
import {
  addToCart,
  checkoutAsMember,
  codeIn,
  fillAddress,
  fillCard,
  findOrder,
  mailsTo,
  mainText,
  newestMailTo,
  newMemberValues,
  orderNumberOnThanksPage,
  registerMember,
  seeHeading,
  sidewaysOverflow,
  submit,
  tokyoAddress,
  visibleText,
} from './shop.ts';
import { useJourneyWorld } from './world.ts';

const mug = { slug: 'mahoroba-cafe-mug', title: 'Mahoroba Café Casebook Mug' };
const FLAGSHIP = 'If you do not receive an email';

const { server, browser } = useJourneyWorld();

/** Bounces the newest order confirmation of an order, as the bounce receiver would record it. */
async function bounceConfirmation(orderNumber: string, address: string) {
  await server.drainMail();
  const order = await findOrder(server.database.db, orderNumber);
  const [message] = await server.database.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.orderId, order.id), eq(outboxMessages.topic, 'order_placed')));
  await recordDeliveryReport(
    { db: server.database.db, softBounceLimit: 3, now: new Date() },
    {
      kind: 'bounce',
      messageId: message!.id,
      status: '5.1.1',
      bounceClass: 'hard',
      diagnostic: `550 5.1.1 <${address}>: Recipient address rejected: User unknown`,
      source: 'inbound-smtp',
    },
  );
}

async function staffSignIn(page: Page) {
  await page.goto('/admin/sign-in');
  await page.getByLabel('Email').fill(server.staff.email);
  await page.getByLabel('Password').fill(server.staff.password);
  await submit(page, page.getByRole('button', { name: 'Sign in' }));
}

describe('a guest who never got the confirmation asks for it at a new address', () => {
  it('reads the guide, answers No, sends the inquiry; staff apply the new address in one click', async () => {
    const oldAddress = 'aiko.tanaka@example.com';
    const newAddress = 'aiko.t@example.net';
    const guest = await newShopper(browser, server.url);
    const { page } = guest;

    // The guest orders with an address whose mailbox turns out to be dead.
    await addToCart(page, mug.slug, mug.title);
    await submit(page, page.getByRole('link', { name: 'Proceed to checkout' }));
    await fillAddress(page, tokyoAddress, oldAddress);
    await fillCard(page, '4242 4242 4242 4242');
    await submit(page, page.getByRole('button', { name: 'Place order' }));
    const number = await orderNumberOnThanksPage(page);
    await bounceConfirmation(number, oldAddress);

    // The footer leads to the guide; the flagship article gives the advice with the real sender.
    await page.goto('/');
    await submit(page, page.getByRole('contentinfo').getByRole('link', { name: 'Help guide' }));
    await seeHeading(page, 'Help guide');
    await screenshot(page, 'guide-01-top');
    await submit(page, page.getByRole('link', { name: FLAGSHIP }));
    await seeHeading(page, FLAGSHIP);
    const article = await mainText(page);
    expect(article).toContain('shop@tenpo.example');
    expect(article).toContain('Was your problem solved?');
    expect(await page.locator('[data-member-case]').count()).toBe(0);
    expect.soft(await sidewaysOverflow(page)).toBe(0);
    await screenshot(page, 'guide-02-flagship-guest');

    // "No" opens the inquiry form about this topic.
    await submit(page, page.getByRole('button', { name: 'No', exact: true }));
    await seeHeading(page, 'Inquiry');
    expect(new URL(page.url()).searchParams.get('topic')).toBe('if-you-do-not-receive-an-email');
    expect(await page.getByLabel('What is it about?').inputValue()).toBe('missing_email');
    expect(await mainText(page)).toContain(`About: ${FLAGSHIP}`);

    // A foreign order number is refused with a clear message, and what was typed stays.
    await page.getByLabel('What is it about?').selectOption('contact_email');
    await page.getByLabel('Your name').fill('Aiko Tanaka');
    await page.getByLabel('Your email address').fill('someone.else@example.com');
    await page.getByLabel('Order number').fill(number);
    await page.getByLabel('New email address for the order').fill(newAddress);
    await page
      .getByLabel('Your message')
      .fill(
        'I never received the confirmation. <script>alert(1)</script> Please use my new address.',
      );
    await submit(page, page.getByRole('button', { name: 'Send inquiry' }));
    expect(await mainText(page)).toContain('We could not find an order with this number');
    expect(await page.getByLabel('Your message').inputValue()).toContain(
      '<script>alert(1)</script>',
    );
    await screenshot(page, 'inquiry-01-foreign-order');

    // With the address the order was placed with, it goes through and shows the inquiry number.
    await page.getByLabel('Your email address').fill(oldAddress);
    await submit(page, page.getByRole('button', { name: 'Send inquiry' }));
    await seeHeading(page, 'Thank you for your inquiry');
    const inquiryNumber = (await mainText(page)).match(/Q-\d{6}-\d{4,}/)?.[0];
    expect(inquiryNumber).toBeTruthy();
    await screenshot(page, 'inquiry-02-thanks');
    // A request for a new contact address is answered at the new address; the receipt quotes none
    // of the message. The order's own address would be told, but it bounced, so it is not.
    const receipt = await newestMailTo(server, newAddress, /^\[Q-\d{6}-\d{4,}\] Your inquiry$/);
    expect(receipt.subject).toBe(`[${inquiryNumber}] Your inquiry`);
    expect(receipt.text).not.toContain('never received the confirmation');

    // Staff open it from the inbox: the order and the customer's mail log are beside it.
    const staff = await newShopper(browser, server.url, { viewport: { width: 1280, height: 900 } });
    await staffSignIn(staff.page);
    await staff.page.goto('/admin/inquiries');
    await seeHeading(staff.page, 'Inquiries');
    await submit(staff.page, staff.page.getByRole('link', { name: inquiryNumber! }));
    const detail = await mainText(staff.page);
    expect(detail).toContain(number);
    expect(detail).toContain(newAddress);
    expect(detail).toContain('<script>alert(1)</script>');
    expect(detail).toMatch(/bounced/i);
    // Ownership was shown only by typing the order's address: staff see that it is weak.
    expect(detail).toContain("Guest who typed the order's contact email");
    await screenshot(staff.page, 'inquiry-03-staff-detail');

    // One click: the order's contact email changes and the confirmation goes to the new address.
    await submit(staff.page, staff.page.getByRole('button', { name: 'Apply new contact email' }));
    expect((await findOrder(server.database.db, number)).contactEmail).toBe(newAddress);
    const confirmation = await newestMailTo(server, newAddress, new RegExp(number));
    expect(confirmation.subject).toContain(number);
    const told = await newestMailTo(server, newAddress, new RegExp(inquiryNumber!));
    expect(told.text).toContain(newAddress);
    await screenshot(staff.page, 'inquiry-04-applied');

    // A written reply reaches the customer in their language, threaded by the inquiry number.
    await staff.page
      .getByLabel(/Your answer/)
      .fill('We have moved the order to your new address and sent the confirmation again.');
    await submit(staff.page, staff.page.getByRole('button', { name: 'Send reply' }));
    const replies = (await mailsTo(server, newAddress)).filter((m) =>
      m.subject?.startsWith(`Re: [${inquiryNumber}]`),
    );
    // The notice sent by "apply", then the written answer.
    expect(replies).toHaveLength(2);
    expect(replies[1]!.text).toContain('sent the confirmation again');
    // Only the bounced confirmation: no notice goes to an address the shop no longer mails.
    expect(await mailsTo(server, oldAddress)).toHaveLength(1);
    const notices = await server.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.topic, 'inquiry_contact_notice'));
    expect(notices.filter((n) => n.recipient === oldAddress)).toEqual([]);

    const [row] = await server.database.db
      .select()
      .from(inquiries)
      .where(eq(inquiries.number, inquiryNumber!));
    expect(row!.state).toBe('waiting');
    expect(row!.appliedAt).not.toBeNull();
    const thread = await server.database.db
      .select()
      .from(inquiryMessages)
      .where(eq(inquiryMessages.inquiryId, row!.id));
    expect(thread.map((m) => m.kind)).toEqual(
      expect.arrayContaining(['customer', 'staff', 'event']),
    );

    expect(guest.serverErrors).toEqual([]);
    expect(staff.serverErrors).toEqual([]);
    await guest.context.close();
    await staff.context.close();
  });
});

describe('a member whose mail bounces fixes it from the guide', () => {
  it('sees their own case on the flagship article, changes address and moves the order’s mails', async () => {
    const member = newMemberValues('case');
    const newAddress = `${member.memberCode.replace(/_/g, '.')}@example.org`;
    const shopper = await newShopper(browser, server.url);
    const { page } = shopper;
    await registerMember(page, member, server.database.db);
    await addToCart(page, mug.slug, mug.title);
    const number = await checkoutAsMember(page);
    await bounceConfirmation(number, member.email);

    await page.goto('/guide/if-you-do-not-receive-an-email');
    const panel = page.locator('[data-member-case]');
    const before = await visibleText(panel);
    expect(before).toContain(`Our mail is not reaching ${member.email}`);
    expect(before).toContain('the address does not exist');
    expect(before).toContain(`Order ${number}: mails go to ${member.email}`);
    expect.soft(await sidewaysOverflow(page)).toBe(0);
    await screenshot(page, 'guide-03-member-case-bounced');

    // Fix the account address right from the panel (a code proves the new address).
    await submit(page, panel.getByRole('link', { name: 'Change your email address' }).first());
    await seeHeading(page, 'Change your email address');
    await page.getByLabel('New email address').fill(newAddress);
    await page.getByLabel('Password').fill(member.password);
    await submit(page, page.getByRole('button', { name: 'Send a code' }));
    const codeMail = await newestMailTo(server, newAddress, /Confirm your new email address/);
    await page.getByLabel('6-digit code').fill(codeIn(codeMail));
    await submit(page, page.getByRole('button', { name: 'Change my email address' }));

    // Back on the article: the account is fine now, but the order still mails the old address.
    await page.goto('/guide/if-you-do-not-receive-an-email');
    const after = await visibleText(panel);
    expect(after).toContain(`Your account’s email address: ${newAddress}`);
    expect(after).not.toContain('Our mail is not reaching');
    expect(after).toContain(`Order ${number}: mails go to ${member.email}`);
    expect(after).toContain('This is not your current account address');
    // Resending to the order's dead address cannot help, so only moving its mails is offered.
    expect(await panel.getByRole('button', { name: 'Resend' }).count()).toBe(0);
    await screenshot(page, 'guide-04-member-case-order-left');

    // Move the order's mails too, from the link beside it.
    await submit(
      page,
      panel.getByRole('link', { name: 'Send this order’s mails to another address' }),
    );
    await page.getByLabel('New email address').fill(newAddress);
    await submit(page, page.getByRole('button', { name: 'Send a code' }));
    const orderCode = await newestMailTo(server, newAddress, /code/i);
    await page.getByLabel('Code', { exact: false }).first().fill(codeIn(orderCode));
    await submit(page, page.getByRole('button', { name: 'Confirm' }));
    expect(await mainText(page)).toContain(
      `From now on, mail about this order goes to ${newAddress}`,
    );
    const again = await newestMailTo(server, newAddress, new RegExp(number));
    expect(again.subject).toContain(number);

    await page.goto('/guide/if-you-do-not-receive-an-email');
    expect(await visibleText(panel)).toContain(`Order ${number}: mails go to ${newAddress}`);
    await screenshot(page, 'guide-05-member-case-fixed');
    expect(shopper.serverErrors).toEqual([]);
    await shopper.context.close();
  });
});

describe('the guide and the inquiry form in Japanese', () => {
  it('searches the guide and shows the form in Japanese', async () => {
    const shopper = await newShopper(browser, server.url, { locale: 'ja-JP' });
    const { page } = shopper;
    await page.goto('/guide');
    await seeHeading(page, 'ご利用ガイド');
    await page.getByRole('main').getByRole('searchbox').fill('メール届かない');
    await submit(page, page.getByRole('main').getByRole('button', { name: '検索' }));
    expect(await mainText(page)).toContain('メールが届かない場合');
    await screenshot(page, 'guide-06-search-ja');
    await page.goto('/inquiry');
    await seeHeading(page, 'お問い合わせ');
    expect(await mainText(page)).toContain('お問い合わせの種類');
    await screenshot(page, 'inquiry-05-form-ja');
    expect(shopper.serverErrors).toEqual([]);
    await shopper.context.close();
  });
});
