import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { members } from '../../src/accounts/tables.ts';
import { newShopper, screenshot } from './browser.ts';
import {
  codeIn,
  isSignedIn,
  linkIn,
  mailsTo,
  mainText,
  newestMailTo,
  newMemberValues,
  registerMember,
  seeHeading,
  sidewaysOverflow,
  signIn,
  signOut,
  submit,
  visibleText,
} from './shop.ts';
import { useJourneyWorld } from './world.ts';

const { server, browser } = useJourneyWorld();

async function findMember(login: string) {
  const [member] = await server.database.db
    .select()
    .from(members)
    .where(
      sql`lower(${members.memberCode}) = ${login.toLowerCase()} or lower(${members.email}) = ${login.toLowerCase()}`,
    );
  return member ?? null;
}

describe('a new member registers with a rejected address, fixes it and signs in', () => {
  it('explains the address, verifies the fixed one by mail and signs in by member ID and by email', async () => {
    const { page, context, serverErrors, consoleErrors } = await newShopper(browser, server.url);
    const password = 'correct horse battery staple';

    await page.goto('/');
    await submit(page, page.getByRole('banner').getByRole('link', { name: 'Sign in' }));
    await submit(page, page.getByRole('main').getByRole('link', { name: 'Become a member' }));
    await seeHeading(page, 'Become a member');
    await page.getByLabel('Member ID').fill('Taro_Shop');
    await page.getByLabel('Email').fill('taro+shop@gmial.com');
    await page.getByLabel('Name', { exact: true }).fill('Taro Yamada');
    await page.getByLabel('Password').fill(password);

    // The live check explains while the customer is still on the form.
    const box = page.locator('.email-check');
    await expect.poll(() => box.textContent()).toContain('Remove: +');
    expect(await box.textContent()).toContain('Did you mean taro+shop@gmail.com?');
    await screenshot(page, 'member-id-01-live-check', { fullPage: false });

    // Sent anyway, the shop says the same, keeps what was typed and creates nobody.
    const refused = await submit(page, page.getByRole('button', { name: 'Create account' }));
    expect(refused.status()).toBe(400);
    await seeHeading(page, 'Become a member');
    const emailField = page.getByLabel('Email');
    expect(await emailField.inputValue()).toBe('taro+shop@gmial.com');
    expect(await emailField.getAttribute('aria-invalid')).toBe('true');
    const text = await mainText(page);
    expect(text).toContain(
      "Email addresses with symbols other than '.', '-' and '_' before the @ often don't receive our mail. Remove: +",
    );
    expect(text).toContain('Did you mean taro+shop@gmail.com?');
    expect(await page.getByLabel('Member ID').inputValue()).toBe('Taro_Shop');
    expect(await findMember('taro_shop')).toBeNull();
    expect.soft(await sidewaysOverflow(page)).toBe(0);
    await screenshot(page, 'member-id-02-refused', { fullPage: false });

    // The customer drops the "+shop" and takes the suggested domain with one tap.
    await emailField.fill('taro@gmial.com');
    await emailField.blur();
    await page.getByRole('button', { name: 'taro@gmail.com' }).click();
    expect(await emailField.inputValue()).toBe('taro@gmail.com');
    await expect.poll(() => box.textContent()).toBe('');
    // Passwords are never sent back to the browser, so it is typed again.
    await page.getByLabel('Password').fill(password);
    await submit(page, page.getByRole('button', { name: 'Create account' }));
    await seeHeading(page, 'Confirm your email address');
    expect(await mainText(page)).toContain('We sent a 6-digit code to taro@gmail.com.');
    const pending = await findMember('taro_shop');
    expect(pending).toMatchObject({ email: 'taro@gmail.com', emailVerifiedAt: null });
    // Until the code comes back, the account cannot be used.
    expect(await isSignedIn(page)).toBe(false);

    const mail = await newestMailTo(server, 'taro@gmail.com', /Confirm your email address/);
    expect(mail.text).toContain('as Taro_Shop');
    const code = codeIn(mail);
    // The code is in the body only: the subject says what the mail is.
    expect(mail.subject).toBe('Confirm your email address for Tenpo');
    expect(mail.subject).not.toContain(code);

    await page.goto('/account/verify');
    await seeHeading(page, 'Confirm your email address');
    expect.soft(await sidewaysOverflow(page)).toBe(0);
    await screenshot(page, 'member-id-03-enter-code', { fullPage: false });
    await page.getByLabel('6-digit code').fill(code);
    await submit(page, page.getByRole('button', { name: 'Confirm and sign in' }));
    await seeHeading(page, 'MyPage');
    const myPage = await mainText(page);
    expect(myPage).toContain('Hello, Taro Yamada');
    expect(myPage).toContain('Member ID: Taro_Shop');
    expect(myPage).toContain('taro@gmail.com');
    expect((await findMember('taro_shop'))?.emailVerifiedAt).toBeInstanceOf(Date);
    expect.soft(await sidewaysOverflow(page)).toBe(0);
    await screenshot(page, 'member-id-04-mypage', { fullPage: false });

    await signOut(page);
    expect(await isSignedIn(page)).toBe(false);

    // A wrong password gets the one answer for every failure.
    const wrong = await signIn(page, 'Taro_Shop', 'not the password at all');
    expect(wrong.status()).toBe(400);
    expect(await mainText(page)).toContain('The member ID, email or password is not correct.');

    // The member ID works in any letter case, and so does the email address.
    await signIn(page, 'taro_shop', password);
    await seeHeading(page, 'MyPage');
    expect(await mainText(page)).toContain('Member ID: Taro_Shop');
    await signOut(page);
    await signIn(page, 'taro@gmail.com', password);
    await seeHeading(page, 'MyPage');
    expect(await mainText(page)).toContain('Member ID: Taro_Shop');
    await screenshot(page, 'member-id-05-signed-in-by-email', { fullPage: false });

    expect(serverErrors).toEqual([]);
    // The refused form and the failed sign-in answer 400 on purpose; nothing else may complain.
    expect(consoleErrors.filter((e) => !e.includes('status of 400'))).toEqual([]);
    await context.close();
  });
});

describe('"Check the member ID registered for your email address"', () => {
  /** Asks for the member ID of `email`, guessing `memberCode`; the page then asks for the code. */
  async function askForMemberId(page: Page, memberCode: string, email: string) {
    await page.goto('/account/lookup');
    await seeHeading(page, 'Check the member ID registered for your email address');
    await page.getByLabel('Member ID you think you have').fill(memberCode);
    await page.getByLabel('Email address').fill(email);
    return submit(page, page.getByRole('button', { name: 'Send' }));
  }

  it('mails a code that shows the member ID and whether it is the one typed', async () => {
    const member = newMemberValues('lookup');
    const owner = await newShopper(browser, server.url);
    await registerMember(owner.page, member, server.deps.db);
    await owner.context.close();

    const { page, context, serverErrors } = await newShopper(browser, server.url);
    // The customer finds the page from sign-in.
    await page.goto('/account/sign-in');
    await submit(
      page,
      page.getByRole('link', { name: 'Check the member ID registered for your email address' }),
    );
    await seeHeading(page, 'Check the member ID registered for your email address');

    const sent = await askForMemberId(page, 'lookup_guess', member.email);
    expect(sent.status()).toBe(200);
    expect(await mainText(page)).toContain(`We sent a mail to ${member.email}.`);
    expect.soft(await sidewaysOverflow(page)).toBe(0);
    await screenshot(page, 'member-id-06-lookup-sent', { fullPage: false });

    const mail = await newestMailTo(server, member.email, /member ID check code/);
    expect(mail.text).toContain('A member ID uses it.');
    // The mail itself never names the member ID: only the page does, after the code.
    expect(mail.text).not.toContain(member.memberCode);
    await page.getByLabel('6-digit code').fill(codeIn(mail));
    await submit(page, page.getByRole('button', { name: 'Show the member ID' }));
    await seeHeading(page, `The member ID for ${member.email}`);
    expect(await visibleText(page.locator('.member-code'))).toBe(member.memberCode);
    expect(await mainText(page)).toContain('This is not the member ID you entered (lookup_guess).');
    expect.soft(await sidewaysOverflow(page)).toBe(0);
    await screenshot(page, 'member-id-07-lookup-differs', { fullPage: false });

    // Once more with the right guess, in other letter case.
    await askForMemberId(page, member.memberCode.toUpperCase(), member.email);
    const again = await newestMailTo(server, member.email, /member ID check code/);
    expect(codeIn(again)).not.toBe(codeIn(mail));
    await page.getByLabel('6-digit code').fill(codeIn(again));
    await submit(page, page.getByRole('button', { name: 'Show the member ID' }));
    expect(await visibleText(page.locator('.member-code'))).toBe(member.memberCode);
    expect(await mainText(page)).toContain(
      `This is the member ID you entered (${member.memberCode.toUpperCase()}).`,
    );
    await screenshot(page, 'member-id-08-lookup-matches', { fullPage: false });

    // A code works once.
    await askForMemberId(page, member.memberCode, member.email);
    await page.getByLabel('6-digit code').fill(codeIn(again));
    const reused = await submit(page, page.getByRole('button', { name: 'Show the member ID' }));
    expect(reused.status()).toBe(400);
    expect(await mainText(page)).toContain('That code is not right or is no longer valid.');

    expect(serverErrors).toEqual([]);
    await context.close();
  });

  it('answers an unregistered address with the same page, and its mail says no member ID uses it', async () => {
    const member = newMemberValues('known');
    const owner = await newShopper(browser, server.url);
    await registerMember(owner.page, member, server.deps.db);
    await owner.context.close();
    const stranger = 'nobody.here@example.com';

    const { page, context, serverErrors } = await newShopper(browser, server.url);
    const known = await askForMemberId(page, 'some_guess', member.email);
    const knownText = (await mainText(page)).replaceAll(member.email, '<email>');
    const unknown = await askForMemberId(page, 'some_guess', stranger);
    const unknownText = (await mainText(page)).replaceAll(stranger, '<email>');
    expect(unknown.status()).toBe(known.status());
    expect(unknownText).toBe(knownText);
    expect(await page.getByLabel('6-digit code').count()).toBe(1);
    expect.soft(await sidewaysOverflow(page)).toBe(0);
    await screenshot(page, 'member-id-09-lookup-unknown', { fullPage: false });

    const [mail, ...more] = await mailsTo(server, stranger);
    expect(more).toEqual([]);
    expect(mail!.subject).toContain('No Tenpo member ID uses this address');
    expect(mail!.text).toContain('No member ID uses this address.');
    expect(linkIn(mail!, server.url)).toBe(`${server.url}/account/register`);
    expect(mail!.text).not.toMatch(/^\s+\d{6}\s*$/m);

    // Whatever is typed, no code shows anything for it.
    await page.getByLabel('6-digit code').fill('123456');
    await submit(page, page.getByRole('button', { name: 'Show the member ID' }));
    expect(await mainText(page)).toContain('That code is not right or is no longer valid.');

    expect(serverErrors).toEqual([]);
    await context.close();
  });
});

describe('the pages never tell whether an address or member ID is registered', () => {
  it('registers a taken address like a new one, and only its owner learns of it by mail', async () => {
    const member = newMemberValues('holder');
    const owner = await newShopper(browser, server.url);
    await registerMember(owner.page, member, server.deps.db);
    await owner.context.close();

    const { page, context, serverErrors } = await newShopper(browser, server.url);
    const fillForm = async (values: { memberCode: string; email: string }) => {
      await page.goto('/account/register');
      await seeHeading(page, 'Become a member');
      await page.getByLabel('Member ID').fill(values.memberCode);
      await page.getByLabel('Email').fill(values.email);
      await page.getByLabel('Name', { exact: true }).fill('Someone Else');
      await page.getByLabel('Password').fill('another long password');
      return submit(page, page.getByRole('button', { name: 'Create account' }));
    };
    const answers: { status: number; text: string }[] = [];
    const fresh = newMemberValues('fresh');
    const intruder = { ...newMemberValues('intruder'), email: member.email };
    for (const values of [fresh, intruder]) {
      const response = await fillForm(values);
      await seeHeading(page, 'Confirm your email address');
      answers.push({
        status: response.status(),
        text: (await mainText(page)).replaceAll(values.email, '<email>'),
      });
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[1]!.text).toContain('We sent a 6-digit code to <email>.');
    expect(await findMember(intruder.memberCode)).toBeNull();

    // Any code is refused the way a wrong code is.
    await page.getByLabel('6-digit code').fill('123456');
    const refused = await submit(page, page.getByRole('button', { name: 'Confirm and sign in' }));
    expect(refused.status()).toBe(400);
    expect(await mainText(page)).toContain('That code is not right. You can try 4 more times.');
    expect(await isSignedIn(page)).toBe(false);
    await screenshot(page, 'member-id-11-taken-address-code', { fullPage: false });

    // The mailbox gets no code, only a note with the member ID it already has.
    const mails = await mailsTo(server, member.email);
    expect(mails.map((m) => m.subject)).toEqual([
      'Confirm your email address for Tenpo',
      'Someone tried to register with your address at Tenpo',
    ]);
    const note = mails[1]!;
    expect(note.text).toContain(`your member ID is ${member.memberCode}`);
    expect(note.text).toContain('nothing was changed');
    expect(linkIn(note, server.url)).toBe(`${server.url}/account/sign-in`);

    // A taken member ID is still named, on its field.
    await fillForm({
      memberCode: member.memberCode.toUpperCase(),
      email: 'free.address@example.com',
    });
    await seeHeading(page, 'Become a member');
    expect(await page.getByLabel('Member ID').getAttribute('aria-invalid')).toBe('true');
    expect(await mainText(page)).toContain('This member ID is taken; choose another.');

    expect(serverErrors).toEqual([]);
    await context.close();
  });

  it('answers a password reset request for a member and for nobody with the same page', async () => {
    const member = newMemberValues('resetter');
    const owner = await newShopper(browser, server.url);
    await registerMember(owner.page, member, server.deps.db);
    await owner.context.close();

    const { page, context, serverErrors } = await newShopper(browser, server.url);
    const answers: { status: number; text: string }[] = [];
    for (const login of [
      member.email,
      'no.such.member@example.com',
      member.memberCode,
      'ghost_id',
    ]) {
      await page.goto('/account/password/forgot');
      await seeHeading(page, 'Forgot your password?');
      await page.getByLabel('Member ID or email').fill(login);
      const response = await submit(page, page.getByRole('button', { name: 'Send' }));
      answers.push({
        status: response.status(),
        text: (await mainText(page)).replaceAll(login, '<login>'),
      });
    }
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([200]));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(answers[0]!.text).toContain('If “<login>” belongs to a member, we sent a code');
    expect.soft(await sidewaysOverflow(page)).toBe(0);
    await screenshot(page, 'member-id-10-reset-same-answer', { fullPage: false });

    // Only the mailbox learns the difference.
    expect((await newestMailTo(server, member.email, /Set a new Tenpo password/)).text).toContain(
      member.memberCode,
    );
    const note = await newestMailTo(server, 'no.such.member@example.com', /password request/);
    expect(note.text).toContain('no member ID is registered with it');

    expect(serverErrors).toEqual([]);
    await context.close();
  });
});
