import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  classifyStatus,
  messageIdFromVerp,
  parseInboundReport,
  statusFromText,
} from './parse-bounce.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const verp = (id: string) => `bounces+${id}@bounces.tenpo.example`;

const bounces = [
  {
    name: 'a Postfix "user unknown" DSN as a hard bounce',
    file: 'postfix-user-unknown.eml',
    messageId: 'ab92fd66-761a-4592-bfaa-9d74093bc5cd',
    recipient: 'taro.yamada@example.net',
    status: '5.1.1',
    bounceClass: 'hard',
    phrase: 'User unknown in virtual mailbox table',
    reportingMta: 'mail.example.net',
  },
  {
    name: 'a Postfix delayed-mail DSN (Action: delayed) as a soft bounce',
    file: 'postfix-delayed.eml',
    messageId: 'b492c1fe-f9bc-41af-9803-1c987dbf206e',
    recipient: 'mika.suzuki@example.org',
    status: '4.4.1',
    bounceClass: 'soft',
    phrase: 'Connection timed out',
    reportingMta: 'relay.example.org',
  },
  {
    name: 'an Exim DSN, replacing its generic 5.0.0 with the 5.1.1 from the diagnostic',
    file: 'exim-dsn.eml',
    messageId: 'fb6d8192-9075-4fba-86d5-f186740dc81d',
    recipient: 'hanako.ito@example.org',
    status: '5.1.1',
    bounceClass: 'hard',
    phrase: 'User unknown in local recipient table',
    reportingMta: 'mx1.example.org',
  },
  {
    name: 'an Exim bounce without DSN from X-Failed-Recipients, though it says auto-replied',
    file: 'exim-plain.eml',
    messageId: '2205399a-e291-4253-b8d9-55ad76495833',
    recipient: 'yuki.kato@example.com',
    status: '5.1.1',
    bounceClass: 'hard',
    phrase: 'User unknown in virtual alias table',
    reportingMta: null,
  },
  {
    name: 'an Outlook.com NDR (550 5.5.0 mailbox unavailable) as a hard bounce',
    file: 'outlook-mailbox-unavailable.eml',
    messageId: '35cb1c4f-1308-4db4-bb23-de9983f49a2c',
    recipient: 'ghost.user@outlook.com',
    status: '5.5.0',
    bounceClass: 'hard',
    phrase: 'Requested action not taken: mailbox unavailable',
    reportingMta: 'BN8NAM12HT123.mail.protection.outlook.com',
  },
  {
    name: 'a Gmail "account does not exist" DSN, unfolding its multi-line reply',
    file: 'gmail-no-such-user.eml',
    messageId: '8d856215-c07f-4e98-bc39-24e86b11b989',
    recipient: 'nonexistent.fan@gmail.com',
    status: '5.1.1',
    bounceClass: 'hard',
    phrase:
      "does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces.",
    reportingMta: 'googlemail.com',
  },
  {
    name: 'a Yahoo plain-text failure notice with only a 554 reply code as a hard bounce',
    file: 'yahoo-no-account.eml',
    messageId: 'ab96524b-4881-4ce5-945d-ceaae9e09b99',
    recipient: 'no.such.fan@yahoo.com',
    status: '5.0.0',
    bounceClass: 'hard',
    phrase: "This user doesn't have a yahoo.com account",
    reportingMta: null,
  },
  {
    name: 'a sendmail "mailbox full" (5.2.2) DSN as a soft bounce',
    file: 'sendmail-mailbox-full.eml',
    messageId: 'cbd82cf3-794c-4bce-a93f-5a30bb76ace2',
    recipient: 'sakura.hayashi@example.ne.jp',
    status: '5.2.2',
    bounceClass: 'soft',
    phrase: 'Mailbox full',
    reportingMta: 'mail.example.ne.jp',
  },
  {
    name: 'a qmail plain-text bounce (#5.1.1) as a hard bounce',
    file: 'qmail-no-mailbox.eml',
    messageId: 'e12df954-56e6-46f5-b84f-08087245b6cf',
    recipient: 'kenji.ogawa@example.net',
    status: '5.1.1',
    bounceClass: 'hard',
    phrase: 'no mailbox here by that name',
    reportingMta: 'mail.example.net',
  },
  {
    name: 'an old Exchange plain-text NDR as a hard bounce',
    file: 'exchange-legacy-plain.eml',
    messageId: '5f284da8-8d1e-4c98-89de-04e956b59876',
    recipient: 'm.sato@corp.example.com',
    status: '5.1.1',
    bounceClass: 'hard',
    phrase: 'The e-mail account does not exist',
    reportingMta: 'mail.corp.example.com',
  },
] as const;

describe('parseInboundReport', () => {
  it.each(bounces)('reads $name', async (c) => {
    const report = await parseInboundReport(fixture(c.file), [verp(c.messageId)]);
    expect(report).toMatchObject({
      kind: 'bounce',
      messageId: c.messageId,
      recipient: c.recipient,
      status: c.status,
      bounceClass: c.bounceClass,
      reportingMta: c.reportingMta,
    });
    expect(report.kind === 'bounce' && report.diagnostic).toContain(c.phrase);
  });

  it.each(bounces.filter((c) => c.file !== 'exchange-legacy-plain.eml'))(
    'finds the message id in the returned original of $file when the envelope has no VERP address',
    async (c) => {
      const report = await parseInboundReport(fixture(c.file), ['postmaster@tenpo.example']);
      expect(report.messageId).toBe(c.messageId);
    },
  );

  it('leaves the message id empty when neither the envelope nor the report names our message', async () => {
    const report = await parseInboundReport(fixture('exchange-legacy-plain.eml'), []);
    expect(report).toMatchObject({ kind: 'bounce', messageId: null, status: '5.1.1' });
  });

  it('prefers the VERP envelope recipient over ids found inside the report', async () => {
    const other = '11111111-2222-4333-8444-555555555555';
    const report = await parseInboundReport(fixture('postfix-user-unknown.eml'), [
      'someone@else.example',
      verp(other.toUpperCase()),
    ]);
    expect(report.messageId).toBe(other);
  });

  it('reads an ARF abuse report as a complaint, finding the message from the report', async () => {
    const report = await parseInboundReport(fixture('yahoo-arf-abuse.eml'), ['fbl@tenpo.example']);
    expect(report).toEqual({
      kind: 'complaint',
      messageId: 'aa00c515-7971-4cd0-be52-097ed8d31512',
      recipient: 'aiko.fan@yahoo.com',
      feedbackType: 'abuse',
      userAgent: 'Yahoo!-Mail-Feedback/2.0',
    });
  });

  it('reads a complaint whose report leaves out sender and recipient from the inline original', async () => {
    const raw = fixture('yahoo-arf-abuse.eml')
      .toString()
      .replace(/^Original-(?:Mail-From|Rcpt-To): .*\n/gm, '');
    const report = await parseInboundReport(raw, []);
    expect(report).toMatchObject({
      kind: 'complaint',
      messageId: 'aa00c515-7971-4cd0-be52-097ed8d31512',
      recipient: 'aiko.fan@yahoo.com',
    });
  });

  it('treats an out-of-office reply as unrecognised but still names the message', async () => {
    const id = '4a008264-266e-4102-a0cb-699a3e6fa733';
    const report = await parseInboundReport(fixture('out-of-office.eml'), [verp(id)]);
    expect(report).toEqual({ kind: 'unrecognised', messageId: id, reason: 'auto-reply' });
  });

  it("reads the id from the original's Message-ID when that is all the report carries", async () => {
    const id = '0f0e0d0c-0b0a-4909-8807-060504030201';
    const report = await parseInboundReport(
      dsn({ status: '5.1.1', original: `Message-ID: <${id}@tenpo.example>\nTo: a@example.com` }),
      [],
    );
    expect(report).toMatchObject({ kind: 'bounce', messageId: id, recipient: 'a@example.com' });
  });

  it('reads the id from X-Tenpo-Message-Id of the original when its Message-ID is foreign', async () => {
    const id = '0f0e0d0c-0b0a-4909-8807-060504030201';
    const original = `Message-ID: <20241114.abc@relay.example>\nX-Tenpo-Message-Id: ${id.toUpperCase()}`;
    const report = await parseInboundReport(dsn({ status: '5.1.1', original }), []);
    expect(report.messageId).toBe(id);
  });

  it('treats a DSN that reports only successful delivery as unrecognised', async () => {
    const report = await parseInboundReport(dsn({ status: '2.0.0', action: 'delivered' }), []);
    expect(report).toMatchObject({
      kind: 'unrecognised',
      reason: 'delivery report without a failure',
    });
  });

  it('treats an ARF authentication-failure report as unrecognised, not a complaint', async () => {
    const raw = fixture('yahoo-arf-abuse.eml')
      .toString()
      .replace('Feedback-Type: abuse', 'Feedback-Type: auth-failure');
    const report = await parseInboundReport(raw, []);
    expect(report).toMatchObject({ kind: 'unrecognised', reason: 'authentication failure report' });
  });

  it('treats an ordinary reply from a person as unrecognised', async () => {
    const raw =
      'From: fan@example.com\nTo: shop@tenpo.example\nSubject: Re: your order\n\nThanks!\n';
    const report = await parseInboundReport(raw, []);
    expect(report.kind).toBe('unrecognised');
  });

  it.each([
    ['an empty string', ''],
    ['random bytes', randomBytes(64 * 1024)],
    ['a 1 MB body of noise', `Subject: hello\n\n${'lorem ipsum 550 dolor '.repeat(50_000)}`],
    ['a 2 MB header line', `X-Junk: ${'a'.repeat(2 * 1024 * 1024)}\n\nbody`],
    ['a JSON document', '{"events": []}'],
    ['an unterminated multipart report', 'Content-Type: multipart/report; boundary=x\n\n--x\n'],
  ])('never throws on %s and returns unrecognised', async (_name, raw) => {
    const report = await parseInboundReport(raw, []);
    expect(report.kind).toBe('unrecognised');
  });

  it('scans a bounce full of long unbroken words in linear time', async () => {
    const raw = `From: MAILER-DAEMON@mx.example.com\nSubject: Undelivered Mail\n\n550 5.1.1 user unknown\n${'a.'.repeat(500_000)}\n`;
    const started = performance.now();
    const report = await parseInboundReport(raw, []);
    expect(report).toMatchObject({ kind: 'bounce', status: '5.1.1', recipient: null });
    // A quadratic address scan took over 30 s on this input.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('messageIdFromVerp', () => {
  const id = '8d856215-c07f-4e98-bc39-24e86b11b989';
  it.each([
    [`bounces+${id}@bounces.tenpo.example`, id],
    [`BOUNCES+${id.toUpperCase()}@Bounces.Tenpo.Example`, id],
    [`<bounces+${id}@bounces.tenpo.example>`, id],
    [`bounces+${id}+extra@bounces.tenpo.example`, null],
    ['bounces+not-a-uuid@bounces.tenpo.example', null],
    [`bounces+${id.slice(0, -1)}@bounces.tenpo.example`, null],
    [`shop+${id}@tenpo.example`, null],
    [`xbounces+${id}@tenpo.example`, null],
    [`bounces+${id}`, null],
    [`bounces+${id}@a@b.example`, null],
    ['', null],
  ])('maps %s to %s', (address, expected) => {
    expect(messageIdFromVerp(address)).toBe(expected);
  });
});

describe('classifyStatus', () => {
  it.each([
    ['4.4.1', 'connection timed out', 'soft'],
    ['4.2.2', 'mailbox full', 'soft'],
    ['4.1.1', 'user unknown (try again later)', 'soft'],
    ['5.1.1', 'user unknown', 'hard'],
    ['5.1.10', 'recipient address rejected', 'hard'],
    ['5.5.0', 'mailbox unavailable', 'hard'],
    ['5.2.1', 'mailbox disabled', 'hard'],
    ['5.2.2', 'mailbox full', 'soft'],
    ['5.1.8', 'bad sender domain', 'soft'],
    ['5.7.1', 'message rejected as spam', 'soft'],
    ['5.7.26', 'unauthenticated email is not accepted due to DMARC policy', 'soft'],
    ['5.7.1', 'relay access denied', 'hard'],
    ['5.0.0', 'over quota', 'soft'],
    ['5.0.0', 'no such user here', 'hard'],
    ['5.0.0', 'something went wrong', 'hard'],
    [null, 'mailbox is full', 'soft'],
    [null, 'quota exceeded', 'soft'],
    [null, 'user unknown', 'hard'],
    [null, 'the address does not exist', 'hard'],
    [null, 'no such user', 'hard'],
    [null, 'blocked using Spamhaus', 'soft'],
    [null, 'try again later', 'soft'],
    [null, 'something went wrong', 'soft'],
  ] as const)('classifies %s "%s" as %s', (status, diagnostic, expected) => {
    expect(classifyStatus(status, diagnostic)).toBe(expected);
  });
});

describe('statusFromText', () => {
  it.each([
    ['550 5.1.1 <a@example.com>: User unknown', '5.1.1'],
    ['550-5.1.1 The email account', '5.1.1'],
    ['Sorry, no mailbox here by that name. (#5.1.1)', '5.1.1'],
    ['reason: 552 5.2.2 Mailbox full', '5.2.2'],
    ['Status: 4.4.1', '4.4.1'],
    ['Remote host said: 554 delivery error', '5.0.0'],
    ['received by Exim 4.97.1 from 192.0.2.1', null],
    ['250 2.0.0 OK', null],
    ['', null],
  ])('reads %s as %s', (text, expected) => {
    expect(statusFromText(text)).toBe(expected);
  });
});

/** A minimal RFC 3464 report around one recipient, for cases the fixtures don't cover. */
function dsn(options: { status: string; action?: string; original?: string }): string {
  return [
    'From: MAILER-DAEMON@mx.example.com',
    'To: postmaster@tenpo.example',
    'Subject: Delivery Status Notification',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain',
    '',
    'Delivery report.',
    '',
    '--b',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.com',
    '',
    'Final-Recipient: rfc822; a@example.com',
    `Action: ${options.action ?? 'failed'}`,
    `Status: ${options.status}`,
    '',
    '--b',
    'Content-Type: text/rfc822-headers',
    '',
    options.original ?? 'Subject: hello',
    '',
    '--b--',
    '',
  ].join('\r\n');
}
