import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.tsx';
import { parseEnv } from '../env.ts';
import { useGuideDirectory } from '../guide/load-articles.ts';
import { deliverDueMail } from '../mail/deliver-mail.ts';
import { suppressAddress } from '../mail/suppressions.ts';
import { outboxMessages } from '../mail/tables.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { makeMember, makeOrder, makeProduct } from '../testing/factories.ts';
import { formClient, testAppDeps } from '../testing/http-client.ts';
import { testMailer } from '../testing/mailer.ts';
import { caughtMailOf } from '../testing/sample-mails.ts';
import { useTestWorld } from '../testing/world.ts';
import { inquiryLimits } from './limits.ts';
import { formatInquiryNumber } from './next-inquiry-number.ts';
import { sniffImage } from './sniff-image.ts';
import { inquiries, inquiryMessages, inquiryPhotos } from './tables.ts';

const PASSWORD = 'correct horse battery';

/** Two guide articles of our own, so the titles asserted here do not follow the real guide's edits. */
function fixtureGuide(): string {
  const dir = mkdtempSync(join(tmpdir(), 'inquiry-guide-'));
  const article = (slug: string, group: string, en: string, ja: string) =>
    writeFileSync(
      join(dir, `${slug}.md`),
      `---\nslug: ${slug}\ngroup: ${group}\norder: 1\ntitle:\n  en: ${en}\n  ja: ${ja}\nstatus: live\n---\n<!-- en -->\nText.\n<!-- ja -->\n本文。\n`,
    );
  article('product-orders', 'orders', 'Placing an order', 'ご注文方法');
  article('defective-items', 'returns', 'Defective items', '不良品について');
  return dir;
}
const guideDir = fixtureGuide();
useGuideDirectory(guideDir);
afterAll(() => rmSync(guideDir, { recursive: true, force: true }));
// The smallest valid PNG: 1×1, one transparent pixel.
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
    'base64',
  ),
);
/** A JPEG's structure (the pixels do not matter here): start, JFIF, scan header; data; end. */
const JPEG_HEAD = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xda,
  0, 8, 1, 1, 0, 0, 0x3f, 0,
]);
const JPEG_END = [0xff, 0xd9];
const JPEG = Uint8Array.from([...JPEG_HEAD, 0x12, 0x34, ...JPEG_END]);
/** An Exif segment as a phone writes it, with where the photo was taken. */
const EXIF_PAYLOAD = Buffer.from('Exif\0\0MM\0*GPS 35.6586N 139.7454E', 'latin1');
const EXIF_GPS = Uint8Array.from([0xff, 0xe1, 0, EXIF_PAYLOAD.length + 2, ...EXIF_PAYLOAD]);
const SCRIPT = '<script>alert("x")</script>';
const ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;';

describe('sniffing photo types', () => {
  const ascii = (text: string) => [...text].map((ch) => ch.charCodeAt(0));
  it('decides the type by the first bytes only', () => {
    expect(sniffImage(JPEG)).toBe('image/jpeg');
    expect(sniffImage(PNG)).toBe('image/png');
    expect(sniffImage(Uint8Array.from(ascii('GIF87a...')))).toBe('image/gif');
    expect(sniffImage(Uint8Array.from(ascii('GIF89a...')))).toBe('image/gif');
    expect(sniffImage(Uint8Array.from(ascii('RIFF\u0010\u0000\u0000\u0000WEBPVP8 ')))).toBe(
      'image/webp',
    );
    expect(sniffImage(Uint8Array.from(ascii('RIFF\u0010\u0000\u0000\u0000WAVEfmt ')))).toBeNull();
    expect(sniffImage(new TextEncoder().encode('just text, named photo.jpg'))).toBeNull();
    expect(sniffImage(PNG.slice(0, 7))).toBeNull();
    expect(sniffImage(new Uint8Array())).toBeNull();
  });
});

describe('inquiry numbers', () => {
  it('uses the Japan date and pads the sequence to four digits, growing past 9999', () => {
    expect(formatInquiryNumber(new Date('2026-11-26T03:00:00Z'), 7)).toBe('Q-261126-0007');
    // 16:00 UTC is already the next morning in Tokyo.
    expect(formatInquiryNumber(new Date('2026-11-26T16:00:00Z'), 42n)).toBe('Q-261127-0042');
    expect(formatInquiryNumber(new Date('2026-11-26T03:00:00Z'), 12345)).toBe('Q-261126-12345');
  });
});

describeEachDatabase('the inquiry form', (kind) => {
  const { database, appWithOwnClock } = useTestWorld(kind);
  let slot = 0;
  let seq = 0;

  /** An app whose clock sits in its own hour, so each test has its own rate-limit windows. */
  function shop() {
    slot += 1;
    const { deps, app } = appWithOwnClock(slot * 2);
    return { deps, app };
  }
  type Shop = ReturnType<typeof shop>;

  const uniqueEmail = (who = 'customer') => {
    seq += 1;
    return `${who}.${seq}.${kind}@example.com`;
  };

  async function anOrder(shopDeps: Shop['deps'], buyer: { email: string; memberId?: string }) {
    const product = await makeProduct(database.db);
    return makeOrder(shopDeps, [{ product, quantity: 1 }], buyer);
  }

  function form(fields: Record<string, string>, photos: Blob[] = []) {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.set(name, value);
    // A browser sends an empty file part when no photo was chosen.
    if (photos.length === 0) data.append('photos', new File([], ''), '');
    for (const photo of photos) data.append('photos', photo);
    return data;
  }

  async function browserOn(app: Shop['app'], path = '/inquiry') {
    const browser = formClient(app);
    const page = await browser.get(path);
    expect(page.status).toBe(200);
    return { browser, page };
  }

  const inquiriesOf = (email: string) =>
    database.db.select().from(inquiries).where(eq(inquiries.email, email));

  const receiptsTo = (email: string) =>
    database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.recipient, email), eq(outboxMessages.topic, 'inquiry_receipt')));

  it('stores the inquiry, its first message and a receipt mail carrying the inquiry number', async () => {
    const { app, deps } = shop();
    const email = uniqueEmail();
    const order = await anOrder(deps, { email });
    const { browser, page } = await browserOn(app, '/inquiry?category=order&topic=product-orders');
    expect(page.html).toContain('<option value="order" selected="">');
    expect(page.html).toContain('name="topic" value="product-orders"');
    expect(page.html).toContain('About: Placing an order');
    expect(page.html).toContain('enctype="multipart/form-data"');

    const message = `Where is my order?\r\nIt has been a week. ${'Long text. '.repeat(30)}`;
    const res = await browser.postMultipart(
      '/inquiry',
      form({
        category: 'order',
        name: 'Taro Yamada',
        email: email.toUpperCase().replace('@EXAMPLE.COM', '@Example.com'),
        orderNumber: ` ${order.number.toLowerCase()} `,
        message,
        topic: 'product-orders',
        hp_note: '',
      }),
    );
    expect(res.status).toBe(303);
    // The number never travels in the URL: the thanks page shows it to this browser only.
    expect(res.location).toBe('/inquiry/thanks');
    const thanks = await browser.get(res.location!);
    const number = thanks.html.match(/<strong>(Q-[\d-]+)<\/strong>/)?.[1] ?? '';
    expect(number).toMatch(/^Q-261126-\d{4,}$/);
    const stranger = formClient(app);
    const other = await stranger.get(`/inquiry/thanks?n=${number}`);
    expect(other.html).not.toContain(`<strong>${number}</strong>`);
    expect(other.html).toContain('We have received your inquiry.');
    expect(thanks.html).toContain('keep the inquiry number in the subject');
    expect(thanks.html).toContain(`within ${inquiryLimits.answerBusinessDays} business days`);

    const [inquiry] = await database.db
      .select()
      .from(inquiries)
      .where(eq(inquiries.number, number));
    expect(inquiry).toMatchObject({
      category: 'order',
      state: 'open',
      name: 'Taro Yamada',
      locale: 'en',
      orderId: order.id,
      memberId: null,
      newEmail: null,
      guideSlug: 'product-orders',
    });
    expect(inquiry!.email.toLowerCase()).toBe(email);
    const thread = await database.db
      .select()
      .from(inquiryMessages)
      .where(eq(inquiryMessages.inquiryId, inquiry!.id));
    expect(thread).toHaveLength(1);
    expect(thread[0]).toMatchObject({
      kind: 'customer',
      source: 'form',
      author: inquiry!.email,
      body: message.replace(/\r\n/g, '\n'),
    });
    const [receipt] = await database.db
      .select()
      .from(outboxMessages)
      .where(
        and(eq(outboxMessages.topic, 'inquiry_receipt'), eq(outboxMessages.orderId, order.id)),
      );
    expect(receipt).toMatchObject({ recipient: inquiry!.email, locale: 'en', state: 'queued' });
    expect(receipt!.payload).toEqual({ inquiryNumber: number, category: 'An order' });
  });

  it('never quotes the customer’s text in the receipt: number and topic only', async () => {
    const { app, deps } = shop();
    const email = uniqueEmail();
    const { browser } = await browserOn(app);
    const lure = 'https://phish.example/login?from=tenpo';
    const res = await browser.postMultipart(
      '/inquiry',
      form({
        category: 'other',
        name: 'Your bank',
        email,
        message: `Your account is locked. Sign in at ${lure} within 24 hours.`,
      }),
    );
    expect(res.status).toBe(303);
    const [receipt] = await receiptsTo(email);
    expect(JSON.stringify(receipt!.payload)).not.toContain('phish.example');
    const mailer = await testMailer(database, deps.clock);
    try {
      await deliverDueMail(mailer.deps);
      const caught = await caughtMailOf(database.db, receipt!.id);
      expect(caught.raw).not.toContain('phish.example');
      const sent = await simpleParser(caught.raw);
      expect(sent.text).toContain(String(receipt!.payload.inquiryNumber));
      expect(sent.text).toContain('Other');
      expect(`${sent.text}${sent.html}`).not.toMatch(/phish|locked|https?:/);
    } finally {
      await mailer.close();
    }
  });

  it('needs the order number and the new address to change an order contact email', async () => {
    const { app, deps } = shop();
    const email = uniqueEmail();
    const order = await anOrder(deps, { email });
    const { browser } = await browserOn(app, '/inquiry?category=contact_email');
    const base = { category: 'contact_email', name: 'Hanako', email, message: 'Please move it.' };

    const missing = await browser.postMultipart('/inquiry', form(base));
    expect(missing.status).toBe(400);
    expect(missing.html).toContain(
      'Enter the number of the order whose contact email should change.',
    );
    expect(missing.html).toContain('Enter the new email address for the order.');

    const same = await browser.postMultipart(
      '/inquiry',
      form({ ...base, orderNumber: order.number, newEmail: email }),
    );
    expect(same.status).toBe(400);
    expect(same.html).toContain('This is already the contact email of the order.');

    const bad = await browser.postMultipart(
      '/inquiry',
      form({ ...base, orderNumber: order.number, newEmail: 'not an address' }),
    );
    expect(bad.status).toBe(400);
    expect(bad.html).toContain(`value="${order.number}"`);
    expect(await inquiriesOf(email)).toHaveLength(0);

    const newEmail = uniqueEmail('new');
    const ok = await browser.postMultipart(
      '/inquiry',
      form({ ...base, orderNumber: order.number, newEmail }),
    );
    expect(ok.status).toBe(303);
    const [inquiry] = await inquiriesOf(email);
    expect(inquiry).toMatchObject({ category: 'contact_email', orderId: order.id, newEmail });
  });

  it('sends the receipt to the new address and tells the order’s current address, masked', async () => {
    const { app, deps } = shop();
    const email = uniqueEmail();
    const order = await anOrder(deps, { email });
    const { browser } = await browserOn(app);
    const newEmail = uniqueEmail('moved');
    const res = await browser.postMultipart(
      '/inquiry',
      form({
        category: 'contact_email',
        name: 'Hanako',
        email,
        orderNumber: order.number,
        newEmail,
        message: 'I cannot use my old mailbox.',
      }),
    );
    expect(res.status).toBe(303);
    const [inquiry] = await inquiriesOf(email);
    expect(await receiptsTo(email)).toEqual([]);
    const [receipt] = await receiptsTo(newEmail);
    expect(receipt!.payload).toMatchObject({ inquiryNumber: inquiry!.number });

    const notices = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.topic, 'inquiry_contact_notice'));
    const mine = notices.filter((n) => n.orderId === order.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ recipient: email, locale: 'en' });
    expect(mine[0]!.payload).toEqual({
      stage: 'requested',
      inquiryNumber: inquiry!.number,
      orderNumber: order.number,
      maskedEmail: `m***@example.com`,
    });

    const mailer = await testMailer(database, deps.clock);
    try {
      await deliverDueMail(mailer.deps);
      const sent = await simpleParser((await caughtMailOf(database.db, mine[0]!.id)).raw);
      expect(sent.subject).toBe(
        `[${inquiry!.number}] Request to change the contact email of order ${order.number}`,
      );
      expect(sent.text).toContain(
        `We received a request to send the mails of order ${order.number} to m***@example.com (inquiry ${inquiry!.number}).`,
      );
      expect(sent.text).toContain('If not, reply to this mail right away.');
      expect(sent.text).not.toContain(newEmail);
      expect(`${sent.text}${sent.html}`).not.toMatch(/https?:|<a\s/);
    } finally {
      await mailer.close();
    }
  });

  it('does not write to an order address the shop no longer mails', async () => {
    const { app, deps } = shop();
    const email = uniqueEmail('dead');
    const order = await anOrder(deps, { email });
    await suppressAddress(database.db, { email, reason: 'hard_bounce', source: 'test' });
    const { browser } = await browserOn(app);
    const newEmail = uniqueEmail('alive');
    const res = await browser.postMultipart(
      '/inquiry',
      form({
        category: 'contact_email',
        name: 'Hanako',
        email,
        orderNumber: order.number,
        newEmail,
        message: 'My old mailbox is gone.',
      }),
    );
    expect(res.status).toBe(303);
    expect(await receiptsTo(newEmail)).toHaveLength(1);
    const notices = await database.db
      .select()
      .from(outboxMessages)
      .where(
        and(
          eq(outboxMessages.topic, 'inquiry_contact_notice'),
          eq(outboxMessages.orderId, order.id),
        ),
      );
    expect(notices).toEqual([]);
  });

  it('applies the address policy to both addresses; a warned new address goes through when sent again', async () => {
    const strict = shop();
    const email = uniqueEmail();
    const order = await anOrder(strict.deps, { email });
    const base = { category: 'contact_email', name: 'P', email, orderNumber: order.number };
    const { browser } = await browserOn(strict.app);
    const refused = await browser.postMultipart(
      '/inquiry',
      form({
        ...base,
        email: 'taro+shop@example.com',
        newEmail: 'new+shop@example.com',
        message: 'Move it',
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.html.match(/<p class="field-error">[^<]*\+[^<]*<\/p>/g)).toHaveLength(2);

    const lenient = createApp(
      testAppDeps(database.db, {
        ...strict.deps,
        env: parseEnv({
          LOG_LEVEL: 'silent',
          DNS_SERVERS: 'off',
          EMAIL_POLICY_RULES: 'symbol=warn',
        }),
      }),
    );
    const { browser: again } = await browserOn(lenient);
    const newEmail = `new+${uniqueEmail('shop')}`;
    const warned = await again.postMultipart(
      '/inquiry',
      form({ ...base, newEmail, message: 'Move it' }),
    );
    expect(warned.status).toBe(400);
    expect(warned.html).toContain('If the address is right, send the form again.');
    const seen = warned.html.match(/name="newEmailSeen" value="([^"]+)"/)?.[1];
    expect(seen).toBeDefined();
    const forged = await again.postMultipart(
      '/inquiry',
      form({ ...base, newEmail, message: 'Move it', newEmailSeen: 'forged' }),
    );
    expect(forged.status).toBe(400);
    const sent = await again.postMultipart(
      '/inquiry',
      form({ ...base, newEmail, message: 'Move it', newEmailSeen: seen! }),
    );
    expect(sent.status).toBe(303);
    const [inquiry] = await inquiriesOf(email);
    expect(inquiry!.newEmail).toBe(newEmail);
  });

  it('answers an unknown order number and someone else’s order with the same message', async () => {
    const { app, deps } = shop();
    const email = uniqueEmail();
    const someoneElse = await anOrder(deps, { email: uniqueEmail('other') });
    const { browser } = await browserOn(app);
    const base = { category: 'order', name: 'Jiro', email, message: 'Where is it?' };
    const foreign = await browser.postMultipart(
      '/inquiry',
      form({ ...base, orderNumber: someoneElse.number }),
    );
    const unknown = await browser.postMultipart(
      '/inquiry',
      form({ ...base, orderNumber: 'TP-261126-ZZZZZZ' }),
    );
    const text = 'We could not find an order with this number for this email address.';
    for (const res of [foreign, unknown]) {
      expect(res.status).toBe(400);
      expect(res.html).toContain(text);
      expect(res.html).toContain('value="Jiro"');
      expect(res.html).toContain('Where is it?</textarea>');
    }
    const errorOf = (html: string) => html.match(/<p class="field-error">[^<]*<\/p>/g);
    expect(errorOf(foreign.html)).toEqual(errorOf(unknown.html));
    expect(await inquiriesOf(email)).toHaveLength(0);
    expect(await receiptsTo(email)).toHaveLength(0);
  });

  it('accepts a signed-in member’s own order whatever email address they type', async () => {
    const { app, deps } = shop();
    const member = await makeMember(database.db, { password: PASSWORD });
    const order = await anOrder(deps, { email: uniqueEmail('order'), memberId: member.id });
    const browser = formClient(app);
    await browser.get('/account/sign-in');
    const signIn = await browser.post('/account/sign-in', {
      login: member.memberCode,
      password: PASSWORD,
    });
    expect(signIn.status).toBe(303);

    const page = await browser.get('/inquiry');
    expect(page.html).toMatch(
      new RegExp(`name="memberCode" value="${member.memberCode}" readonly`),
    );
    expect(page.html).toContain(`name="email" value="${member.email}"`);
    expect(page.html).toContain(`name="name" value="${member.name}"`);

    const typed = uniqueEmail('elsewhere');
    const res = await browser.postMultipart(
      '/inquiry',
      form({
        category: 'order',
        name: member.name,
        email: typed,
        // A changed read-only field does not move the inquiry to another member.
        memberCode: 'someone_else',
        orderNumber: order.number,
        message: 'Can I add an item?',
      }),
    );
    expect(res.status).toBe(303);
    const [inquiry] = await inquiriesOf(typed);
    expect(inquiry).toMatchObject({ memberId: member.id, orderId: order.id });
    const [receipt] = await receiptsTo(typed);
    expect(receipt).toMatchObject({ memberId: member.id, orderId: order.id });
  });

  it('links a guest’s member ID only when it uses the same address, and notes it for staff otherwise', async () => {
    const { app } = shop();
    const member = await makeMember(database.db);
    const { browser } = await browserOn(app);
    const base = { category: 'member_id', name: 'Guest', message: 'About my ID' };
    const linked = await browser.postMultipart(
      '/inquiry',
      form({ ...base, email: member.email, memberCode: member.memberCode.toUpperCase() }),
    );
    expect(linked.status).toBe(303);
    const [mine] = await inquiriesOf(member.email);
    expect(mine!.memberId).toBe(member.id);

    const stranger = uniqueEmail('stranger');
    const unlinked = await browser.postMultipart(
      '/inquiry',
      form({ ...base, email: stranger, memberCode: member.memberCode }),
    );
    expect(unlinked.status).toBe(303);
    const [theirs] = await inquiriesOf(stranger);
    expect(theirs!.memberId).toBeNull();
    const thread = await database.db
      .select()
      .from(inquiryMessages)
      .where(eq(inquiryMessages.inquiryId, theirs!.id));
    expect(thread.map((m) => m.kind).sort()).toEqual(['customer', 'event']);
    expect(thread.find((m) => m.kind === 'event')!.body).toContain(member.memberCode);
  });

  it('refuses a message longer than the limit and accepts one exactly at it', async () => {
    const { app } = shop();
    const email = uniqueEmail();
    const { browser } = await browserOn(app);
    const base = { category: 'other', name: 'Long', email };
    const tooLong = await browser.postMultipart(
      '/inquiry',
      form({ ...base, message: 'あ'.repeat(inquiryLimits.messageChars + 1) }),
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.html).toContain('Use at most 5000 characters (you entered 5001).');
    expect(await inquiriesOf(email)).toHaveLength(0);

    // Line breaks count once, as the browser's counter counts them.
    const atLimit = `${'x'.repeat(inquiryLimits.messageChars - 2)}\r\ny`;
    const ok = await browser.postMultipart('/inquiry', form({ ...base, message: atLimit }));
    expect(ok.status).toBe(303);
    const [inquiry] = await inquiriesOf(email);
    const [first] = await database.db
      .select()
      .from(inquiryMessages)
      .where(eq(inquiryMessages.inquiryId, inquiry!.id));
    expect([...first!.body].length).toBe(inquiryLimits.messageChars);
  });

  it('refuses a file whose content is not an image, whatever its name and declared type', async () => {
    const { app } = shop();
    const email = uniqueEmail();
    const { browser } = await browserOn(app, '/inquiry?category=returns');
    const fake = new File(['this is plain text, not a photo'], 'broken-cup.jpg', {
      type: 'image/jpeg',
    });
    const res = await browser.postMultipart(
      '/inquiry',
      form({ category: 'returns', name: 'R', email, message: 'Broken cup' }, [fake]),
    );
    expect(res.status).toBe(400);
    expect(res.html).toContain('&quot;broken-cup.jpg&quot; is not a JPEG, PNG, GIF or WebP image.');
    expect(res.html).toContain('Photos are not kept when the form is shown again');
    expect(res.html).toContain('Broken cup</textarea>');
    expect(await inquiriesOf(email)).toHaveLength(0);
  });

  it('refuses more than three photos, and a photo over 5 MB', async () => {
    const { app } = shop();
    const email = uniqueEmail();
    const { browser } = await browserOn(app);
    const base = { category: 'returns', name: 'R', email, message: 'Scratched' };
    const four = Array.from({ length: 4 }, (_, i) => new File([PNG], `p${i}.png`));
    const many = await browser.postMultipart('/inquiry', form(base, four));
    expect(many.status).toBe(400);
    expect(many.html).toContain('Attach at most 3 photos.');

    const big = new Uint8Array(inquiryLimits.photoBytes + 1);
    big.set(PNG);
    const large = await browser.postMultipart(
      '/inquiry',
      form(base, [new File([big], 'huge.png', { type: 'image/png' })]),
    );
    expect(large.status).toBe(400);
    expect(large.html).toContain('&quot;huge.png&quot; is larger than 5 MB.');
    expect(await inquiriesOf(email)).toHaveLength(0);
  });

  it('stores photos with the type their bytes show, not the one declared', async () => {
    const { app } = shop();
    const email = uniqueEmail();
    const { browser } = await browserOn(app);
    const exact = new Uint8Array(inquiryLimits.photoBytes);
    exact.set(JPEG_HEAD);
    exact.set(JPEG_END, exact.length - 2);
    const res = await browser.postMultipart(
      '/inquiry',
      form({ category: 'returns', name: 'R', email, message: 'Chipped mug' }, [
        new File([PNG], 'scan.txt', { type: 'text/plain' }),
        new File([exact], 'full-size.jpg', { type: 'image/jpeg' }),
      ]),
    );
    expect(res.status).toBe(303);
    const [inquiry] = await inquiriesOf(email);
    const photos = await database.db
      .select()
      .from(inquiryPhotos)
      .where(eq(inquiryPhotos.inquiryId, inquiry!.id));
    const byType = Object.fromEntries(photos.map((p) => [p.contentType, p]));
    expect(Object.keys(byType).sort()).toEqual(['image/jpeg', 'image/png']);
    expect(byType['image/png']!.sizeBytes).toBe(PNG.length);
    expect(Buffer.compare(byType['image/png']!.data, Buffer.from(PNG))).toBe(0);
    expect(byType['image/jpeg']!.sizeBytes).toBe(inquiryLimits.photoBytes);
  });

  it('stores a photo without its location data, with the size of what is kept', async () => {
    const { app } = shop();
    const email = uniqueEmail();
    const { browser } = await browserOn(app);
    const withGps = Uint8Array.from([...JPEG.subarray(0, 2), ...EXIF_GPS, ...JPEG.subarray(2)]);
    const res = await browser.postMultipart(
      '/inquiry',
      form({ category: 'returns', name: 'R', email, message: 'Cracked plate' }, [
        new File([withGps], 'IMG_0001.jpg', { type: 'image/jpeg' }),
      ]),
    );
    expect(res.status).toBe(303);
    const [inquiry] = await inquiriesOf(email);
    const [photo] = await database.db
      .select()
      .from(inquiryPhotos)
      .where(eq(inquiryPhotos.inquiryId, inquiry!.id));
    expect(photo!.data.equals(Buffer.from(JPEG))).toBe(true);
    expect(photo!.data.includes('GPS')).toBe(false);
    expect(photo!.sizeBytes).toBe(JPEG.length);
  });

  it('refuses a photo whose structure is broken like a file that is not an image', async () => {
    const { app } = shop();
    const email = uniqueEmail();
    const { browser } = await browserOn(app);
    // Cut in the middle of the Exif segment: it starts like a JPEG but is not one.
    const cut = Uint8Array.from([...JPEG.subarray(0, 2), ...EXIF_GPS.subarray(0, 12)]);
    const res = await browser.postMultipart(
      '/inquiry',
      form({ category: 'returns', name: 'R', email, message: 'Cut photo' }, [
        new File([cut], 'cut.jpg', { type: 'image/jpeg' }),
      ]),
    );
    expect(res.status).toBe(400);
    expect(res.html).toContain('&quot;cut.jpg&quot; is not a JPEG, PNG, GIF or WebP image.');
    expect(await inquiriesOf(email)).toHaveLength(0);
  });

  it('keeps script typed in any field as text: stored verbatim and shown escaped', async () => {
    const { app } = shop();
    const { browser } = await browserOn(app);
    const everywhere = {
      category: SCRIPT,
      name: SCRIPT,
      email: SCRIPT,
      memberCode: SCRIPT,
      orderNumber: SCRIPT,
      newEmail: SCRIPT,
      message: SCRIPT,
      topic: SCRIPT,
    };
    const refused = await browser.postMultipart('/inquiry', form(everywhere));
    expect(refused.status).toBe(400);
    expect(refused.html).not.toContain(SCRIPT);
    // Name, email, member ID, order number, new email and message are each shown back, escaped.
    expect(refused.html.split(ESCAPED).length - 1).toBeGreaterThanOrEqual(6);

    const email = uniqueEmail();
    const stored = await browser.postMultipart(
      '/inquiry',
      form({ category: 'other', name: SCRIPT, email, message: `${SCRIPT} & more` }),
    );
    expect(stored.status).toBe(303);
    const [inquiry] = await inquiriesOf(email);
    expect(inquiry!.name).toBe(SCRIPT);
    const [first] = await database.db
      .select()
      .from(inquiryMessages)
      .where(eq(inquiryMessages.inquiryId, inquiry!.id));
    expect(first!.body).toBe(`${SCRIPT} & more`);
    const [receipt] = await receiptsTo(email);
    expect(JSON.stringify(receipt!.payload)).not.toContain('script');
  });

  it('keeps only guide topics the guide has, and ignores a category it does not know', async () => {
    const { app } = shop();
    const email = uniqueEmail();
    const { browser, page } = await browserOn(
      app,
      '/inquiry?category=refunds&topic=no-such-article',
    );
    expect(page.html).not.toContain('name="topic"');
    expect(page.html).not.toContain('About:');
    expect(page.html).toContain('<option value="" selected="">');
    const res = await browser.postMultipart(
      '/inquiry',
      form({ category: 'shipping', name: 'S', email, message: 'When?', topic: 'no-such-article' }),
    );
    expect(res.status).toBe(303);
    const [inquiry] = await inquiriesOf(email);
    expect(inquiry!.guideSlug).toBeNull();
  });

  it('pretends success when the honeypot is filled, and stores and sends nothing', async () => {
    const { app } = shop();
    const email = uniqueEmail();
    const { browser, page } = await browserOn(app);
    expect(page.html).toMatch(/<div class="inquiry-hp" aria-hidden="true">/);
    expect(page.html).toMatch(/name="hp_note" value="" tabindex="-1" autocomplete="new-password"/);
    // A real inquiry first, so the bot's page is compared with a real one from the same browser.
    const real = await browser.postMultipart(
      '/inquiry',
      form({ category: 'other', name: 'Person', email: uniqueEmail('person'), message: 'Hi' }),
    );
    const realThanks = await browser.get(real.location!);
    expect(realThanks.html).toMatch(/<strong>Q-\d{6}-\d+<\/strong>/);
    const res = await browser.postMultipart(
      '/inquiry',
      form({
        category: 'other',
        name: 'Bot',
        email,
        message: 'Cheap watches',
        hp_note: 'http://spam.example',
      }),
    );
    expect(res.status).toBe(303);
    expect(res.location).toBe(real.location);
    const thanks = await browser.get(res.location!);
    // The same page as after a real inquiry, without the number block.
    const withoutNumber = realThanks.html.replace(
      /<p>Your inquiry number is<\/p><p class="inquiry-number"><strong>[^<]+<\/strong><\/p>/,
      '',
    );
    expect(withoutNumber).not.toBe(realThanks.html);
    expect(thanks.html).toBe(withoutNumber);
    expect(await inquiriesOf(email)).toHaveLength(0);
    expect(await receiptsTo(email)).toHaveLength(0);
  });

  it('answers a flood with 429, the time to try again and the form as typed', async () => {
    const { app } = shop();
    const { browser } = await browserOn(app);
    const emails: string[] = [];
    for (let i = 0; i < inquiryLimits.perIpPerHour; i++) {
      const email = uniqueEmail('flood');
      emails.push(email);
      const res = await browser.postMultipart(
        '/inquiry',
        form({ category: 'other', name: 'Flood', email, message: `Message ${i}` }),
      );
      expect(res.status).toBe(303);
    }
    const last = uniqueEmail('flood');
    const res = await browser.postMultipart(
      '/inquiry',
      form({ category: 'other', name: 'Flood', email: last, message: 'One too many' }),
    );
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(res.html).toMatch(/Please try again at \d{2}:\d{2} \(\d+ \w+\)/);
    expect(res.html).toContain('One too many</textarea>');
    expect(res.html).toContain(`value="${last}"`);
    expect(await inquiriesOf(last)).toHaveLength(0);
  });

  it('limits one email address per day across client addresses', async () => {
    const { app } = shop();
    const email = uniqueEmail('chatty');
    let status = 0;
    let sent = 0;
    // From a new client address each time, so only the per-address limit can stop it.
    for (let i = 0; i <= inquiryLimits.perEmailPerDay && status !== 429; i++) {
      const { browser } = await browserOn(app);
      const res = await browser.postMultipart(
        '/inquiry',
        form({ category: 'other', name: 'C', email, message: `Again ${i}` }),
        `203.0.113.${i + 1}`,
      );
      status = res.status;
      if (status === 303) sent += 1;
    }
    expect(status).toBe(429);
    expect(sent).toBe(inquiryLimits.perEmailPerDay);
  });

  it('works in Japanese, with the receipt in Japanese', async () => {
    const { app, deps } = shop();
    const email = uniqueEmail();
    const browser = formClient(app);
    browser.cookies.set('tp_lang', 'ja');
    const page = await browser.get('/inquiry?category=returns&topic=defective-items');
    expect(page.html).toContain('<h1>お問い合わせ</h1>');
    expect(page.html).toContain('対象の記事：不良品について');
    expect(page.html).toContain('<option value="returns" selected="">返品・不良品</option>');
    expect(page.html).toContain('メールが届かない');

    const empty = await browser.postMultipart(
      '/inquiry',
      form({ category: 'missing_email', name: '山田太郎', email, message: '   ' }),
    );
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('お問い合わせ内容を入力してください。');
    expect(empty.html).toContain('value="山田太郎"');

    const res = await browser.postMultipart(
      '/inquiry',
      form({
        category: 'missing_email',
        name: '山田太郎',
        email,
        message: '確認メールが届きません。',
      }),
    );
    expect(res.status).toBe(303);
    const thanks = await browser.get(res.location!);
    expect(thanks.html).toContain('お問い合わせ番号');
    const [inquiry] = await inquiriesOf(email);
    expect(inquiry!.locale).toBe('ja');
    const [receipt] = await receiptsTo(email);
    expect(receipt!.locale).toBe('ja');
    expect(receipt!.payload).toEqual({
      inquiryNumber: inquiry!.number,
      category: 'メールが届かない',
    });

    const mailer = await testMailer(database, deps.clock);
    try {
      await deliverDueMail(mailer.deps);
      const sent = await simpleParser((await caughtMailOf(database.db, receipt!.id)).raw);
      expect(sent.subject).toBe(`[${inquiry!.number}] お問い合わせについて`);
      expect(sent.text).not.toContain('確認メールが届きません。');
      expect(sent.text).toContain('お問い合わせを受け付けました');
      expect(sent.text).toContain('メールが届かない');
    } finally {
      await mailer.close();
    }
  });
});
