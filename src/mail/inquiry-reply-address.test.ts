import { describe, expect, it } from 'vitest';
import {
  inquiryNumberOf,
  inquiryReplyAddress,
  inquiryReplyTag,
  inquiryThreadId,
  verifiedInquiryNumber,
} from './inquiry-reply-address.ts';

const SECRET = 'test-secret';
const SUPPORT = 'support@tenpo.example';
const NUMBER = 'Q-261126-0042';

describe('inquiry reply addresses', () => {
  it('signs the lower-cased number with ten characters of HMAC, at the support address', () => {
    const tag = inquiryReplyTag(SECRET, NUMBER);
    expect(tag).toMatch(/^q-261126-0042\.[A-Za-z0-9_-]{10}$/);
    expect(inquiryReplyAddress(SECRET, SUPPORT, NUMBER)).toBe(`support+${tag}@tenpo.example`);
    // A configured MAIL_REPLY_TO keeps its own local part.
    expect(inquiryReplyAddress(SECRET, 'help@shop.example', NUMBER)).toBe(
      `help+${tag}@shop.example`,
    );
    expect(inquiryReplyTag('another-secret', NUMBER)).not.toBe(tag);
    expect(inquiryThreadId('tenpo.example', NUMBER)).toBe('<inquiry.Q-261126-0042@tenpo.example>');
  });

  it('reads back only its own signature, for the number it signs', () => {
    const address = inquiryReplyAddress(SECRET, SUPPORT, NUMBER);
    expect(verifiedInquiryNumber(SECRET, SUPPORT, address)).toBe(NUMBER);
    // Mail programs may change the case of the domain and the number, not of the signature.
    const [local, domain] = address.split('@') as [string, string];
    const shouting = `${local.replace('support+q', 'Support+Q')}@${domain.toUpperCase()}`;
    expect(verifiedInquiryNumber(SECRET, SUPPORT, shouting)).toBe(NUMBER);

    const signature = address.slice(address.indexOf('.') + 1, address.indexOf('@'));
    const flipped = signature[0] === 'A' ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    const forged = [
      address.replace(signature, flipped),
      address.replace(signature, signature.slice(0, 9)),
      address.replace(
        signature,
        signature.toUpperCase() === signature ? 'x' : signature.toUpperCase(),
      ),
      // A signature moved onto another number.
      address.replace('q-261126-0042', 'q-261126-0043'),
      address.replace('@tenpo.example', '@other.example'),
      address.replace('support+', 'sales+'),
      'support+q-261126-0042@tenpo.example',
      'support@tenpo.example',
      'not an address',
    ];
    for (const given of forged) expect(verifiedInquiryNumber(SECRET, SUPPORT, given)).toBeNull();
    expect(verifiedInquiryNumber('another-secret', SUPPORT, address)).toBeNull();
  });

  it('knows a mail about an inquiry by the number in its payload', () => {
    expect(inquiryNumberOf({ inquiryNumber: NUMBER })).toBe(NUMBER);
    expect(inquiryNumberOf({ inquiryNumber: 'Q-1' })).toBeNull();
    expect(inquiryNumberOf({ inquiryNumber: 42 })).toBeNull();
    expect(inquiryNumberOf({ orderNumber: 'TP-261126-7KQ4M9' })).toBeNull();
  });
});
