import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { type ParsedMail, simpleParser } from 'mailparser';
import type { Locator, Page, Response } from 'playwright-core';
import { products } from '../../src/catalog/tables.ts';
import type { Db } from '../../src/db/client.ts';
import { caughtMails, outboxMessages } from '../../src/mail/tables.ts';
import { orders } from '../../src/orders/tables.ts';
import type { TestServer } from '../../src/testing/app-server.ts';

/** What a customer types into the checkout's address part. */
export interface AddressValues {
  name: string;
  country: string;
  postalCode: string;
  region: string;
  city: string;
  line1: string;
  phone: string;
  /** The shipping method's label as the radio button shows it. */
  method: string;
}

export const tokyoAddress: AddressValues = {
  name: 'Hanako Yamada',
  country: 'Japan',
  postalCode: '150-0002',
  region: 'Tokyo',
  city: 'Shibuya-ku',
  line1: '2-21-1 Shibuya',
  phone: '03-1234-5678',
  method: 'Domestic delivery (Japan Post)',
};

/** Waits until the page shows a heading with this exact text (the page has loaded). */
export async function seeHeading(page: Page, name: string | RegExp): Promise<void> {
  await page
    .getByRole('heading', { name, ...(typeof name === 'string' ? { exact: true } : {}) })
    .first()
    .waitFor();
}

/**
 * Clicks a button or link that loads a new page and waits for it, so the next look at the page
 * never sees the old one. Returns the final response (after redirects).
 */
export async function submit(page: Page, target: Locator): Promise<Response> {
  const [response] = await Promise.all([page.waitForNavigation(), target.click()]);
  if (!response) throw new Error('the click did not load a page');
  return response;
}

/** The text a customer sees in an element (rendered, so hidden parts are left out), squeezed. */
export async function visibleText(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point here.
  const text = await locator.innerText();
  return text.replace(/\s+/g, ' ').trim();
}

/** Text of the page's main area, for "the customer sees" assertions. */
export function mainText(page: Page): Promise<string> {
  return visibleText(page.locator('main'));
}

/** Opens a product page and puts `quantity` of it in the cart. */
export async function addToCart(page: Page, slug: string, title: string, quantity = 1) {
  await page.goto(`/p/${slug}`);
  await seeHeading(page, title);
  if (quantity > 1) await page.getByLabel('Quantity').selectOption(String(quantity));
  await submit(page, page.getByRole('button', { name: 'Add to cart' }));
  await seeHeading(page, 'Your cart');
}

/** Fills the address part of the checkout form and picks the method (and the email for guests). */
export async function fillAddress(page: Page, address: AddressValues, email?: string) {
  if (email !== undefined) {
    await page.getByRole('textbox', { name: /Contact email/ }).fill(email);
  }
  await page.getByLabel('Full name').fill(address.name);
  await page.getByLabel('Country').selectOption({ label: address.country });
  await page.getByLabel('Postal code').fill(address.postalCode);
  await page.getByLabel('State / prefecture').fill(address.region);
  await page.getByLabel('City').fill(address.city);
  await page.getByLabel('Address line 1').fill(address.line1);
  await page.getByLabel('Phone').fill(address.phone);
  await page.getByRole('radio', { name: address.method }).check();
}

/** Fills the card part of the checkout form; expiry is always in the future. */
export async function fillCard(page: Page, number: string, holder = 'HANAKO YAMADA') {
  await page.getByLabel('Card number').fill(number);
  await page.getByLabel('Name on card').fill(holder);
  await page.getByLabel('Expiry (MM/YY)').fill('12/34');
  await page.getByLabel('Security code').fill('123');
}

/** The order number the thank-you page shows. */
export async function orderNumberOnThanksPage(page: Page): Promise<string> {
  await seeHeading(page, 'Thank you for your order');
  const number = await visibleText(page.locator('strong.order-number'));
  if (!/^TP-\d{6}-[A-Z0-9]{6}$/.test(number)) throw new Error(`odd order number "${number}"`);
  return number;
}

/** One step of the order timeline as the customer sees it, and whether it has been reached. */
export async function timelineStep(page: Page, label: string) {
  const item = page
    .getByRole('list', { name: 'Status' })
    .getByRole('listitem')
    .filter({ has: page.getByText(label, { exact: true }) });
  await item.waitFor();
  const classes = (await item.getAttribute('class')) ?? '';
  return { text: await visibleText(item), reached: /\bdone\b/.test(classes) };
}

/** The labels of the timeline's steps, top to bottom. */
export async function timelineLabels(page: Page): Promise<string[]> {
  const steps = page.getByRole('list', { name: 'Status' }).locator('li > strong');
  return (await steps.allInnerTexts()).map((s) => s.trim());
}

export async function findOrder(db: Db, number: string) {
  const [order] = await db.select().from(orders).where(eq(orders.number, number));
  if (!order) throw new Error(`order ${number} is not in the database`);
  return order;
}

export async function stockOf(db: Db, slug: string): Promise<number> {
  const [row] = await db
    .select({ stock: products.stock })
    .from(products)
    .where(eq(products.slug, slug));
  if (!row) throw new Error(`no product ${slug}`);
  return row.stock;
}

/** A member as they type themselves in on the registration form. */
export interface MemberValues {
  memberCode: string;
  email: string;
  name: string;
  password: string;
}

/** A member nobody has registered yet on this server (codes and emails are unique). */
export function newMemberValues(prefix: string): MemberValues {
  const suffix = Math.random().toString(36).slice(2, 8);
  return {
    memberCode: `${prefix}_${suffix}`,
    email: `${prefix}.${suffix}@example.com`,
    name: 'Hanako Yamada',
    password: 'correct horse battery staple',
  };
}

/**
 * Registers through the form and enters the code mailed to the address (read from the outbox);
 * the shop then signs the new member in and opens MyPage.
 */
export async function registerMember(page: Page, member: MemberValues, db: Db) {
  await page.goto('/account/register');
  await seeHeading(page, 'Become a member');
  await page.getByLabel('Member ID').fill(member.memberCode);
  await page.getByLabel('Email').fill(member.email);
  await page.getByLabel('Name', { exact: true }).fill(member.name);
  await page.getByLabel('Password').fill(member.password);
  await submit(page, page.getByRole('button', { name: 'Create account' }));
  await seeHeading(page, 'Confirm your email address');
  const [mail] = await db
    .select({ payload: outboxMessages.payload })
    .from(outboxMessages)
    .where(
      and(
        eq(outboxMessages.recipient, member.email),
        eq(outboxMessages.topic, 'registration_code'),
      ),
    )
    .orderBy(desc(outboxMessages.createdAt));
  if (!mail) throw new Error(`no registration code was mailed to ${member.email}`);
  await page.getByLabel('6-digit code').fill(String(mail.payload.code));
  await submit(page, page.getByRole('button', { name: 'Confirm and sign in' }));
  await seeHeading(page, 'MyPage');
}

/** A signed-in member checks out the cart to Tokyo with a card that needs no 3-D Secure. */
export async function checkoutAsMember(page: Page, card = '4242 4242 4242 4242'): Promise<string> {
  await page.goto('/checkout');
  await seeHeading(page, 'Checkout');
  await fillAddress(page, tokyoAddress);
  await fillCard(page, card);
  await submit(page, page.getByRole('button', { name: 'Place order' }));
  return orderNumberOnThanksPage(page);
}

/** The row of MyPage's order history for one order, as the member reads it. */
export async function orderHistoryRow(page: Page, number: string): Promise<string> {
  await page.goto('/mypage');
  await seeHeading(page, 'Order history');
  return visibleText(page.getByRole('row').filter({ hasText: number }));
}

/** Every mail the catcher has received for `address` so far (due mail is sent first), oldest first. */
export async function mailsTo(server: TestServer, address: string): Promise<ParsedMail[]> {
  await server.drainMail();
  const rows = await server.database.db
    .select({ raw: caughtMails.raw })
    .from(caughtMails)
    .where(sql`${address} = any(${caughtMails.envelopeTo})`)
    .orderBy(asc(caughtMails.receivedAt));
  return Promise.all(rows.map((r) => simpleParser(r.raw)));
}

/** The newest mail to `address` whose subject matches, as the customer's mail program shows it. */
export async function newestMailTo(
  server: TestServer,
  address: string,
  subject: RegExp,
): Promise<ParsedMail> {
  const mail = (await mailsTo(server, address)).filter((m) => subject.test(m.subject ?? '')).at(-1);
  if (!mail) throw new Error(`no mail to ${address} with a subject like ${subject}`);
  return mail;
}

/** The 6-digit code of a mail: it stands on a line of its own (order numbers have digits too). */
export function codeIn(mail: ParsedMail): string {
  const code = mail.text?.match(/^\s+(\d{6})\s*$/m)?.[1];
  if (!code) throw new Error(`no code in the mail "${mail.subject}"`);
  return code;
}

/** The one link of a mail's text that starts with `prefix` (the shop's URL and a path). */
export function linkIn(mail: ParsedMail, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const link = mail.text?.match(new RegExp(`${escaped}\\S*`))?.[0];
  if (!link) throw new Error(`no link to ${prefix} in the mail "${mail.subject}"`);
  return link;
}

/** Signs in on the sign-in page with a member ID or email; returns the page's response. */
export async function signIn(page: Page, login: string, password: string): Promise<Response> {
  await page.goto('/account/sign-in');
  await seeHeading(page, 'Sign in');
  await page.getByLabel('Member ID or email').fill(login);
  await page.getByLabel('Password').fill(password);
  return submit(page, page.getByRole('main').getByRole('button', { name: 'Sign in' }));
}

/** Signs out with the button in the page header. */
export async function signOut(page: Page): Promise<void> {
  await submit(page, page.getByRole('banner').getByRole('button', { name: 'Sign out' }));
}

/** Whether the browser is signed in as a member: MyPage opens instead of the sign-in page. */
export async function isSignedIn(page: Page): Promise<boolean> {
  await page.goto('/mypage');
  return new URL(page.url()).pathname === '/mypage';
}

/**
 * How many pixels the page is wider than the screen: 0 when nothing scrolls sideways on a phone.
 * Journeys check it with `expect.soft`, so a layout fault does not hide the rest of the journey.
 */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}
