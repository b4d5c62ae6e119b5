import { and, eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { recordDeliveryReport } from '../../src/mail/record-delivery-report.ts';
import { caughtMails, outboxMessages } from '../../src/mail/tables.ts';
import { orders } from '../../src/orders/tables.ts';
import { newShopper, screenshot } from './browser.ts';
import {
  addToCart,
  fillAddress,
  fillCard,
  mainText,
  orderNumberOnThanksPage,
  seeHeading,
  submit,
  tokyoAddress,
} from './shop.ts';
import { useJourneyWorld } from './world.ts';

const mug = { slug: 'mahoroba-cafe-mug', title: 'Mahoroba Café Casebook Mug' };

describe('"I never got the email": a guest sees the bounce and moves the order’s mail', () => {
  const { server, browser } = useJourneyWorld();

  /** The newest mail the catcher received for `address`, parsed. */
  async function lastMailTo(address: string) {
    await server.drainMail();
    const rows = await server.database.db.select().from(caughtMails);
    const mine = rows.filter((r) => r.envelopeTo.includes(address));
    if (mine.length === 0) throw new Error(`no mail for ${address}`);
    return simpleParser(mine.at(-1)!.raw);
  }

  it('shows what happened to the confirmation and lets the guest fix the address with a code', async () => {
    const { page, context, serverErrors } = await newShopper(browser, server.url);
    await addToCart(page, mug.slug, mug.title);
    await submit(page, page.getByRole('link', { name: 'Proceed to checkout' }));
    await fillAddress(page, tokyoAddress, 'hanako@exampel.com');
    await fillCard(page, '4242 4242 4242 4242');
    await submit(page, page.getByRole('button', { name: 'Place order' }));
    const number = await orderNumberOnThanksPage(page);

    // The confirmation goes out over SMTP and the receiving server takes it.
    const confirmation = await lastMailTo('hanako@exampel.com');
    expect(confirmation.subject).toContain(number);
    await submit(page, page.getByRole('link', { name: 'View this order' }));
    await seeHeading(page, `Order ${number}`);
    expect(await mainText(page)).toContain("Accepted by your provider's server");

    // Later the provider bounces it: the address does not exist (what the bounce receiver records).
    const [order] = await server.database.db.select().from(orders).where(eq(orders.number, number));
    const [message] = await server.database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.orderId, order!.id), eq(outboxMessages.topic, 'order_placed')));
    await recordDeliveryReport(
      { db: server.database.db, softBounceLimit: 3, now: new Date() },
      {
        kind: 'bounce',
        messageId: message!.id,
        status: '5.1.1',
        bounceClass: 'hard',
        diagnostic: '550 5.1.1 <hanako@exampel.com>: Recipient address rejected: User unknown',
        source: 'inbound-smtp',
      },
    );
    await page.reload();
    expect(await mainText(page)).toContain('Your provider refused it: the address does not exist');
    await screenshot(page, 'missing-mail-01-bounced');

    // The guest sends this order's mail to the right address, proven by a code sent there.
    await page.getByLabel('New email address').fill('hanako@example.com');
    await submit(page, page.getByRole('button', { name: 'Send a code' }));
    await seeHeading(page, 'Enter the code');
    const codeMail = await lastMailTo('hanako@example.com');
    // The code stands on its own line (the order number also contains six digits).
    const code = codeMail.text?.match(/^\s+(\d{6})\s*$/m)?.[1];
    expect(code).toBeTruthy();
    await screenshot(page, 'missing-mail-02-code');
    await page.getByLabel('Code', { exact: false }).first().fill(code!);
    await submit(page, page.getByRole('button', { name: 'Confirm' }));
    expect(await mainText(page)).toContain(
      'From now on, mail about this order goes to hanako@example.com',
    );

    // The confirmation arrives at the new address, and the order keeps the change on record.
    const again = await lastMailTo('hanako@example.com');
    expect(again.subject).toContain(number);
    const [updated] = await server.database.db
      .select()
      .from(orders)
      .where(eq(orders.number, number));
    expect(updated!.contactEmail).toBe('hanako@example.com');
    await page.reload();
    expect(await mainText(page)).toContain('hanako@example.com');
    await screenshot(page, 'missing-mail-03-moved');
    expect(serverErrors).toEqual([]);
    await context.close();
  });
});
