import MailComposer from 'nodemailer/lib/mail-composer';
import type { Db } from '../db/client.ts';
import { findOrderById } from '../orders/find-orders.ts';
import { guestOrderPath, memberOrderPath } from '../orders/order-access.ts';
import { type MailIdentity, messageIdHeader } from './identity.ts';
import { inquiryNumberOf, inquiryReplyAddress, inquiryThreadId } from './inquiry-reply-address.ts';
import { isMailTopic, parseMailPayload } from './payloads.ts';
import type { OutboxMessage } from './tables.ts';
import { renderHtml, renderText } from './templates/layout.ts';
import type { MailContent, MailContext } from './templates/mail-content.ts';
import { mailContent } from './templates/registry.ts';

export interface RenderDeps {
  db: Db;
  identity: MailIdentity;
  shopName: string;
  publicUrl: string;
  /** Signs guest order links and the per-inquiry Reply-To tags. */
  secret: string;
  links: 'one' | 'none';
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  raw: string;
}

/** Header values come from data (staff text, names): no line breaks or control characters. */
export function oneLine(value: string): string {
  return value.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').trim();
}

/** A subject line: one line, short enough to fold, and no text that decodes as an encoded word. */
export function subjectLine(value: string): string {
  const line = oneLine(value).replaceAll('=?', '=\u200b?');
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** A plain address only: anything that could smuggle a header or a second recipient is refused. */
export function isSafeRecipient(address: string): boolean {
  return (
    /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9.-]+\.[a-z0-9-]{2,}$/i.test(address) &&
    address.length <= 254 &&
    // Legal, but mail programs would decode it as a different address.
    !address.includes('=?')
  );
}

async function contentFor(deps: RenderDeps, message: OutboxMessage): Promise<MailContent> {
  // The column's type is what we write; an old or foreign row is checked before it is trusted.
  const topic: string = message.topic;
  if (!isMailTopic(topic)) throw new Error(`unknown mail topic ${topic}`);
  const detail = message.orderId ? await findOrderById(deps.db, message.orderId) : null;
  const orderUrl = detail
    ? detail.order.memberId
      ? `${deps.publicUrl}${memberOrderPath(detail.order.number)}`
      : `${deps.publicUrl}${guestOrderPath(deps.secret, detail.order)}`
    : null;
  const ctx: MailContext = {
    locale: message.locale,
    shopName: deps.shopName,
    fromAddress: deps.identity.fromAddress,
    recipient: message.recipient,
    orderUrl,
  };
  return mailContent(topic, {
    ctx,
    payload: parseMailPayload(topic, message.payload),
    detail,
    publicUrl: deps.publicUrl,
  });
}

/**
 * Mail about an inquiry (its receipt, replies, anything whose payload names one): answers go to a
 * signed Reply-To only the recipient knows, and every mail of the inquiry shares a thread id.
 */
function threadHeaders(deps: RenderDeps, message: OutboxMessage) {
  const number = inquiryNumberOf(message.payload);
  if (!number) return { replyTo: deps.identity.replyTo };
  const threadId = inquiryThreadId(deps.identity.domain, number);
  return {
    replyTo: inquiryReplyAddress(deps.secret, deps.identity.replyTo, number),
    references: threadId,
    inReplyTo: threadId,
  };
}

const THREAD_HEADERS = new Set(['reply-to', 'references', 'in-reply-to']);

/** Renders a message to its final MIME source: text + HTML, stable Message-ID, no injectable headers. */
export async function renderMail(deps: RenderDeps, message: OutboxMessage): Promise<RenderedMail> {
  if (!isSafeRecipient(message.recipient)) throw new Error('recipient is not a plain address');
  const content = await contentFor(deps, message);
  const links = deps.links === 'one';
  const subject = subjectLine(content.subject);
  const text = renderText(content.body, links);
  const html = renderHtml(content.body, links);
  const composer = new MailComposer({
    from: { name: oneLine(deps.identity.fromName), address: deps.identity.fromAddress },
    ...threadHeaders(deps, message),
    to: message.recipient,
    subject,
    text,
    html,
    messageId: messageIdHeader(deps.identity, message.id),
    date: message.createdAt,
    headers: {
      ...Object.fromEntries(
        Object.entries(content.headers ?? {})
          // The threading headers are set above, once; a template cannot add a second of each.
          .filter(([name]) => !THREAD_HEADERS.has(name.toLowerCase()))
          .map(([name, value]) => [name, oneLine(value)]),
      ),
      'X-Tenpo-Message-Id': message.id,
      'Auto-Submitted': 'auto-generated',
    },
    textEncoding: 'quoted-printable',
  });
  const raw = (await composer.compile().build()).toString('utf8');
  return { subject, text, html, raw };
}
