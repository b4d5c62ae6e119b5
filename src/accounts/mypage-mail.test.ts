import { expect, it } from 'vitest';
import { deliverDueMail } from '../mail/deliver-mail.ts';
import { recordDeliveryReport } from '../mail/record-delivery-report.ts';
import { findSuppression } from '../mail/suppressions.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { testClock } from '../testing/factories.ts';
import { visible } from '../testing/html.ts';
import { signedInMemberWithSentOrder } from '../testing/member-mail.ts';
import { useTestWorld } from '../testing/world.ts';
import { formatDate } from '../web/i18n.ts';

describeEachDatabase('MyPage mail notice', (kind) => {
  const clock = testClock();
  const { database, deps, app, mailer } = useTestWorld(kind, { clock, mailer: true });

  const memberWithSentConfirmation = () =>
    signedInMemberWithSentOrder({ database, deps, app, mailer });

  const bounce = (messageId: string, status: string, bounceClass: 'hard' | 'soft', text: string) =>
    recordDeliveryReport(
      { db: database.db, softBounceLimit: 3, now: clock.now() },
      { kind: 'bounce', messageId, status, bounceClass, diagnostic: text, source: 'test' },
    );

  it('shows recent mail and no notice while mail to the member arrives', async () => {
    const { browser } = await memberWithSentConfirmation();
    const page = await browser.get('/mypage');
    expect(page.status).toBe(200);
    const text = visible(page.html);
    expect(text).not.toContain('is not reaching');
    expect(text).toContain('Recent mail to you');
    expect(text).toContain('Order confirmation');
    expect(text).toContain("Accepted by your provider's server at 12:00 (26 Nov)");
    // The settings links always include the email change; the warning notice must not be there.
    expect(page.html).not.toContain('notice-error');
  });

  it('warns at the top of MyPage after a hard bounce: since when, why, and where to change it', async () => {
    const { member, confirmation, browser } = await memberWithSentConfirmation();
    await bounce(confirmation.id, '5.1.1', 'hard', '550 5.1.1 <x>: Recipient address rejected');
    const page = await browser.get('/mypage');
    const text = visible(page.html);
    expect(text).toContain(`Our mail is not reaching ${member.email}`);
    // The suppression list stamps its own time (the database's), so read it back.
    const since = (await findSuppression(database.db, member.email))!.createdAt;
    expect(text).toContain(
      `Since ${formatDate(since, 'en', true)} we no longer send mail to this address: your provider refused our mail because the address does not exist.`,
    );
    expect(page.html).toContain('href="/mypage/email"');
    expect(page.html).toContain('href="/inquiry"');
    // The notice comes before everything else on the page.
    expect(text.indexOf('is not reaching')).toBeLessThan(text.indexOf('Order history'));
    expect(text).toContain('Your provider refused it: the address does not exist');

    await browser.get('/lang/ja?back=/mypage');
    const ja = visible((await browser.get('/mypage')).html);
    expect(ja).toContain(`${member.email} にメールが届いていません`);
    expect(ja).toContain('このアドレスは存在しません');
    expect(ja).toContain('メールアドレスを変更する');
  });

  it('warns while the latest mail bounces softly, and stops once a mail gets through', async () => {
    const { member, order, confirmation, browser } = await memberWithSentConfirmation();
    await bounce(confirmation.id, '5.2.2', 'soft', '552 5.2.2 Mailbox full');
    const warned = visible((await browser.get('/mypage')).html);
    expect(warned).toContain(`Our mail is not reaching ${member.email}`);
    expect(warned).toContain(
      'mail to this address is not getting through. Latest: Your provider refused it: the mailbox is full.',
    );
    // The member resends the confirmation from the order page and this time it arrives.
    const orderPage = await browser.get(`/mypage/orders/${order.number}`);
    const resend = orderPage.html.match(/action="([^"]*\/resend)[^"]*"/)![1]!;
    expect((await browser.post(resend, {})).status).toBe(303);
    await deliverDueMail(mailer.deps);
    const fine = visible((await browser.get('/mypage')).html);
    expect(fine).not.toContain('is not reaching');
  });
});
