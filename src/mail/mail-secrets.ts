import { orderAccessToken } from '../orders/order-access.ts';
import type { OutboxMessage } from './tables.ts';
import type { MailTopic } from './templates/registry.ts';

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
  message: Pick<OutboxMessage, 'payload' | 'orderId'>,
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
  if (message.orderId) found.add(orderAccessToken(secret, message.orderId));
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
