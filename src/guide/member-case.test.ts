import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { recordDeliveryReport } from '../mail/record-delivery-report.ts';
import { orders } from '../orders/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { testClock } from '../testing/factories.ts';
import { visible } from '../testing/html.ts';
import { formClient } from '../testing/http-client.ts';
import { signedInMemberWithSentOrder } from '../testing/member-mail.ts';
import { useTestWorld } from '../testing/world.ts';

const FLAGSHIP = '/guide/if-you-do-not-receive-an-email';

describeEachDatabase('Your case on "If you do not receive an email"', (kind) => {
  const clock = testClock();
  const { database, deps, app, mailer } = useTestWorld(kind, { clock, mailer: true });

  const signedInMemberWithOrder = () =>
    signedInMemberWithSentOrder({ database, deps, app, mailer });

  it('shows a guest the advice and no case panel', async () => {
    const page = await formClient(app).get(FLAGSHIP);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('data-member-case');
    expect(visible(page.html)).toContain('shop@tenpo.example');
  });

  it('shows a member their address, that it is fine, their mails with states and a resend button', async () => {
    const { member, order, confirmation, browser } = await signedInMemberWithOrder();
    const page = await browser.get(FLAGSHIP);
    const text = visible(page.html);
    expect(page.html).toContain('data-member-case');
    expect(text).toContain(`Your account’s email address: ${member.email}`);
    expect(page.html).toContain('data-case-ok');
    expect(text).toContain('Order confirmation');
    expect(text).toContain("Accepted by your provider's server");
    expect(page.html).toContain(
      `action="/mypage/orders/${order.number}/mail/${confirmation.id}/resend"`,
    );
    expect(text).toContain(`Order ${order.number}: mails go to ${member.email}`);
  });

  it('tells a member whose mail bounced why, offers the address change and hides resending', async () => {
    const { member, order, confirmation, browser } = await signedInMemberWithOrder();
    await recordDeliveryReport(
      { db: database.db, softBounceLimit: 3, now: clock.now() },
      {
        kind: 'bounce',
        messageId: confirmation.id,
        status: '5.1.1',
        bounceClass: 'hard',
        diagnostic: '550 5.1.1 <x>: Recipient address rejected',
        source: 'test',
      },
    );
    const page = await browser.get(FLAGSHIP);
    const text = visible(page.html);
    expect(text).toContain(`Our mail is not reaching ${member.email}`);
    expect(text).toContain('the address does not exist');
    expect(page.html).toContain('href="/mypage/email"');
    expect(page.html).not.toContain('/resend"');
    expect(page.html).toContain(`href="/mypage/orders/${order.number}#order-mail"`);
    expect(page.html).not.toContain('data-case-ok');
  });

  it('points out an order whose mails still go to an older address', async () => {
    const { member, order, browser } = await signedInMemberWithOrder();
    await database.db
      .update(orders)
      .set({ contactEmail: 'old.address@example.com' })
      .where(eq(orders.id, order.id));
    const text = visible((await browser.get(FLAGSHIP)).html);
    expect(text).toContain(`Order ${order.number}: mails go to old.address@example.com`);
    expect(text).toContain('This is not your current account address');
    expect(text).toContain(`Your account’s email address: ${member.email}`);
  });
});
