import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { members } from '../../src/accounts/tables.ts';
import { unsubscribeToken } from '../../src/newsletter/unsubscribe-token.ts';
import { newShopper, screenshot } from './browser.ts';
import {
  linkIn,
  mailsTo,
  mainText,
  newestMailTo,
  newMemberValues,
  registerMember,
  seeHeading,
  sidewaysOverflow,
  submit,
  visibleText,
} from './shop.ts';
import { useJourneyWorld } from './world.ts';

const { server, browser } = useJourneyWorld();

async function optedIn(memberCode: string): Promise<boolean> {
  const [row] = await server.database.db
    .select({ optIn: members.newsletterOptIn })
    .from(members)
    .where(eq(members.memberCode, memberCode));
  if (!row) throw new Error(`no member ${memberCode}`);
  return row.optIn;
}

describe('the newsletter: opt in on MyPage, staff send, one-click unsubscribe from the mail', () => {
  it('unsubscribes with a plain POST and no cookies to the List-Unsubscribe URL', async () => {
    const reader = newMemberValues('reader');
    const quiet = newMemberValues('quiet');
    const { page, context, serverErrors } = await newShopper(browser, server.url);
    await registerMember(page, reader, server.deps.db);
    const other = await newShopper(browser, server.url);
    await registerMember(other.page, quiet, server.deps.db);
    await other.context.close();

    // Opting in is a deliberate act: the box starts unticked.
    await submit(page, page.getByRole('link', { name: 'Newsletter settings' }));
    await seeHeading(page, 'Newsletter');
    const box = page.getByRole('checkbox', { name: 'Send me the newsletter' });
    expect(await box.isChecked()).toBe(false);
    expect(await mainText(page)).toContain(`It goes to ${reader.email}`);
    await box.check();
    await submit(page, page.getByRole('button', { name: 'Save' }));
    expect(await mainText(page)).toContain('Done: you will receive the newsletter.');
    expect(await box.isChecked()).toBe(true);
    expect(await optedIn(reader.memberCode)).toBe(true);
    expect(await optedIn(quiet.memberCode)).toBe(false);
    expect.soft(await sidewaysOverflow(page)).toBe(0);
    await screenshot(page, 'newsletter-01-opted-in', { fullPage: false });

    // Staff write and send it from the admin, on a desktop.
    const staff = await newShopper(browser, server.url, { viewport: { width: 1280, height: 900 } });
    const admin = staff.page;
    await admin.goto('/admin/newsletters');
    await seeHeading(admin, 'Staff sign-in');
    await admin.getByLabel('Email').fill(server.staff.email);
    await admin.getByLabel('Password').fill(server.staff.password);
    await submit(admin, admin.getByRole('button', { name: 'Sign in' }));
    // Staff land on their home page and go to the newsletters from the menu.
    await submit(admin, admin.getByRole('link', { name: 'Newsletters' }));
    await seeHeading(admin, 'Newsletters');
    await submit(admin, admin.getByRole('link', { name: 'Write a newsletter' }));
    await admin.getByLabel('Subject', { exact: true }).fill('New Kitsunebi Signal goods');
    await admin
      .getByLabel('Text', { exact: true })
      .fill('The tour towels are in.\n\nSee you soon!');
    await admin.getByLabel('Subject (件名)').fill('狐火シグナルの新グッズ');
    await admin.getByLabel('Text (本文)').fill('ツアータオルが入荷しました。');
    await submit(admin, admin.getByRole('button', { name: 'Save and preview' }));
    await seeHeading(admin, 'New Kitsunebi Signal goods');
    // Only the member who asked for it is on the list.
    expect(await mainText(admin)).toContain(
      'It goes to 1 member right now (1 in English, 0 in Japanese)',
    );
    await screenshot(admin, 'newsletter-02-admin-preview', { fullPage: false });
    await submit(admin, admin.getByRole('button', { name: 'Send to 1 member' }));
    expect(await mainText(admin)).toContain('Queued 1 mail.');

    const mail = await newestMailTo(server, reader.email, /New Kitsunebi Signal goods/);
    expect(await mailsTo(server, quiet.email)).not.toContainEqual(
      expect.objectContaining({ subject: 'New Kitsunebi Signal goods' }),
    );
    expect(mail.text).toContain('The tour towels are in.');
    const header = (name: string) =>
      mail.headerLines
        .find((h) => h.key === name.toLowerCase())
        ?.line.slice(name.length + 1)
        .trim();
    expect(header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribeUrl = header('List-Unsubscribe')?.match(/^<(https?:\/\/[^>]+)>$/)?.[1];
    expect(unsubscribeUrl).toMatch(
      new RegExp(`^${server.url}/newsletter/unsubscribe/[\\w-]+\\.[\\w-]+$`),
    );
    // The footer link of the mail is the same URL.
    expect(linkIn(mail, `${server.url}/newsletter/unsubscribe/`)).toBe(unsubscribeUrl);

    // Opening the link (as mail scanners do) changes nothing.
    const opened = await fetch(unsubscribeUrl!);
    expect(opened.status).toBe(200);
    expect(await optedIn(reader.memberCode)).toBe(true);

    // The mail provider's one-click POST: no cookies, no CSRF token, just the RFC 8058 body.
    const oneClick = await fetch(unsubscribeUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
      redirect: 'manual',
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('You are unsubscribed');
    expect(await optedIn(reader.memberCode)).toBe(false);
    // Sent again, it answers the same and stays unsubscribed.
    const again = await fetch(unsubscribeUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(again.status).toBe(200);
    expect(await optedIn(reader.memberCode)).toBe(false);
    // A token that is not the shop's unsubscribes nobody.
    const forged = await fetch(`${unsubscribeUrl!.slice(0, -4)}AAAA`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
    });
    expect(forged.status).toBe(404);

    // MyPage shows the member unsubscribed.
    await page.goto('/mypage/newsletter');
    await seeHeading(page, 'Newsletter');
    expect(await box.isChecked()).toBe(false);
    expect.soft(await sidewaysOverflow(page)).toBe(0);
    await screenshot(page, 'newsletter-03-unsubscribed', { fullPage: false });

    // The admin page counts the delivered mail.
    await admin.reload();
    expect(await visibleText(admin.locator('[data-newsletter-state]'))).toBe('Sent');
    // Waiting, sent, bounced, complaints, suppressed, failed.
    expect(await admin.locator('[data-counts] td').allInnerTexts()).toEqual([
      '0',
      '1',
      '0',
      '0',
      '0',
      '0',
    ]);
    await screenshot(admin, 'newsletter-04-admin-sent', { fullPage: false });

    expect([...serverErrors, ...staff.serverErrors]).toEqual([]);
    await staff.context.close();
    await context.close();
  });

  it('lets a browser unsubscribe from the link page, where nothing happens before the button', async () => {
    const member = newMemberValues('linkreader');
    const { page, context, serverErrors } = await newShopper(browser, server.url);
    await registerMember(page, member, server.deps.db);
    await page.goto('/mypage/newsletter');
    await page.getByRole('checkbox', { name: 'Send me the newsletter' }).check();
    await submit(page, page.getByRole('button', { name: 'Save' }));
    expect(await optedIn(member.memberCode)).toBe(true);
    await context.close();

    // Another browser with no session, as when the mail is read on another device.
    const reader = await newShopper(browser, server.url);
    const [row] = await server.database.db
      .select({ id: members.id })
      .from(members)
      .where(eq(members.memberCode, member.memberCode));
    const token = unsubscribeToken(server.deps.secret, row!.id);
    await reader.page.goto(`/newsletter/unsubscribe/${token}`);
    await seeHeading(reader.page, 'Unsubscribe from the newsletter');
    expect(await optedIn(member.memberCode)).toBe(true);
    await submit(reader.page, reader.page.getByRole('button', { name: 'Unsubscribe' }));
    await seeHeading(reader.page, 'You are unsubscribed');
    expect(await optedIn(member.memberCode)).toBe(false);
    expect.soft(await sidewaysOverflow(reader.page)).toBe(0);
    await screenshot(reader.page, 'newsletter-05-link-unsubscribed', { fullPage: false });

    expect([...serverErrors, ...reader.serverErrors]).toEqual([]);
    await reader.context.close();
  });
});
