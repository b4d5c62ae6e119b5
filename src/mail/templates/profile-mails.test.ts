import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { expect, it } from 'vitest';
import { cancelMembership } from '../../accounts/cancel-membership.ts';
import { changePassword } from '../../accounts/change-password.ts';
import { updateProfile } from '../../accounts/update-profile.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { makeMember, testClock } from '../../testing/factories.ts';
import { caughtMailOf } from '../../testing/sample-mails.ts';
import { useTestWorld } from '../../testing/world.ts';
import { deliverDueMail } from '../deliver-mail.ts';
import { outboxMessages } from '../tables.ts';

const PASSWORD = 'correct horse battery';

describeEachDatabase('password and membership notices', (kind) => {
  const clock = testClock();
  const { database, deps, mailer } = useTestWorld(kind, {
    clock,
    mailer: { env: { MAIL_LINKS: 'none' } },
  });

  /** Delivers everything due and returns the parsed mail of `topic` sent to `recipient`. */
  async function delivered(recipient: string, topic: string) {
    await deliverDueMail(mailer.deps);
    const rows = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, recipient));
    const row = rows.find((r) => r.topic === topic)!;
    expect(row.state).toBe('sent');
    return simpleParser((await caughtMailOf(database.db, row.id)).raw);
  }

  it.each([
    ['en', 'Your Tenpo password was changed', 'Changed at: 26 Nov 2026, 12:00 (JST)'],
    ['ja', '【Tenpo】パスワード変更のお知らせ', '変更日時: 2026/11/26 12:00 (JST)'],
  ] as const)(
    'tells the member (%s) their password changed, without a link',
    async (locale, subject, when) => {
      const member = await makeMember(database.db, { password: PASSWORD });
      await updateProfile(deps, { memberId: member.id, fields: { name: 'Aoi', locale } });
      const result = await changePassword(deps, {
        memberId: member.id,
        currentPassword: PASSWORD,
        newPassword: 'another long passphrase',
        keepSession: null,
      });
      expect(result.ok).toBe(true);
      const mail = await delivered(member.email, 'password_changed');
      expect(mail.subject).toBe(subject);
      expect(mail.text).toContain(member.memberCode);
      expect(mail.text).toContain(when);
      expect(mail.text).not.toMatch(/https?:/);
      expect(mail.html || '').not.toMatch(/<a\s/);
    },
  );

  it.each([
    ['en', 'Your Tenpo membership has been cancelled', 'Dear Aoi Sato,', 'register again'],
    ['ja', '【Tenpo】退会手続き完了のお知らせ', 'Aoi Sato 様', '再度ご登録'],
  ] as const)(
    'sends the final notice (%s) to the old address with the old member ID',
    async (locale, subject, greeting, again) => {
      const member = await makeMember(database.db, { password: PASSWORD });
      await updateProfile(deps, { memberId: member.id, fields: { name: 'Aoi Sato', locale } });
      const result = await cancelMembership(deps, { memberId: member.id, password: PASSWORD });
      expect(result).toEqual({ ok: true, memberCode: member.memberCode });
      const mail = await delivered(member.email, 'membership_cancelled');
      expect(mail.subject).toBe(subject);
      const to = Array.isArray(mail.to) ? mail.to : [mail.to];
      expect(to.flatMap((a) => a?.value ?? []).map((a) => a.address)).toEqual([member.email]);
      expect(mail.text).toContain(greeting);
      expect(mail.text).toContain(member.memberCode);
      expect(mail.text).toContain(again);
      expect(mail.text).not.toMatch(/https?:/);
    },
  );
});
