import { eq, sql } from 'drizzle-orm';
import { authenticate } from 'mailauth';
import { simpleParser } from 'mailparser';
import { beforeEach, expect, it } from 'vitest';
import { members } from '../accounts/tables.ts';
import { claimDueMail, deliverDueMail, deliverMessage } from '../mail/deliver-mail.ts';
import { enqueueMail } from '../mail/enqueue-mail.ts';
import { suppressAddress } from '../mail/suppressions.ts';
import { type OutboxMessage, outboxMessages } from '../mail/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember, testClock } from '../testing/factories.ts';
import { fakeDns } from '../testing/fake-dns.ts';
import { testMailer } from '../testing/mailer.ts';
import { caughtMailOf } from '../testing/sample-mails.ts';
import { useTestWorld } from '../testing/world.ts';
import { saveNewsletter } from './save-newsletter.ts';
import { sendNewsletter } from './send-newsletter.ts';
import { newsletters } from './tables.ts';
import { memberIdFromToken } from './unsubscribe-token.ts';

const SECRET = 'test-secret';

/** A header's value as a receiver reads it: unfolded, first occurrence. */
function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = head
    .split(/\r?\n/)
    .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}
const letter = {
  subjectEn: 'Winter releases are here',
  subjectJa: '冬の新商品のお知らせ',
  bodyEn: 'Three new acrylic stands arrive in December.\n\nPre-orders open today.',
  bodyJa: '12月にアクリルスタンドが3種類登場します。\n\n本日より予約受付開始です。',
};

describeEachDatabase('sending a newsletter', (kind) => {
  const clock = testClock();
  const { database, mailer } = useTestWorld(kind, { clock, mailer: true });
  const deps = () => ({ db: database.db, clock, secret: SECRET, perMinute: 60 });
  // Every test decides on its own who is subscribed.
  beforeEach(async () => {
    await database.db.update(members).set({ newsletterOptIn: false });
  });

  /** A member with the newsletter setting and verification the test needs. */
  async function subscriber(
    fields: Partial<{ newsletterOptIn: boolean; verified: boolean; locale: 'en' | 'ja' }> = {},
  ) {
    const member = await makeMember(database.db);
    const [row] = await database.db
      .update(members)
      .set({
        newsletterOptIn: fields.newsletterOptIn ?? true,
        emailVerifiedAt: (fields.verified ?? true) ? clock.now() : null,
        locale: fields.locale ?? 'en',
      })
      .where(eq(members.id, member.id))
      .returning();
    return row!;
  }

  async function draft() {
    const saved = await saveNewsletter(database.db, letter, {
      actor: 'staff:editor@tenpo.test',
      now: clock.now(),
    });
    if (!saved.ok) throw new Error('draft not saved');
    return saved.id;
  }

  const mailsOf = (newsletterId: string) =>
    database.db
      .select()
      .from(outboxMessages)
      .where(sql`${outboxMessages.payload} ->> 'newsletterId' = ${newsletterId}`)
      .orderBy(outboxMessages.nextAttemptAt);

  it('queues one broadcast mail per verified, subscribed, unsuppressed member, in their language, spread out', async () => {
    const english = await subscriber({ locale: 'en' });
    const japanese = await subscriber({ locale: 'ja' });
    const third = await subscriber({ locale: 'en' });
    const notSubscribed = await subscriber({ newsletterOptIn: false });
    const unverified = await subscriber({ verified: false });
    const cancelled = await subscriber();
    await database.db
      .update(members)
      .set({ cancelledAt: clock.now() })
      .where(eq(members.id, cancelled.id));
    const suppressed = await subscriber();
    await suppressAddress(database.db, {
      email: suppressed.email.toUpperCase(),
      reason: 'hard_bounce',
      source: 'test',
    });

    const id = await draft();
    const result = await sendNewsletter(deps(), { newsletterId: id, actor: 'staff:x@tenpo.test' });
    expect(result).toMatchObject({ ok: true, queued: 3 });

    const mails = await mailsOf(id);
    expect(mails.map((m) => m.recipient).sort()).toEqual(
      [english.email, japanese.email, third.email].sort(),
    );
    for (const excluded of [notSubscribed, unverified, cancelled, suppressed])
      expect(mails.some((m) => m.recipient === excluded.email)).toBe(false);
    expect(new Set(mails.map((m) => m.stream))).toEqual(new Set(['broadcast']));
    expect(new Set(mails.map((m) => m.topic))).toEqual(new Set(['newsletter']));
    const ja = mails.find((m) => m.recipient === japanese.email)!;
    expect(ja.locale).toBe('ja');
    expect(ja.payload.subject).toBe(letter.subjectJa);
    expect(ja.memberId).toBe(japanese.id);
    expect(memberIdFromToken(SECRET, String(ja.payload.unsubscribeToken))).toBe(japanese.id);
    expect(mails.find((m) => m.recipient === english.email)!.payload.subject).toBe(
      letter.subjectEn,
    );
    // 60 a minute: one second apart, the first due at once.
    expect(mails.map((m) => m.nextAttemptAt.getTime() - clock.now().getTime())).toEqual([
      0, 1000, 2000,
    ]);
    const [row] = await database.db.select().from(newsletters).where(eq(newsletters.id, id));
    expect(row).toMatchObject({ state: 'sent', recipientCount: 3, perMinute: 60 });
    await deliverDueMail(mailer.deps);
    clock.advance(5_000);
    await deliverDueMail(mailer.deps);
  });

  it('sends only once when the send button is pressed twice at the same moment', async () => {
    await subscriber();
    await subscriber({ locale: 'ja' });
    const id = await draft();
    const results = await Promise.all([
      sendNewsletter(deps(), { newsletterId: id, actor: 'staff:a@tenpo.test' }),
      sendNewsletter(deps(), { newsletterId: id, actor: 'staff:b@tenpo.test' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'already_sent' }]);
    expect(await mailsOf(id)).toHaveLength(2);
    expect(await sendNewsletter(deps(), { newsletterId: id, actor: 'staff:a@tenpo.test' })).toEqual(
      { ok: false, reason: 'already_sent' },
    );
    expect(await mailsOf(id)).toHaveLength(2);
    clock.advance(5_000);
    await deliverDueMail(mailer.deps);
  });

  it('keeps the newsletter a draft when nobody is subscribed', async () => {
    const id = await draft();
    expect(await sendNewsletter(deps(), { newsletterId: id, actor: 'staff:a@tenpo.test' })).toEqual(
      { ok: false, reason: 'no_recipients' },
    );
    const [row] = await database.db.select().from(newsletters).where(eq(newsletters.id, id));
    expect(row!.state).toBe('draft');
    expect(await mailsOf(id)).toHaveLength(0);
  });

  it('delivers mail with one-click List-Unsubscribe headers under DKIM and a single unsubscribe link', async () => {
    const first = await subscriber({ locale: 'en' });
    const second = await subscriber({ locale: 'ja' });
    const id = await draft();
    await sendNewsletter(deps(), { newsletterId: id, actor: 'staff:a@tenpo.test' });

    // The worker takes only what is due: the second mail waits for its slot.
    await deliverDueMail(mailer.deps);
    expect((await mailsOf(id)).map((m) => m.state)).toEqual(['sent', 'queued']);
    clock.advance(1_000);
    await deliverDueMail(mailer.deps);
    const mails = await mailsOf(id);
    expect(mails.map((m) => m.state)).toEqual(['sent', 'sent']);

    for (const member of [first, second]) {
      const message = mails.find((m) => m.recipient === member.email)!;
      const caught = await caughtMailOf(database.db, message.id);
      const token = String(message.payload.unsubscribeToken);
      const url = `http://shop.test/newsletter/unsubscribe/${token}`;
      expect(header(caught.raw, 'List-Unsubscribe')).toBe(`<${url}>`);
      expect(header(caught.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      // RFC 8058: both headers must be covered by the DKIM signature.
      const dkim = header(caught.raw, 'DKIM-Signature')!;
      const signed = dkim
        .replace(/\s+/g, '')
        .match(/(?:^|;)h=([^;]+)/)![1]!
        .toLowerCase();
      expect(signed.split(':')).toEqual(
        expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post']),
      );

      const parsed = await simpleParser(caught.raw);
      expect(parsed.subject).toBe(member.locale === 'ja' ? letter.subjectJa : letter.subjectEn);
      const links = [...String(parsed.html).matchAll(/<a\s[^>]*href="([^"]+)"/g)].map((m) => m[1]);
      expect(links).toEqual([url]);
      expect(parsed.text).toContain(url);
      expect(parsed.text).toContain(member.locale === 'ja' ? '本日より予約受付開始' : 'Pre-orders');
    }

    const { identity } = mailer.deps;
    const dns = fakeDns({
      [`${identity.dkim.keySelector}._domainkey.${identity.domain}`]: [identity.dkimDnsRecord],
    });
    const caught = await caughtMailOf(database.db, mails[0]!.id);
    const verdict = await authenticate(caught.raw, {
      ip: '192.0.2.10',
      helo: 'mail.tenpo.example',
      mta: 'mx.example.net',
      sender: caught.envelopeFrom,
      resolver: dns.resolver,
      disableArc: true,
      disableBimi: true,
    });
    expect(verdict.dkim.results[0]!.status.result).toBe('pass');
  });

  it('keeps the header but puts no link in the body when MAIL_LINKS=none', async () => {
    const noLinks = await testMailer(database, clock, { env: { MAIL_LINKS: 'none' } });
    try {
      const member = await subscriber({ locale: 'ja' });
      const id = await draft();
      await sendNewsletter(deps(), { newsletterId: id, actor: 'staff:a@tenpo.test' });
      await deliverDueMail(noLinks.deps);
      const [message] = await mailsOf(id);
      const caught = await caughtMailOf(database.db, message!.id);
      expect(header(caught.raw, 'List-Unsubscribe')).toMatch(/^<http:\/\/shop\.test\/newsletter\//);
      const parsed = await simpleParser(caught.raw);
      expect(String(parsed.html)).not.toContain('<a ');
      expect(parsed.text).not.toMatch(/https?:\/\//);
      expect(parsed.text).toContain('「マイページ」>「メールマガジン」');
      expect(message!.recipient).toBe(member.email);
    } finally {
      await noLinks.close();
    }
  });

  it('lets order mail queued after a newsletter go out first', async () => {
    for (let i = 0; i < 3; i++) await subscriber();
    const id = await draft();
    await sendNewsletter(deps(), { newsletterId: id, actor: 'staff:a@tenpo.test' });
    // The worker fell behind: every newsletter mail is due by now.
    clock.advance(60_000);
    const orderMailId = await database.db.transaction((tx) =>
      enqueueMail(tx, {
        topic: 'verification_code',
        recipient: 'buyer.first@example.com',
        locale: 'en',
        payload: { code: '123456', purpose: 'order_lookup', minutes: 10 },
        now: clock.now(),
      }),
    );
    const claimed: OutboxMessage[] = await claimDueMail(database.db, clock.now(), 1);
    expect(claimed.map((m) => m.id)).toEqual([orderMailId]);
    expect(claimed[0]!.stream).toBe('transactional');
    await deliverMessage(mailer.deps, claimed[0]!);
    await deliverDueMail(mailer.deps);
    expect(new Set((await mailsOf(id)).map((m) => m.state))).toEqual(new Set(['sent']));
  });
});
