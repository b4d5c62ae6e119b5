import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { members } from '../../src/accounts/tables.ts';
import { newShopper, screenshot } from './browser.ts';
import {
  addToCart,
  checkoutAsMember,
  codeIn,
  findOrder,
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
  submit,
  visibleText,
} from './shop.ts';
import { useJourneyWorld } from './world.ts';

const mug = { slug: 'mahoroba-cafe-mug', title: 'Mahoroba Café Casebook Mug' };

const { server, browser } = useJourneyWorld();

async function memberRow(memberCode: string) {
  const [row] = await server.database.db
    .select()
    .from(members)
    .where(eq(members.memberCode, memberCode));
  if (!row) throw new Error(`no member ${memberCode}`);
  return row;
}

describe('a member moves their account to a new email address', () => {
  it('changes the account’s address with a code sent there, tells the old one, and leaves the older order alone', async () => {
    const { page, context, serverErrors } = await newShopper(browser, server.url);
    const member = newMemberValues('mover');
    const oldEmail = member.email;
    const newEmail = `moved.${member.memberCode.split('_')[1]}@example.net`;
    await registerMember(page, member, server.deps.db);
    await addToCart(page, mug.slug, mug.title);
    const number = await checkoutAsMember(page);

    await page.goto('/mypage');
    await submit(page, page.getByRole('link', { name: 'Change your email address' }));
    await seeHeading(page, 'Change your email address');
    const form = await mainText(page);
    expect(form).toContain(`Your account’s email address is ${oldEmail}.`);
    // Before anything changes, the page says the orders keep their address and where to move it.
    expect(form).toContain('Orders you already placed keep their contact email');
    const orderRow = page.getByRole('row').filter({ hasText: number });
    expect(await visibleText(orderRow)).toContain(`Mail goes to ${oldEmail}`);
    expect(
      await orderRow
        .getByRole('link', { name: 'Send this order’s mails to another address' })
        .getAttribute('href'),
    ).toMatch(new RegExp(`^/mypage/orders/${number}#`));
    expect(
      await page
        .getByRole('link', { name: 'Ask us through the inquiry form' })
        .getAttribute('href'),
    ).toBe('/inquiry');
    expect.soft(await sidewaysOverflow(page)).toBe(0);
    await screenshot(page, 'email-change-01-form');

    // The password proves it is the member; a wrong one changes nothing and keeps the address typed.
    await page.getByLabel('New email address').fill(newEmail);
    await page.getByLabel('Current password').fill('not my password at all');
    const wrong = await submit(
      page,
      page.getByRole('button', { name: 'Send a code to the new address' }),
    );
    expect(wrong.status()).toBe(400);
    expect(await mainText(page)).toContain('The password is not correct.');
    expect(await page.getByLabel('New email address').inputValue()).toBe(newEmail);
    expect(await mailsTo(server, newEmail)).toEqual([]);

    await page.getByLabel('Current password').fill(member.password);
    await submit(page, page.getByRole('button', { name: 'Send a code to the new address' }));
    await seeHeading(page, 'Enter the code');
    expect(await mainText(page)).toContain(`We sent a 6-digit code to ${newEmail}.`);
    // Nothing has changed yet.
    expect((await memberRow(member.memberCode)).email).toBe(oldEmail);
    expect.soft(await sidewaysOverflow(page)).toBe(0);
    await screenshot(page, 'email-change-02-code');

    const codeMail = await newestMailTo(server, newEmail, /Confirm your new email address/);
    expect(codeMail.text).toContain(`Member ${member.memberCode} asked to use this address`);
    await page.getByLabel('6-digit code').fill(codeIn(codeMail));
    await submit(page, page.getByRole('button', { name: 'Change my email address' }));
    await seeHeading(page, 'Change your email address');
    expect(await mainText(page)).toContain(`Your account’s email address is now ${newEmail}.`);
    await screenshot(page, 'email-change-03-done');

    const row = await memberRow(member.memberCode);
    expect(row.email).toBe(newEmail);
    expect(row.emailVerifiedAt).toBeInstanceOf(Date);

    // The old address hears about it, and the new one got nothing but the code.
    const notice = await newestMailTo(
      server,
      oldEmail,
      /email address of your Tenpo account was changed/,
    );
    expect(notice.text).toContain(`was changed to ${newEmail}`);
    expect(notice.text).toContain('Orders placed before the change keep sending their mail');
    expect((await mailsTo(server, newEmail)).map((m) => m.subject)).toEqual([codeMail.subject]);

    await page.goto('/mypage');
    await seeHeading(page, 'MyPage');
    const myPage = await visibleText(page.locator('main > section > p').first());
    expect(myPage).toContain(newEmail);
    expect(myPage).not.toContain(oldEmail);
    expect.soft(await sidewaysOverflow(page)).toBe(0);
    await screenshot(page, 'email-change-04-mypage', { fullPage: false });

    // The order placed before the change still shows, and keeps, its old contact email.
    await submit(page, page.getByRole('link', { name: number }));
    await seeHeading(page, `Order ${number}`);
    expect(await visibleText(page.locator('.contact-email').first())).toBe(oldEmail);
    expect((await findOrder(server.deps.db, number)).contactEmail).toBe(oldEmail);
    expect.soft(await sidewaysOverflow(page)).toBe(0);
    await screenshot(page, 'email-change-05-old-order');

    // The new address signs in; the old one no longer does.
    const other = await newShopper(browser, server.url);
    await signIn(other.page, oldEmail, member.password);
    expect(await mainText(other.page)).toContain(
      'The member ID, email or password is not correct.',
    );
    await signIn(other.page, newEmail, member.password);
    await seeHeading(other.page, 'MyPage');

    expect([...serverErrors, ...other.serverErrors]).toEqual([]);
    await other.context.close();
    await context.close();
  });
});

describe('a member who forgot their password sets a new one from the mail', () => {
  it('resets by the link, ends the other sessions, and only the new password works', async () => {
    const member = newMemberValues('forgetful');
    const newPassword = 'a much better passphrase';
    // Signed in on two devices: the phone that registered and a laptop.
    const phone = await newShopper(browser, server.url);
    await registerMember(phone.page, member, server.deps.db);
    const laptop = await newShopper(browser, server.url, {
      viewport: { width: 1280, height: 900 },
    });
    await signIn(laptop.page, member.memberCode, member.password);
    await seeHeading(laptop.page, 'MyPage');

    // A third browser, signed out, where the member cannot remember the password.
    const { page, context, serverErrors } = await newShopper(browser, server.url);
    await page.goto('/account/sign-in');
    await submit(page, page.getByRole('link', { name: 'Forgot your password?' }));
    await seeHeading(page, 'Forgot your password?');
    await page.getByLabel('Member ID or email').fill(member.memberCode);
    await submit(page, page.getByRole('button', { name: 'Send' }));
    await seeHeading(page, 'Set a new password');

    const mail = await newestMailTo(server, member.email, /Set a new Tenpo password/);
    expect(mail.text).toContain(`member ID ${member.memberCode}`);
    const link = linkIn(mail, `${server.url}/account/password/reset?token=`);

    await page.goto(link);
    await seeHeading(page, 'Set a new password');
    expect(await mainText(page)).toContain(
      `Choose a new password for member ID ${member.memberCode}.`,
    );
    expect.soft(await sidewaysOverflow(page)).toBe(0);
    await screenshot(page, 'reset-01-link-page', { fullPage: false });
    // Too short first: the page says so and the link keeps working.
    await page.getByLabel('New password').fill('short');
    const short = await submit(page, page.getByRole('button', { name: 'Set the new password' }));
    expect(short.status()).toBe(400);
    expect(await page.getByLabel('New password').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('New password').fill(newPassword);
    await submit(page, page.getByRole('button', { name: 'Set the new password' }));
    await seeHeading(page, 'Your password was changed');
    expect(await mainText(page)).toContain(
      'Everywhere else you were signed in has been signed out',
    );
    expect.soft(await sidewaysOverflow(page)).toBe(0);
    await screenshot(page, 'reset-02-done', { fullPage: false });
    // The browser that reset it is signed in.
    expect(await isSignedIn(page)).toBe(true);

    // Both other devices are signed out.
    expect(await isSignedIn(phone.page)).toBe(false);
    expect(await isSignedIn(laptop.page)).toBe(false);
    await seeHeading(laptop.page, 'Sign in');
    await screenshot(laptop.page, 'reset-03-laptop-signed-out', { fullPage: false });

    const notice = await newestMailTo(server, member.email, /Tenpo password was changed/);
    expect(notice.text).toContain(member.memberCode);

    // The link works once.
    await page.goto(link);
    expect(await mainText(page)).toContain('This link does not work any more');
    expect(await page.getByLabel('New password').count()).toBe(0);

    // The old password no longer opens the account; the new one does.
    const old = await signIn(laptop.page, member.memberCode, member.password);
    expect(old.status()).toBe(400);
    expect(await mainText(laptop.page)).toContain(
      'The member ID, email or password is not correct.',
    );
    await signIn(laptop.page, member.email, newPassword);
    await seeHeading(laptop.page, 'MyPage');

    expect([...serverErrors, ...phone.serverErrors, ...laptop.serverErrors]).toEqual([]);
    await Promise.all([context.close(), phone.context.close(), laptop.context.close()]);
  });

  it('resets by the code on the page just as well, and a wrong code changes nothing', async () => {
    const member = newMemberValues('codereset');
    const newPassword = 'another fine passphrase';
    const setup = await newShopper(browser, server.url);
    await registerMember(setup.page, member, server.deps.db);
    await setup.context.close();

    const { page, context, serverErrors } = await newShopper(browser, server.url);
    await page.goto('/account/password/forgot');
    await page.getByLabel('Member ID or email').fill(member.email);
    await submit(page, page.getByRole('button', { name: 'Send' }));
    await seeHeading(page, 'Set a new password');
    const code = codeIn(await newestMailTo(server, member.email, /Set a new Tenpo password/));

    const wrongCode = code === '000000' ? '000001' : '000000';
    await page.getByLabel('6-digit code').fill(wrongCode);
    await page.getByLabel('New password').fill(newPassword);
    const wrong = await submit(page, page.getByRole('button', { name: 'Set the new password' }));
    expect(wrong.status()).toBe(400);
    expect(await mainText(page)).toContain('That code is not right or is no longer valid.');
    const before = await memberRow(member.memberCode);

    await page.getByLabel('6-digit code').fill(code);
    await page.getByLabel('New password').fill(newPassword);
    await submit(page, page.getByRole('button', { name: 'Set the new password' }));
    await seeHeading(page, 'Your password was changed');
    expect((await memberRow(member.memberCode)).passwordHash).not.toBe(before.passwordHash);

    const other = await newShopper(browser, server.url);
    expect((await signIn(other.page, member.memberCode, member.password)).status()).toBe(400);
    await signIn(other.page, member.memberCode, newPassword);
    await seeHeading(other.page, 'MyPage');

    expect([...serverErrors, ...other.serverErrors]).toEqual([]);
    await Promise.all([context.close(), other.context.close()]);
  });
});
