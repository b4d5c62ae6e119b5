import { hmac, safeEqual } from '../lib/ids.ts';

const TOKEN = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// 128 bits of HMAC: unguessable, and short enough for a mail header and a URL path.
const mac = (secret: string, memberId: string) =>
  hmac(secret, `newsletter-unsubscribe:${memberId}`).slice(0, 22);

/** The member's unsubscribe token: their id and an HMAC of it, so checking needs no table. */
export function unsubscribeToken(secret: string, memberId: string): string {
  if (!UUID.test(memberId)) throw new Error('member id is not a uuid');
  const id = Buffer.from(memberId.replaceAll('-', ''), 'hex').toString('base64url');
  return `${id}.${mac(secret, memberId)}`;
}

/** The member id a token was made for, or null when it is malformed or its HMAC is wrong. */
export function memberIdFromToken(secret: string, token: string): string | null {
  const match = TOKEN.exec(token);
  if (!match) return null;
  const hex = Buffer.from(match[1]!, 'base64url').toString('hex');
  if (hex.length !== 32) return null;
  const memberId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  // Only the canonical spelling of the id counts, so one member has exactly one valid token.
  if (Buffer.from(hex, 'hex').toString('base64url') !== match[1]) return null;
  return safeEqual(match[2]!, mac(secret, memberId)) ? memberId : null;
}

/** The public page (and RFC 8058 one-click endpoint) for a token. */
export function unsubscribeUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/newsletter/unsubscribe/${token}`;
}
