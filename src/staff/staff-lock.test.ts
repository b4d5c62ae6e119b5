import { and, eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { expect, it } from 'vitest';
import { createApp } from '../app.tsx';
import { deliverDueMail } from '../mail/deliver-mail.ts';
import { outboxMessages } from '../mail/tables.ts';
import { staffLockedMail } from '../mail/templates/staff-mails.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { testClock } from '../testing/factories.ts';
import { formClient, testAppDeps } from '../testing/http-client.ts';
import { testMailer } from '../testing/mailer.ts';
import { caughtMailOf } from '../testing/sample-mails.ts';
import { useTestWorld } from '../testing/world.ts';
import { createStaff } from './create-staff.ts';
import { STAFF_LOCK_AFTER_FAILURES } from './sign-in-staff.ts';
import { staff } from './tables.ts';
import { unlockStaff } from './unlock-staff.ts';

const PASSWORD = 'staff password 123';

/** The notice text of a page, to compare messages without the rest of the HTML. */
const alertText = (html: string) => html.match(/role="alert">([^<]*)</)?.[1];

describeEachDatabase('staff sign-in lock', (kind) => {
  const { database } = useTestWorld(kind);
  let count = 0;

  /** A staff account and a browser on an app with its own clock (days apart per test). */
  async function staffAndBrowser() {
    count += 1;
    const clock = testClock();
    clock.advance(count * 3 * 24 * 3600_000);
    const app = createApp(testAppDeps(database.db, { clock }));
    const email = `locked${count}@tenpo.test`;
    await createStaff(database.db, {
      email,
      name: `Aoi ${count}`,
      role: 'admin',
      password: PASSWORD,
    });
    const browser = formClient(app);
    await browser.get('/admin/sign-in');
    /** Posts the form; when told to wait, waits (on the test clock) and posts again. */
    const signIn = async (login: string, password: string) => {
      for (;;) {
        const res = await browser.post('/admin/sign-in', { email: login, password });
        if (res.status !== 429) return res;
        expect(alertText(res.html)).toMatch(/^Too many attempts\. Please wait \d+ minutes?\b/);
        clock.advance(Number(res.headers.get('retry-after')) * 1000);
      }
    };
    return { clock, email, browser, signIn };
  }

  const staffRow = async (email: string) =>
    (await database.db.select().from(staff).where(eq(staff.email, email)))[0]!;

  it('locks after 10 wrong passwords: 30 guesses and then the right password are all refused alike', async () => {
    const { email, browser, signIn } = await staffAndBrowser();
    const unknown = await signIn('nobody@tenpo.test', PASSWORD);
    const answers: { status: number; alert: string | undefined }[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await signIn(email, `guess number ${i}`);
      answers.push({ status: res.status, alert: alertText(res.html) });
    }
    const right = await signIn(email, PASSWORD);
    answers.push({ status: right.status, alert: alertText(right.html) });
    // Locked or not, right or wrong: the page never says more than for an unknown email.
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(
      new Set([JSON.stringify({ status: 400, alert: alertText(unknown.html) })]),
    );
    expect(browser.cookies.has('tp_staff')).toBe(false);
    const row = await staffRow(email);
    expect(row.lockedAt).not.toBeNull();
    expect(row.failedSignIns).toBe(STAFF_LOCK_AFTER_FAILURES);
    const mails = await database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.recipient, email), eq(outboxMessages.topic, 'staff_locked')));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.payload).toMatchObject({ failures: STAFF_LOCK_AFTER_FAILURES });
  });

  it('signs the staff member in again once unlocked', async () => {
    const { email, browser, signIn } = await staffAndBrowser();
    for (let i = 0; i < STAFF_LOCK_AFTER_FAILURES; i++) await signIn(email, `guess number ${i}`);
    expect((await signIn(email, PASSWORD)).status).toBe(400);
    const unlocked = await unlockStaff(database.db, { email: email.toUpperCase() });
    expect(unlocked?.email).toBe(email);
    const res = await browser.post('/admin/sign-in', { email, password: PASSWORD });
    expect(res.status).toBe(303);
    expect(browser.cookies.has('tp_staff')).toBe(true);
    const row = await staffRow(email);
    expect([row.lockedAt, row.failedSignIns]).toEqual([null, 0]);
    expect(await unlockStaff(database.db, { email: 'nobody@tenpo.test' })).toBeNull();
  });

  it('starts the count again after the right password', async () => {
    const { email, signIn } = await staffAndBrowser();
    for (let i = 0; i < STAFF_LOCK_AFTER_FAILURES - 1; i++) await signIn(email, `guess ${i}`);
    expect((await signIn(email, PASSWORD)).status).toBe(303);
    for (let i = 0; i < STAFF_LOCK_AFTER_FAILURES - 1; i++) await signIn(email, `guess ${i}`);
    expect((await staffRow(email)).lockedAt).toBeNull();
  });

  it('mails the lock in English without secrets, and has a Japanese version', async () => {
    const { clock, email, signIn } = await staffAndBrowser();
    for (let i = 0; i < STAFF_LOCK_AFTER_FAILURES; i++) await signIn(email, `secret guess ${i}`);
    const mailer = await testMailer(database, clock);
    try {
      await deliverDueMail(mailer.deps);
      const [row] = await database.db
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.recipient, email), eq(outboxMessages.topic, 'staff_locked')));
      expect(row!.state).toBe('sent');
      const mail = await simpleParser((await caughtMailOf(database.db, row!.id)).raw);
      expect(mail.subject).toBe('Your Tenpo staff account is locked');
      expect(mail.text).toContain('locked after 10 wrong passwords in a row');
      expect(mail.text).toContain('staff unlock');
      expect(mail.text).not.toContain('secret guess');
    } finally {
      await mailer.close();
    }
    const ja = staffLockedMail(
      {
        locale: 'ja',
        shopName: 'Tenpo',
        fromAddress: 'shop@tenpo.example',
        recipient: email,
        orderUrl: null,
      },
      { name: 'Aoi', failures: '10', at: '2026/11/26 12:00 (JST)', clientAddress: '192.0.2.1' },
    );
    expect(ja.subject).toBe('【Tenpo】スタッフアカウントがロックされました');
    expect(JSON.stringify(ja.body)).toContain('10回続けて');
  });
});
