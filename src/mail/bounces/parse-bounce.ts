import { type ParsedMail, simpleParser } from 'mailparser';

export type BounceClass = 'hard' | 'soft';

export interface ParsedBounce {
  kind: 'bounce';
  messageId: string | null;
  recipient: string | null;
  /** RFC 3463 enhanced status such as '5.1.1'; a bare SMTP code 554 becomes '5.0.0'. */
  status: string | null;
  bounceClass: BounceClass;
  diagnostic: string;
  reportingMta: string | null;
}

export interface ParsedComplaint {
  kind: 'complaint';
  messageId: string | null;
  recipient: string | null;
  feedbackType: string;
  userAgent: string | null;
}

export interface Unrecognised {
  kind: 'unrecognised';
  messageId: string | null;
  reason: string;
}

export type InboundReport = ParsedBounce | ParsedComplaint | Unrecognised;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Bounces rarely exceed a few hundred KB; refuse to parse anything absurd rather than eat memory.
const MAX_REPORT_BYTES = 10 * 1024 * 1024;
// The human-readable part of a bounce is short; a quoted original can be huge.
const MAX_SCAN_CHARS = 200_000;
const MAX_DIAGNOSTIC_CHARS = 1000;

const LOCAL_CHAR = /[A-Za-z0-9._%+'=-]/;
const DOMAIN_CHAR = /[A-Za-z0-9.-]/;
/** One case-insensitive pattern from a list of phrases (each may hold regex syntax). */
const anyOf = (...phrases: string[]) => new RegExp(phrases.join('|'), 'i');

const MAILBOX_FULL = anyOf(
  'mailbox (?:is )?full',
  'over ?quota',
  'quota (?:exceeded|full)',
  'exceed(?:s|ed)? (?:\\w+ )?(?:quota|storage)',
  'insufficient (?:system )?storage',
  'mailbox size limit',
  'out of (?:disk )?space',
);
const UNKNOWN_USER = anyOf(
  'user unknown',
  'unknown (?:user|recipient|address|local part)',
  'no such (?:user|mailbox|recipient|address|account)',
  "n[o']t exist",
  "(?:does not|doesn't) have an? [\\w.-]+ account",
  'no mailbox here',
  'mailbox (?:unavailable|not found|disabled|inactive)',
  'account (?:is )?(?:disabled|inactive|suspended|deactivated)',
  'invalid (?:recipient|mailbox|address)',
  'recipient (?:address )?rejected',
  'address rejected',
  'user not found',
  'bad destination mailbox',
  "n[o']t found at",
);
// Refusals about our mail or our reputation say nothing about the customer's address.
const SENDER_SIDE = anyOf(
  'spam',
  'unsolicited',
  'block(?:ed|list)',
  'blacklist',
  'denylist',
  '\\brbl\\b',
  'reputation',
  'dmarc',
  '\\bspf\\b',
  'dkim',
  'unauthenticated',
  'not authenticated',
);
const TEMPORARY = anyOf(
  'temporar',
  'try again',
  'deferr',
  'greylist',
  'timed out',
  'connection refused',
);
const FAILURE_WORDS = anyOf(
  "could ?n[o']t be delivered",
  'unable to deliver',
  'undeliverable',
  'delivery (?:has )?failed',
  'permanent (?:error|failure)',
  'cannot be reached',
  "was(?: not|n't) (?:able to )?deliver",
  'not be delivered',
);
const BOUNCE_SUBJECT = anyOf(
  'undeliver',
  'delivery status notification',
  'mail delivery failed',
  'delivery failure',
  'failure notice',
  'returned mail',
  'returned to sender',
  'non-?delivery',
  'delivery error',
);
const DAEMON_SENDER = /^(?:mailer-daemon|mail-daemon|postmaster|mdaemon)@/i;
const AUTO_REPLY_SUBJECT = anyOf(
  '^automatic reply',
  '^auto(?:matic)?[- ]?(?:reply|response)',
  '^out of (?:the )?office',
  '^auto:',
  '^(?:自動応答|自動返信|不在)',
);
// Servers quote our message below their notice; everything after this line is the copy.
const COPY_MARKER = new RegExp(
  `^.*(?:${[
    'below this line is a copy of the message',
    'this is a copy of the message',
    'original message follows',
    'original message headers',
    'returned message follows',
    'undelivered message follows',
    '-{2,} ?original message ?-{2,}',
  ].join('|')}).*$`,
  'im',
);

/** Maps `bounces+<uuid>@domain` (any case, optional angle brackets) to the uuid, else null. */
export function messageIdFromVerp(address: string): string | null {
  const match = /^<?\s*bounces\+([^@\s<>]+)@[^@\s<>]+\s*>?$/i.exec(address.trim());
  const id = match?.[1];
  return id && UUID.test(id) ? id.toLowerCase() : null;
}

/** Maps a Message-ID header `<uuid@domain>` to the uuid, else null. */
export function messageIdFromHeader(value: string | null | undefined): string | null {
  if (!value) return null;
  const match = /<([^<>@\s]+)@[^<>\s]+>/.exec(value) ?? /^\s*([^<>@\s]+)@\S+\s*$/.exec(value);
  const id = match?.[1];
  return id && UUID.test(id) ? id.toLowerCase() : null;
}

/** Maps an `X-Tenpo-Message-Id` header value (a bare uuid) to the uuid, else null. */
export function messageIdFromTenpoHeader(value: string | null | undefined): string | null {
  const id = value?.trim();
  return id && UUID.test(id) ? id.toLowerCase() : null;
}

/**
 * Hard (the address itself is dead: stop sending, ask the customer to change it) or soft (try
 * again later). Rules, first match wins:
 * 1. 4.x.x → soft: the receiving server said the failure is temporary.
 * 2. 5.2.2 → soft: mailbox full; the address exists and the customer can make room.
 * 3. 5.1.7, 5.1.8, or 5.7.x with spam/blocklist/DMARC/SPF/DKIM wording → soft: the refusal is
 *    about our sender or reputation, not the customer's address.
 * 4. any other specific 5.x.x (not 5.0.0) → hard.
 * 5. no status or the catch-all 5.0.0, by wording: mailbox full/quota → soft; user unknown,
 *    does not exist, no such user → hard; spam/blocklist → soft; temporary/deferred → soft.
 * 6. otherwise 5.0.0 → hard, and no status at all → soft (no evidence against the address).
 */
export function classifyStatus(status: string | null, diagnostic: string): BounceClass {
  const code = status?.trim() ?? '';
  if (code.startsWith('4.')) return 'soft';
  if (code === '5.2.2') return 'soft';
  if (code === '5.1.7' || code === '5.1.8') return 'soft';
  if (code.startsWith('5.7.') && SENDER_SIDE.test(diagnostic)) return 'soft';
  if (code.startsWith('5.') && code !== '5.0.0') return 'hard';
  if (MAILBOX_FULL.test(diagnostic)) return 'soft';
  if (UNKNOWN_USER.test(diagnostic)) return 'hard';
  if (SENDER_SIDE.test(diagnostic) || TEMPORARY.test(diagnostic)) return 'soft';
  return code === '5.0.0' ? 'hard' : 'soft';
}

/** Finds the first failure status in free text ('550 5.1.1', '#5.1.1', '5.2.2', '554 …'). */
export function statusFromText(text: string): string | null {
  return findStatus(text)?.status ?? null;
}

/** Reads a bounce (RFC 3464 DSN or a common plain-text form) or an ARF complaint; never throws. */
export async function parseInboundReport(
  raw: Buffer | string,
  envelopeRecipients: string[],
): Promise<InboundReport> {
  const verpId = envelopeRecipients.map(messageIdFromVerp).find((id) => id !== null) ?? null;
  if (raw.length > MAX_REPORT_BYTES) {
    return { kind: 'unrecognised', messageId: verpId, reason: 'report too large to parse' };
  }
  try {
    // ignoreEmbedded keeps the returned original as raw bytes instead of merging it into `text`.
    const mail = await simpleParser(raw, { keepDeliveryStatus: true, ignoreEmbedded: true });
    return readReport(mail, verpId);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { kind: 'unrecognised', messageId: verpId, reason: `unparseable message: ${detail}` };
  }
}

function readReport(mail: ParsedMail, verpId: string | null): InboundReport {
  const part = (...types: string[]) =>
    mail.attachments
      .find((a) => types.includes(a.contentType.toLowerCase()))
      ?.content.toString('utf8');
  const text = (mail.text ?? '').slice(0, MAX_SCAN_CHARS).replace(/\r\n?/g, '\n');
  const { notice, copy } = splitAtCopy(text);
  const originalPart = part(
    'message/rfc822',
    'text/rfc822-headers',
    'message/global',
    'message/global-headers',
  );
  const original = headerBlock(originalPart ?? copy);
  const deliveryStatus = part('message/delivery-status', 'message/global-delivery-status');
  const feedback = part('message/feedback-report');
  const failedRecipient = firstAddress(topHeader(mail, 'x-failed-recipients'));

  if (feedback !== undefined) {
    const report = fields(feedback);
    const messageId =
      verpId ?? messageIdFromVerp(report.get('original-mail-from') ?? '') ?? originalId(original);
    const feedbackType = (report.get('feedback-type') ?? 'abuse').toLowerCase();
    // DMARC/auth-failure reports are about our signing, not a recipient asking us to stop.
    if (feedbackType === 'auth-failure') {
      return { kind: 'unrecognised', messageId, reason: 'authentication failure report' };
    }
    return {
      kind: 'complaint',
      messageId,
      recipient: firstAddress(report.get('original-rcpt-to')) ?? firstAddress(original.get('to')),
      feedbackType,
      userAgent: report.get('user-agent') ?? null,
    };
  }

  if (deliveryStatus !== undefined) {
    const dsn = readDeliveryStatus(deliveryStatus);
    const messageId =
      verpId ??
      originalId(original) ??
      messageIdFromHeader(dsn.perMessage.get('x-original-message-id'));
    const failed = dsn.recipients.find((r) => r.action === 'failed');
    const chosen = failed ?? dsn.recipients.find((r) => r.action === 'delayed');
    if (!chosen) {
      return { kind: 'unrecognised', messageId, reason: 'delivery report without a failure' };
    }
    const found = findStatus(notice);
    const diagnostic = clip(chosen.diagnostic ?? (found ? paragraphAt(notice, found.index) : ''));
    const status = refineStatus(chosen.status ?? found?.status ?? null, diagnostic);
    return {
      kind: 'bounce',
      messageId,
      recipient:
        chosen.recipient ??
        failedRecipient ??
        firstAddress(original.get('to')) ??
        findRecipientInText(notice),
      status,
      bounceClass: chosen.action === 'delayed' ? 'soft' : classifyStatus(status, diagnostic),
      diagnostic,
      reportingMta: stripType(dsn.perMessage.get('reporting-mta')) ?? findReportingMta(notice),
    };
  }

  return readPlainBounce(mail, { verpId, notice, original, failedRecipient });
}

/** Non-standard bounces: qmail, Yahoo, Exim without DSN, old Exchange. */
function readPlainBounce(
  mail: ParsedMail,
  input: {
    verpId: string | null;
    notice: string;
    original: Map<string, string>;
    failedRecipient: string | null;
  },
): InboundReport {
  const { notice, original, failedRecipient } = input;
  const messageId = input.verpId ?? originalId(original);
  const found = findStatus(notice);
  const keyword = [UNKNOWN_USER, MAILBOX_FULL, FAILURE_WORDS]
    .map((pattern) => pattern.exec(notice))
    .find((match) => match !== null);
  const from = mail.from?.value[0]?.address ?? '';
  const looksLikeBounce = DAEMON_SENDER.test(from) || BOUNCE_SUBJECT.test(mail.subject ?? '');
  const strongStatus = found !== null && found.strength === 'strong';
  const autoReply = isAutoReply(mail);
  // Failure evidence wins over Auto-Submitted: Exim and Postfix mark their bounces auto-replied too.
  const isBounce =
    failedRecipient !== null ||
    (looksLikeBounce && (found !== null || keyword !== undefined)) ||
    (!autoReply && strongStatus && keyword !== undefined);
  if (!isBounce) {
    const reason = autoReply ? 'auto-reply' : 'no delivery or feedback report found';
    return { kind: 'unrecognised', messageId, reason };
  }
  const at = found?.index ?? keyword?.index;
  const diagnostic = clip(
    at !== undefined ? paragraphAt(notice, at) : firstParagraph(notice) || (mail.subject ?? ''),
  );
  const status = found?.status ?? null;
  return {
    kind: 'bounce',
    messageId,
    recipient: failedRecipient ?? findRecipientInText(notice) ?? firstAddress(original.get('to')),
    status,
    bounceClass: classifyStatus(status, diagnostic),
    diagnostic,
    reportingMta: findReportingMta(notice),
  };
}

interface DsnRecipient {
  action: 'failed' | 'delayed' | 'other';
  recipient: string | null;
  status: string | null;
  diagnostic: string | null;
}

/** RFC 3464: one block of per-message fields, then one block per recipient. */
function readDeliveryStatus(body: string): {
  perMessage: Map<string, string>;
  recipients: DsnRecipient[];
} {
  const perMessage = new Map<string, string>();
  const recipients: DsnRecipient[] = [];
  for (const block of body.split(/\r?\n[ \t]*\r?\n/)) {
    const group = fields(block);
    if (!group.has('final-recipient') && !group.has('action') && !group.has('status')) {
      for (const [name, value] of group) if (!perMessage.has(name)) perMessage.set(name, value);
      continue;
    }
    const status = statusFromText(group.get('status') ?? '');
    const declared = group.get('action')?.toLowerCase().split(/\s/)[0];
    // A DSN without Action is read from its status class.
    const action =
      declared === 'failed' || (!declared && status?.startsWith('5.'))
        ? 'failed'
        : declared === 'delayed' || (!declared && status?.startsWith('4.'))
          ? 'delayed'
          : 'other';
    const diagnostic = group.get('diagnostic-code');
    recipients.push({
      action,
      recipient:
        firstAddress(stripType(group.get('original-recipient'))) ??
        firstAddress(stripType(group.get('final-recipient'))),
      status,
      diagnostic: diagnostic ? tidyDiagnostic(diagnostic) : null,
    });
  }
  return { perMessage, recipients };
}

/** Header-style fields (name: value, folded lines unfolded), lower-case names, first value wins. */
function fields(block: string): Map<string, string> {
  const result = new Map<string, string>();
  let name: string | null = null;
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && name !== null) {
      result.set(name, `${result.get(name)} ${line.trim()}`);
      continue;
    }
    const match = /^([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:(.*)$/.exec(line);
    name = match && !result.has(match[1]!.toLowerCase()) ? match[1]!.toLowerCase() : null;
    if (match && name) result.set(name, match[2]!.trim());
  }
  for (const [key, value] of result) result.set(key, value.replace(/\s+/g, ' ').trim());
  return result;
}

/** The header block of an attached or quoted original message. */
function headerBlock(source: string | undefined): Map<string, string> {
  if (!source) return new Map();
  const start = source.replace(/^(?:[ \t]*\r?\n)+/, '');
  return fields(start.split(/\r?\n[ \t]*\r?\n/)[0] ?? '');
}

function originalId(original: Map<string, string>): string | null {
  return (
    messageIdFromVerp(firstAddress(original.get('return-path')) ?? '') ??
    messageIdFromTenpoHeader(original.get('x-tenpo-message-id')) ??
    messageIdFromHeader(original.get('message-id'))
  );
}

function topHeader(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name)?.line;
  return line
    ?.slice(line.indexOf(':') + 1)
    .replace(/\s+/g, ' ')
    .trim();
}

function isAutoReply(mail: ParsedMail): boolean {
  const autoSubmitted = topHeader(mail, 'auto-submitted')?.toLowerCase() ?? 'no';
  return (
    autoSubmitted !== 'no' ||
    topHeader(mail, 'x-autoreply') !== undefined ||
    topHeader(mail, 'x-autorespond') !== undefined ||
    /auto_reply/i.test(topHeader(mail, 'precedence') ?? '') ||
    AUTO_REPLY_SUBJECT.test(mail.subject ?? '')
  );
}

/** Separates the bounce notice from the copy of our message that many servers quote below it. */
function splitAtCopy(text: string): { notice: string; copy: string } {
  const marker = COPY_MARKER.exec(text);
  if (!marker) return { notice: text, copy: '' };
  return {
    notice: text.slice(0, marker.index),
    copy: text.slice(marker.index + marker[0].length),
  };
}

interface FoundStatus {
  status: string;
  index: number;
  strength: 'strong' | 'weak';
}

function findStatus(text: string): FoundStatus | null {
  // '550 5.1.1' / '550-5.1.1': a reply code with its enhanced code.
  for (const paired of text.matchAll(/\b([45])\d\d[ -]#?([45]\.\d{1,3}\.\d{1,3})\b/g)) {
    if (paired[1] === paired[2]![0]) {
      return { status: paired[2]!, index: paired.index, strength: 'strong' };
    }
  }
  // qmail and Exchange write '#5.1.1'.
  const hashed = /#([45]\.\d{1,3}\.\d{1,3})\b/.exec(text);
  if (hashed) return { status: hashed[1]!, index: hashed.index, strength: 'strong' };
  // A bare '5.2.2'; the subject digit is 0-7 so versions like 'Exim 4.97.1' don't count.
  const bare = /(?:^|[\s(:;[])([45]\.[0-7]\.\d{1,3})(?![\d.]*\d)/m.exec(text);
  if (bare) return { status: bare[1]!, index: bare.index, strength: 'weak' };
  // A bare reply code at the start of a line or after 'said:'/'smtp;' maps to X.0.0.
  const basic = /(?:^[ \t]*|said:[ \t]*|smtp;[ \t]*|reason:[ \t]*)([45])[0-5]\d(?=[ :-])/im.exec(
    text,
  );
  if (basic) return { status: `${basic[1]}.0.0`, index: basic.index, strength: 'weak' };
  return null;
}

/** A generic 5.0.0 in the Status field is replaced by the specific code in the diagnostic. */
function refineStatus(status: string | null, diagnostic: string): string | null {
  if (status !== null && !/^[45]\.0\.0$/.test(status)) return status;
  const specific = statusFromText(diagnostic);
  if (specific && (status === null || specific[0] === status[0])) return specific;
  return status;
}

/** Drops a 'smtp;' type prefix and the reply code repeated on each line of a multi-line reply. */
export function tidyDiagnostic(value: string): string {
  const text = value
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[A-Za-z][\w-]*\s*;\s*/, '');
  const lead = /^([245]\d\d)[ -]([245]\.\d{1,3}\.\d{1,3})?\s*/.exec(text);
  if (!lead) return text;
  const repeat = new RegExp(
    `\\s${lead[1]}[ -]${lead[2] ? `${lead[2].replaceAll('.', '\\.')}(?=\\s)` : ''}\\s*`,
    'g',
  );
  return `${lead[0]}${text.slice(lead[0].length).replace(repeat, ' ')}`.replace(/\s+/g, ' ').trim();
}

function paragraphAt(text: string, index: number): string {
  const before = text.lastIndexOf('\n\n', index);
  const after = text.indexOf('\n\n', index);
  return text.slice(Math.max(before, 0), after < 0 ? undefined : after);
}

function firstParagraph(text: string): string {
  return text.trim().split(/\n\s*\n/)[0] ?? '';
}

function clip(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, MAX_DIAGNOSTIC_CHARS);
}

/** Drops an RFC 3464 type prefix such as 'rfc822;' or 'dns;'. */
function stripType(value: string | undefined): string | null {
  const stripped = value?.replace(/^[A-Za-z0-9-]+\s*;\s*/, '').trim();
  return stripped ? stripped : null;
}

function firstAddress(value: string | null | undefined): string | null {
  return value ? (addressesIn(value).next().value ?? null) : null;
}

/** Addresses in free text, found from each '@' outwards: a regex scan is quadratic on long words. */
function* addressesIn(text: string): Generator<string> {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < 64 && LOCAL_CHAR.test(text[start - 1]!)) start--;
    let end = at + 1;
    while (end < text.length && end - at <= 255 && DOMAIN_CHAR.test(text[end]!)) end++;
    const local = text.slice(start, at);
    const domain = text.slice(at + 1, end).replace(/\.+$/, '');
    if (local && /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/.test(domain)) yield `${local}@${domain}`;
  }
}

function findRecipientInText(notice: string): string | null {
  const structured =
    /^[ \t]*<([^<>\s@]+@[^<>\s]+)>:?[ \t]*$/m.exec(notice) ??
    /RCPT TO:[ \t]*<([^<>\s@]+@[^<>\s]+)>/i.exec(notice) ??
    /^[ \t]*<([^<>\s@]+@[^<>\s]+)>:/m.exec(notice);
  if (structured) return structured[1]!;
  // Otherwise the first address that is not a mail system's or our own VERP/Message-ID.
  for (const address of addressesIn(notice)) {
    const local = address.slice(0, address.lastIndexOf('@'));
    if (DAEMON_SENDER.test(address) || /^bounces\+/i.test(address) || UUID.test(local)) continue;
    return address;
  }
  return null;
}

function findReportingMta(notice: string): string | null {
  const match =
    /qmail-send program at ([\w.-]+?)\.?\s/i.exec(notice) ??
    /mail system at host ([\w.-]+?)\.?\s/i.exec(notice) ??
    /Generating server:\s*([\w.-]+)/i.exec(notice) ??
    /<([\w.-]+\.[a-z]{2,}) #[45]\.\d/i.exec(notice);
  return match?.[1] ?? null;
}
