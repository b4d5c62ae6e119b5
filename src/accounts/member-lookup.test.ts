import { and, desc, eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { expect, it } from 'vitest';
import { deliverDueMail } from '../mail/deliver-mail.ts';
import { outboxMessages } from '../mail/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember, type testClock } from '../testing/factories.ts';
import { formClient } from '../testing/http-client.ts';
import { testMailer } from '../testing/mailer.ts';
import { caughtMailOf } from '../testing/sample-mails.ts';
import { allowedGapMs, median } from '../testing/timing.ts';
import { useTestWorld } from '../testing/world.ts';
import { accountEvents } from './account-events.ts';
import { lookupSubject } from './request-member-lookup.ts';
import { verificationCodes } from './verification-codes.ts';

describeEachDatabase('checking the member ID registered for an email address', (kind) => {
  const { database, appWithOwnClock } = useTestWorld(kind);
  let slot = 0;

  function shop() {
    slot += 1;
    const { clock, app } = appWithOwnClock(slot * 2);
    return { clock, app };
  }
  type App = ReturnType<typeof shop>['app'];

  async function ask(app: App, memberCode: string, email: string) {
    const browser = formClient(app);
    await browser.get('/account/lookup');
    const res = await browser.post('/account/lookup', { memberCode, email });
    return { browser, res };
  }

  async function lookupMail(recipient: string) {
    const [mail] = await database.db
      .select()
      .from(outboxMessages)
      .where(
        and(eq(outboxMessages.recipient, recipient), eq(outboxMessages.topic, 'member_lookup')),
      )
      .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
      .limit(1);
    return mail!;
  }

  /** Sends what is queued through the real SMTP catcher and returns the mail's plain text. */
  async function deliveredText(
    clock: ReturnType<typeof testClock>,
    messageId: string,
    env: Record<string, string> = {},
  ) {
    const mailer = await testMailer(database, clock, { env });
    try {
      await deliverDueMail(mailer.deps);
      const caught = await caughtMailOf(database.db, messageId);
      return (await simpleParser(caught.raw)).text ?? '';
    } finally {
      await mailer.close();
    }
  }

  it('shows the member ID for the address once the mailed code is entered, matching or not', async () => {
    const { app, clock } = shop();
    const member = await makeMember(database.db);
    const { browser, res } = await ask(app, member.memberCode.toUpperCase(), member.email);
    expect(res.status).toBe(200);
    expect(res.html).toContain(`We sent a mail to ${member.email}`);

    const mail = await lookupMail(member.email);
    const text = await deliveredText(clock, mail.id);
    const code = text.match(/^\s+(\d{6})$/m)?.[1];
    expect(code).toBe(String(mail.payload.code));
    const shown = await browser.post('/account/lookup/code', {
      memberCode: member.memberCode.toUpperCase(),
      email: member.email,
      code: code!,
    });
    expect(shown.status).toBe(200);
    expect(shown.html).toContain(`<strong>${member.memberCode}</strong>`);
    expect(shown.html).toContain('This is the member ID you entered');

    clock.advance(1000);
    const second = await ask(app, 'someone_else', member.email);
    const again = await second.browser.post('/account/lookup/code', {
      memberCode: 'someone_else',
      email: member.email,
      code: String((await lookupMail(member.email)).payload.code),
    });
    expect(again.html).toContain(`<strong>${member.memberCode}</strong>`);
    expect(again.html).toContain('This is not the member ID you entered (someone_else)');
  });

  it('tells an unregistered address by mail that no member ID uses it, with a way to register', async () => {
    const { clock, app } = shop();
    const email = `unknown.${slot}@example.com`;
    await ask(app, 'any_member', email);
    const mail = await lookupMail(email);
    expect(mail.payload).toEqual({ registered: false });
    const text = await deliveredText(clock, mail.id);
    expect(text).toContain('No member ID uses this address');
    expect(text).toContain('http://shop.test/account/register');
    expect(text).not.toMatch(/\b\d{6}\b/);

    await ask(app, 'any_member', `plain.${email}`);
    const plain = await lookupMail(`plain.${email}`);
    const noLinks = await deliveredText(clock, plain.id, { MAIL_LINKS: 'none' });
    expect(noLinks).toContain('choose "Register"');
    expect(noLinks).not.toContain('http');
  });

  it('answers the same way, doing the same work, whether or not the address is registered', async () => {
    const { app } = shop();
    const member = await makeMember(database.db);
    const unknown = `nobody.${slot}@example.com`;
    const answers: string[] = [];
    for (const email of [member.email, unknown]) {
      const { res } = await ask(app, 'my_member_id', email);
      expect(res.status).toBe(200);
      answers.push(res.html.replace(/name="_csrf" value="[^"]+"/g, '').replaceAll(email, 'EMAIL'));
    }
    expect(answers[0]).toBe(answers[1]);
    for (const email of [member.email, unknown]) {
      const mails = await database.db
        .select()
        .from(outboxMessages)
        .where(eq(outboxMessages.recipient, email));
      expect(mails).toHaveLength(1);
      const codes = await database.db
        .select()
        .from(verificationCodes)
        .where(eq(verificationCodes.subjectId, lookupSubject(email)));
      expect(codes).toHaveLength(1);
    }
    const events = await database.db
      .select()
      .from(accountEvents)
      .where(eq(accountEvents.type, 'lookup_requested'));
    expect(events.filter((e) => e.memberId === member.id)).toHaveLength(1);

    // A wrong code gets the same answer too.
    const wrong: string[] = [];
    for (const email of [member.email, unknown]) {
      const { browser } = await ask(app, 'my_member_id', email);
      const res = await browser.post('/account/lookup/code', {
        memberCode: 'my_member_id',
        email,
        code: '000000',
      });
      expect(res.status).toBe(400);
      wrong.push(res.html.replace(/name="_csrf" value="[^"]+"/g, '').replaceAll(email, 'EMAIL'));
    }
    expect(wrong[0]).toBe(wrong[1]);
  });

  it('takes about as long for a registered address as for an unknown one', async () => {
    const { app, clock } = shop();
    const member = await makeMember(database.db);
    const addresses = { registered: member.email, unknown: `timing.${slot}@example.com` };
    const browser = formClient(app);
    await browser.get('/account/lookup');
    const gaps: number[] = [];
    const durations: number[] = [];
    for (let round = 0; round < 24; round++) {
      // A fresh rate-limit window every round; the order alternates so drift hits both alike.
      clock.advance(3600_000);
      const order =
        round % 2 ? (['registered', 'unknown'] as const) : (['unknown', 'registered'] as const);
      const took: Partial<Record<'registered' | 'unknown', number>> = {};
      for (const which of order) {
        const started = performance.now();
        const res = await browser.post('/account/lookup', {
          memberCode: 'timing_id',
          email: addresses[which],
        });
        took[which] = performance.now() - started;
        durations.push(took[which]!);
        expect(res.status).toBe(200);
      }
      // Compared within a round, so a busy moment slows both sides of the pair alike.
      if (round >= 2) gaps.push(took.registered! - took.unknown!);
    }
    // Within noise, and well under the 50 ms one password hash would add.
    expect(Math.abs(median(gaps))).toBeLessThan(allowedGapMs(durations));
  });

  it('stops guessing: five wrong codes use the code up, and mail to one address is limited', async () => {
    const { app } = shop();
    const member = await makeMember(database.db);
    const { browser } = await ask(app, member.memberCode, member.email);
    const code = String((await lookupMail(member.email)).payload.code);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) {
      const res = await browser.post('/account/lookup/code', {
        memberCode: member.memberCode,
        email: member.email,
        code: wrong,
      });
      expect(res.status).toBe(400);
    }
    const right = await browser.post('/account/lookup/code', {
      memberCode: member.memberCode,
      email: member.email,
      code,
    });
    expect(right.status).toBe(400);
    expect(right.html).not.toContain(`<strong>${member.memberCode}</strong>`);

    await ask(app, member.memberCode, member.email);
    await ask(app, member.memberCode, member.email);
    const { res } = await ask(app, member.memberCode, member.email.toUpperCase());
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('keeps what was typed when the form is incomplete, and needs the CSRF token', async () => {
    const { app } = shop();
    const browser = formClient(app);
    await browser.get('/account/lookup');
    const bad = await browser.post('/account/lookup', { memberCode: 'ab', email: 'not-mail' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('value="ab"');
    expect(bad.html).toContain('value="not-mail"');
    const forged = await browser.post('/account/lookup', {
      memberCode: 'some_member',
      email: 'a@example.com',
      _csrf: '',
    });
    expect(forged.status).toBe(403);
    const forgedCode = await browser.post('/account/lookup/code', {
      memberCode: 'some_member',
      email: 'a@example.com',
      code: '123456',
      _csrf: '',
    });
    expect(forgedCode.status).toBe(403);
  });
});
