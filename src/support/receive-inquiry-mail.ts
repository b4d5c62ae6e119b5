import { eq } from 'drizzle-orm';
import type { AddressObject, ParsedMail } from 'mailparser';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import { identityKey } from '../accounts/login-identity.ts';
import type { Db, Tx } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import { verifiedInquiryNumber } from '../mail/inquiry-reply-address.ts';
import { registry } from '../ops/routes.ts';
import { orders } from '../orders/tables.ts';
import { hitRateLimits, type RateLimitRule } from '../web/rate-limit.ts';
import { nextInquiryNumber } from './next-inquiry-number.ts';
import { moveInquiryState } from './set-inquiry-state.ts';
import { type Inquiry, inquiries, inquiryMessages } from './tables.ts';

/** A customer mail is kept up to this length; the rest is cut with a note. */
export const MAX_MAIL_BODY_CHARS = 20_000;

/** New inquiries one sender address may open by mail per day; more are dropped, not bounced. */
export const NEW_INQUIRIES_BY_MAIL_PER_DAY = 5;
/** The From header is anyone's to write, so a flood under one sender is kept off the desk. */
export const NEW_INQUIRIES_BY_MAIL_LIMIT: RateLimitRule = {
  max: NEW_INQUIRIES_BY_MAIL_PER_DAY,
  windowSeconds: 24 * 3600,
};

/** What staff see beside an answer that only the (forgeable) From header ties to the inquiry. */
export const UNVERIFIED_MARK = '(unverified sender)';

const NUMBER_IN_SUBJECT = /\bQ-\d{6}-\d{4,}\b/i;
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/;

export type ReceiveOutcome =
  /** `verified`: the mail came to the inquiry's signed Reply-To, not just from a known address. */
  | { kind: 'threaded'; number: string; reopened: boolean; verified: boolean }
  | { kind: 'opened'; number: string; inReplyTo: string | null }
  | { kind: 'auto_reply'; number: string | null }
  /** The same mail (by its Message-ID) was kept before: a retried or resent delivery. */
  | { kind: 'duplicate'; messageId: string }
  | { kind: 'dropped'; reason: 'no_sender' | 'rate_limited' };

const dropped = new Counter({
  name: 'tenpo_support_mail_dropped_total',
  help: 'Support mail accepted but not kept, by reason.',
  labelNames: ['reason'] as const,
  registers: [registry],
});

/** A Message-ID longer than this (in bytes) is not indexed; the mail is kept as one without. */
const MAX_MESSAGE_ID_BYTES = 900;

/** The mail's Message-ID as sent, or null when it has none (or an absurdly long one). */
export function mailMessageId(mail: ParsedMail): string | null {
  const id = mail.messageId?.trim() ?? '';
  return id && Buffer.byteLength(id) <= MAX_MESSAGE_ID_BYTES ? id : null;
}

/** Thrown inside the transaction to undo a new inquiry whose mail turned out to be kept already. */
class AlreadyKept extends Error {}

export interface ReceiveDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  /** With both, a mail to a signed `support+<tag>@` address joins that inquiry whoever sent it. */
  secret?: string | undefined;
  supportAddress?: string | undefined;
}

const header = (mail: ParsedMail, name: string) => {
  const value = mail.headers.get(name);
  if (typeof value === 'string') return value.trim().toLowerCase();
  if (value && typeof value === 'object' && 'value' in value)
    return String(value.value).trim().toLowerCase();
  return '';
};

/** Out-of-office answers, vacation notices and bounces: they must not reopen or start a thread. */
export function isAutomatic(mail: ParsedMail, from: string): boolean {
  const autoSubmitted = header(mail, 'auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no') return true;
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return true;
  if (['auto_reply', 'bulk', 'junk', 'list'].includes(header(mail, 'precedence'))) return true;
  if (header(mail, 'content-type').startsWith('multipart/report')) return true;
  if (/^(mailer-daemon|postmaster)@/i.test(from)) return true;
  return /^(auto(matic)?[ -]?reply|out of (the )?office|自動返信|自動応答|不在)|undeliver|delivery status notification|returned mail|mail delivery (failed|subsystem)/i.test(
    mail.subject ?? '',
  );
}

/** Where a mail program starts quoting the message being answered. */
function quoteStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const next = (lines[i + 1] ?? '').trim();
    if (/^On\b.*\bwrote:$/.test(line)) return i;
    if (/^On\b/.test(line) && /\bwrote:$/.test(next)) return i;
    if (/^-{2,}\s*(Original Message|元のメッセージ|Forwarded message)/i.test(line)) return i;
    // Gmail in Japanese: "2026年11月26日(木) 12:00 Tenpo <shop@tenpo.example>:"
    if (/^\d{4}年\d{1,2}月\d{1,2}日.*[:：]$/.test(line)) return i;
    if (
      /^(From|差出人)\s*[:：]/.test(line) &&
      lines.slice(i + 1, i + 4).some((l) => /^(Sent|Date|送信日時|日付)\s*[:：]/.test(l.trim()))
    )
      return i;
    // The rest is only quoted lines (and blanks): that is the history, not the answer.
    if (
      line.startsWith('>') &&
      lines.slice(i).every((l) => l.trim() === '' || l.trim().startsWith('>'))
    )
      return i;
  }
  return lines.length;
}

/** The customer's own words: the quoted history cut off where it is easy to see, length capped. */
export function replyText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const own = lines.slice(0, quoteStart(lines)).join('\n').trim();
  const body = own || text.trim();
  return body.length > MAX_MAIL_BODY_CHARS
    ? `${body.slice(0, MAX_MAIL_BODY_CHARS)}\n[… cut at ${MAX_MAIL_BODY_CHARS} characters]`
    : body;
}

function attachmentNote(mail: ParsedMail): string {
  const count = mail.attachments.length;
  return count ? `\n\n[${count} attachment${count === 1 ? '' : 's'} not kept]` : '';
}

async function lockInquiry(tx: Tx, number: string): Promise<Inquiry | null> {
  const [row] = await tx.select().from(inquiries).where(eq(inquiries.number, number)).for('update');
  return row ?? null;
}

/**
 * The addresses an inquiry may be answered from: its own, the new address it asked for (our
 * answers go there), and its order's contact email.
 */
async function knownSenders(tx: Tx, inquiry: Inquiry): Promise<string[]> {
  const known = [inquiry.email.toLowerCase()];
  if (inquiry.newEmail) known.push(inquiry.newEmail.toLowerCase());
  if (inquiry.orderId) {
    const [order] = await tx
      .select({ contactEmail: orders.contactEmail })
      .from(orders)
      .where(eq(orders.id, inquiry.orderId));
    if (order) known.push(order.contactEmail.toLowerCase());
  }
  return known;
}

const addressesOf = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : [])
    .flatMap((group) => group.value)
    .flatMap((entry) => [entry.address ?? '', ...(entry.group ?? []).map((g) => g.address ?? '')])
    .filter(Boolean);

/** The inquiry a signed support+<tag>@ recipient names, from the envelope or the To/Cc headers. */
function taggedInquiryNumber(deps: ReceiveDeps, mail: ParsedMail, recipients: string[]) {
  const { secret, supportAddress } = deps;
  if (!secret || !supportAddress) return null;
  for (const address of [...recipients, ...addressesOf(mail.to), ...addressesOf(mail.cc)]) {
    const number = verifiedInquiryNumber(secret, supportAddress, address);
    if (number) return number;
  }
  return null;
}

/**
 * A mail to the support address joins an inquiry's thread (and reopens it) when it was sent to
 * that inquiry's signed Reply-To — only someone who received our mail knows it — or, marked as
 * unverified for staff, when its subject names the inquiry and it comes from an address the
 * inquiry knows. Anything else opens a new inquiry so nothing is lost, at most
 * NEW_INQUIRIES_BY_MAIL_PER_DAY per sender. Mail only ever adds to a thread for staff to read; it
 * never changes an order or an address by itself.
 */
export async function receiveInquiryMail(
  deps: ReceiveDeps,
  mail: ParsedMail,
  envelope: { recipients: string[] } = { recipients: [] },
): Promise<ReceiveOutcome> {
  const now = deps.clock.now();
  const sender = mail.from?.value[0];
  const from = sender?.address?.trim() ?? '';
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(from) || from.length > 254) {
    deps.log.info({ subject: mail.subject }, 'support mail without a usable sender dropped');
    dropped.inc({ reason: 'no_sender' });
    return { kind: 'dropped', reason: 'no_sender' };
  }
  const subject = (mail.subject ?? '').trim();
  const tagged = taggedInquiryNumber(deps, mail, envelope.recipients);
  const named = NUMBER_IN_SUBJECT.exec(subject)?.[0].toUpperCase() ?? null;
  const unverified = `${from} ${UNVERIFIED_MARK}`;
  const messageId = mailMessageId(mail);
  const duplicate = (): ReceiveOutcome => {
    deps.log.info({ from, subject, messageId }, 'support mail kept before, skipped');
    dropped.inc({ reason: 'duplicate' });
    return { kind: 'duplicate', messageId: messageId! };
  };

  if (isAutomatic(mail, from)) {
    const number = tagged ?? named;
    if (!number) {
      deps.log.info({ from, subject }, 'automatic mail to support dropped');
      return { kind: 'auto_reply', number: null };
    }
    return deps.db.transaction(async (tx): Promise<ReceiveOutcome> => {
      const inquiry = await lockInquiry(tx, number);
      if (!inquiry) {
        deps.log.info({ from, subject, number }, 'automatic mail about an unknown inquiry dropped');
        return { kind: 'auto_reply', number: null };
      }
      const kept = await tx
        .insert(inquiryMessages)
        .values({
          inquiryId: inquiry.id,
          kind: 'event',
          source: 'mail',
          author: tagged ? from : unverified,
          body: `Automatic reply received (not a customer answer): ${subject.slice(0, 300)}`,
          mailMessageId: messageId,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: inquiryMessages.id });
      return kept.length > 0 ? { kind: 'auto_reply', number } : duplicate();
    });
  }

  const body = replyText(mail.text ?? '') + attachmentNote(mail);
  try {
    return await deps.db.transaction((tx) =>
      keepMail(deps, tx, { mail, from, subject, body, tagged, named, messageId, now }),
    );
  } catch (error) {
    // The mail was kept before, or by another delivery of it at the same moment: the transaction
    // is rolled back, so nothing of this delivery (inquiry, rate-limit count, reopening) is kept.
    if (error instanceof AlreadyKept) return duplicate();
    throw error;
  }
}

/**
 * Within one transaction: the mail joins its inquiry's thread or opens a new inquiry, unless a
 * mail with its Message-ID was kept already. The unique index on the Message-ID decides a race
 * between two deliveries of one mail; the loser keeps nothing.
 */
async function keepMail(
  deps: ReceiveDeps,
  tx: Tx,
  input: {
    mail: ParsedMail;
    from: string;
    subject: string;
    body: string;
    tagged: string | null;
    named: string | null;
    messageId: string | null;
    now: Date;
  },
): Promise<ReceiveOutcome> {
  const { mail, from, subject, body, tagged, named, messageId, now } = input;
  const sender = mail.from?.value[0];
  const unverified = `${from} ${UNVERIFIED_MARK}`;
  if (messageId) {
    const [kept] = await tx
      .select({ id: inquiryMessages.id })
      .from(inquiryMessages)
      .where(eq(inquiryMessages.mailMessageId, messageId))
      .limit(1);
    if (kept) throw new AlreadyKept();
  }
  const signed = tagged ? await lockInquiry(tx, tagged) : null;
  const inquiry = signed ?? (named ? await lockInquiry(tx, named) : null);
  const verified = !!signed;
  if (inquiry && (verified || (await knownSenders(tx, inquiry)).includes(from.toLowerCase()))) {
    const author = verified ? from : unverified;
    const kept = await tx
      .insert(inquiryMessages)
      .values({
        inquiryId: inquiry.id,
        kind: 'customer',
        source: 'mail',
        author,
        body: body || '(empty message)',
        mailMessageId: messageId,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: inquiryMessages.id });
    // Another delivery of this mail was kept first (it waited for the inquiry lock).
    if (kept.length === 0) throw new AlreadyKept();
    await tx.update(inquiries).set({ updatedAt: now }).where(eq(inquiries.id, inquiry.id));
    const reopened =
      inquiry.state !== 'open' &&
      (await moveInquiryState(tx, inquiry, 'open', {
        actor: author,
        source: 'mail',
        why: 'the customer replied',
        now,
      }));
    return { kind: 'threaded', number: inquiry.number, reopened, verified };
  }

  // The From header is anyone's to write: a flood under one address is kept off the desk. The
  // mail was accepted at SMTP, so no bounce goes back to a possibly forged sender.
  const limited = await hitRateLimits(
    tx,
    [{ key: `inquiry-mail:from:${identityKey(from)}`, ...NEW_INQUIRIES_BY_MAIL_LIMIT }],
    now,
  );
  if (!limited.ok) {
    deps.log.warn({ from, subject }, 'support mail over the new-inquiry limit dropped');
    dropped.inc({ reason: 'rate_limited' });
    return { kind: 'dropped', reason: 'rate_limited' };
  }

  const newNumber = await nextInquiryNumber(tx, now);
  const [created] = await tx
    .insert(inquiries)
    .values({
      number: newNumber,
      category: 'other',
      state: 'open',
      name: (sender?.name?.trim() || from).slice(0, 200),
      email: from,
      locale: JAPANESE.test(`${subject}\n${body}`) ? 'ja' : 'en',
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: inquiries.id });
  const kept = await tx
    .insert(inquiryMessages)
    .values({
      inquiryId: created!.id,
      kind: 'customer',
      source: 'mail',
      author: from,
      body: `${subject ? `Subject: ${subject.slice(0, 500)}\n\n` : ''}${body || '(empty message)'}`,
      mailMessageId: messageId,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: inquiryMessages.id });
  // Another delivery of this mail won the race: undo the inquiry and the rate-limit count.
  if (kept.length === 0) throw new AlreadyKept();
  if (inquiry) {
    // Someone answered an inquiry from an address it does not know: both threads say so.
    await tx.insert(inquiryMessages).values([
      {
        inquiryId: created!.id,
        kind: 'event',
        source: 'mail',
        author: from,
        body: `Sent as a reply to ${inquiry.number}, from an address that inquiry does not know; opened separately.`,
        createdAt: now,
      },
      {
        inquiryId: inquiry.id,
        kind: 'event',
        source: 'mail',
        author: from,
        body: `A reply from ${from}, an address this inquiry does not know, was opened as ${newNumber}.`,
        createdAt: now,
      },
    ]);
  }
  return { kind: 'opened', number: newNumber, inReplyTo: inquiry?.number ?? null };
}
