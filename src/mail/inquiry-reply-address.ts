import { hmac, safeEqual } from '../lib/ids.ts';

const INQUIRY_NUMBER = /^Q-\d{6}-\d{4,}$/;
const SIGNATURE_CHARS = 10;

/** The inquiry a mail is about: its payload's `inquiryNumber`, when it has the shape of one. */
export function inquiryNumberOf(payload: Record<string, unknown>): string | null {
  const value = payload.inquiryNumber;
  return typeof value === 'string' && INQUIRY_NUMBER.test(value) ? value : null;
}

/** Only someone who received our mail about this inquiry knows it: the From header proves nothing. */
export function inquiryReplyTag(secret: string, number: string): string {
  const signature = hmac(secret, `inquiry-reply:${number}`).slice(0, SIGNATURE_CHARS);
  return `${number.toLowerCase()}.${signature}`;
}

function splitAddress(address: string): { local: string; domain: string } {
  const at = address.lastIndexOf('@');
  return { local: address.slice(0, at), domain: address.slice(at + 1) };
}

/** The Reply-To of every mail about an inquiry: `support+<tag>@<support domain>`. */
export function inquiryReplyAddress(
  secret: string,
  supportAddress: string,
  number: string,
): string {
  const { local, domain } = splitAddress(supportAddress);
  return `${local}+${inquiryReplyTag(secret, number)}@${domain}`;
}

/** The Message-ID every mail about an inquiry refers to, so mail programs group its thread. */
export function inquiryThreadId(mailDomain: string, number: string): string {
  return `<inquiry.${number}@${mailDomain}>`;
}

/**
 * The inquiry number of a tagged support address, when its signature is ours; null for any other
 * address, a forged or cut signature, or a number the tag does not sign.
 */
export function verifiedInquiryNumber(
  secret: string,
  supportAddress: string,
  address: string,
): string | null {
  const support = splitAddress(supportAddress);
  const given = splitAddress(address.trim());
  if (given.domain.toLowerCase() !== support.domain.toLowerCase()) return null;
  const prefix = `${support.local.toLowerCase()}+`;
  if (!given.local.toLowerCase().startsWith(prefix)) return null;
  const match = /^(q-\d{6}-\d{4,})\.([A-Za-z0-9_-]+)$/i.exec(given.local.slice(prefix.length));
  if (!match) return null;
  const number = match[1]!.toUpperCase();
  // The number is case-free (mail programs may change its case); the signature is not.
  const expected = inquiryReplyTag(secret, number).slice(number.length + 1);
  return safeEqual(match[2]!, expected) ? number : null;
}
