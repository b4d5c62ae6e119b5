import { simpleParser } from 'mailparser';
import { everyOrderAccessToken } from '../orders/order-access.ts';
import type { MailTopic } from './payloads.ts';
import type { OutboxMessage } from './tables.ts';

/**
 * Topics whose point is a one-time secret (a code, a sign-in or reset link) that hands over an
 * account or an order: staff see that they went out and what the server said, never their body
 * or source, and they go only to the address they were made for (docs/decisions/0014).
 */
export const secretTopics = [
  'verification_code',
  'registration_code',
  'email_change_code',
  'password_reset',
  'member_lookup',
] as const satisfies readonly MailTopic[];

export function isSecretTopic(topic: string): boolean {
  return (secretTopics as readonly string[]).includes(topic);
}

/** Payload fields that hold a secret: one-time codes, reset-link tokens, unsubscribe tokens. */
const secretFields = ['code', 'token', 'unsubscribeToken'] as const;

/**
 * Every secret value a message carries in its subject, body or headers: its payload's codes and
 * tokens, and the key of the signed guest link of its order (`secret` signs it).
 */
export function secretsOf(
  message: Pick<OutboxMessage, 'payload' | 'orderId'> & { orderAccessEpoch?: number | null },
  secret: string,
): string[] {
  const found = new Set<string>();
  for (const field of secretFields) {
    const value = message.payload[field];
    if (typeof value === 'string' && value.length >= 4) {
      found.add(value);
      found.add(encodeURIComponent(value));
    }
  }
  if (message.orderId) {
    const order = { id: message.orderId, accessEpoch: message.orderAccessEpoch ?? 0 };
    for (const key of everyOrderAccessToken(secret, order)) found.add(key);
  }
  return [...found];
}

export const REDACTED = '[hidden]';

/** `text` with every secret replaced by a marker. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  // Longest first, so a value is not half-replaced by a shorter one it contains.
  for (const value of [...secrets].sort((a, b) => b.length - a.length))
    result = result.replaceAll(value, REDACTED);
  return result;
}

/** Whether any secret is still in `text`. */
export function showsSecret(text: string, secrets: readonly string[]): boolean {
  return secrets.some((value) => text.includes(value));
}

/** `raw` MIME source with every secret replaced, also where quoted-printable broke it over lines. */
export function redactSource(raw: string, secrets: readonly string[]): string {
  let result = raw;
  for (const value of [...secrets].sort((a, b) => b.length - a.length)) {
    const pattern = [...value]
      .map((ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('(?:=\\r?\\n)?');
    result = result.replace(new RegExp(pattern, 'g'), REDACTED);
  }
  return result;
}

/** What staff may read of a mail's text or source: it, or why not. */
export type StaffCopy =
  | { kind: 'shown'; text: string }
  | { kind: 'not_rendered' }
  /** A one-time-secret topic, or a source whose secret could not be hidden in its bytes. */
  | { kind: 'withheld'; why: 'secret_topic' | 'unredactable' };

type Readable = Pick<OutboxMessage, 'topic' | 'payload' | 'orderId' | 'subject' | 'rawSource'> & {
  orderAccessEpoch?: number | null;
};

/** The subject as sent, with any secret hidden (mail queued before subjects lost their codes had one). */
export function staffSubject(message: Readable, secret: string): string | null {
  return message.subject === null
    ? null
    : redactSecrets(message.subject, secretsOf(message, secret));
}

/** The plain-text part as the customer read it, secrets hidden; nothing of a secret topic. */
export async function staffBody(message: Readable, secret: string): Promise<StaffCopy> {
  if (isSecretTopic(message.topic)) return { kind: 'withheld', why: 'secret_topic' };
  if (!message.rawSource) return { kind: 'not_rendered' };
  const parsed = await simpleParser(message.rawSource);
  return { kind: 'shown', text: redactSecrets(parsed.text ?? '', secretsOf(message, secret)) };
}

/**
 * The raw source with its secrets hidden; withheld for a secret topic, or when decoding the
 * redacted source still yields a secret (an encoding the redaction could not see through).
 */
export async function staffSource(message: Readable, secret: string): Promise<StaffCopy> {
  if (isSecretTopic(message.topic)) return { kind: 'withheld', why: 'secret_topic' };
  if (!message.rawSource) return { kind: 'not_rendered' };
  const secrets = secretsOf(message, secret);
  const raw = redactSource(message.rawSource, secrets);
  const parsed = await simpleParser(raw);
  const decoded = [
    raw,
    parsed.text ?? '',
    typeof parsed.html === 'string' ? parsed.html : '',
    parsed.subject ?? '',
    ...parsed.headerLines.map((h) => h.line.replace(/\r?\n[ \t]+/g, '')),
  ];
  if (decoded.some((part) => showsSecret(part, secrets)))
    return { kind: 'withheld', why: 'unredactable' };
  return { kind: 'shown', text: raw };
}
