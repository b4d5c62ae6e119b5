import { z } from 'zod';

/** The gift-wrapping fee per order, tax included. */
export const GIFT_WRAP_FEE_JPY = 330;

/** The longest message card we print, in characters as the customer counts them. */
export const MESSAGE_CARD_MAX_CHARS = 200;

/** Browsers send a textarea's line breaks as CRLF but count them as one character. */
export const normalizeCardLines = (text: string) => text.replace(/\r\n?/g, '\n');

/** Characters as the customer counts them: code points, so an emoji is one. */
export const cardCharCount = (text: string) => [...text].length;

/** Only goods we ship can be wrapped; a digital-only order has nothing to wrap. */
export const canWrap = (lines: { kind: string }[]) => lines.some((l) => l.kind === 'physical');

/** The fee a quote adds: only when wrapping was asked for and there is something to wrap. */
export const giftWrapFee = (wrap: boolean, lines: { kind: string }[]) =>
  wrap && canWrap(lines) ? GIFT_WRAP_FEE_JPY : 0;

/** Keeps line breaks; a tab becomes a space; other control characters are dropped. */
const withoutControls = (text: string) =>
  [...text]
    .map((ch) => (ch === '\t' ? ' ' : ch))
    .filter((ch) => {
      const code = ch.codePointAt(0)!;
      return ch === '\n' || (code >= 0x20 && code !== 0x7f);
    })
    .join('');

/**
 * A message card as typed: line breaks counted once, blank means no card. Control characters
 * other than line breaks cannot be printed (or stored), so they are dropped.
 */
export const messageCardField = (tooLong: string) =>
  z
    .string(tooLong)
    .transform((text) => withoutControls(normalizeCardLines(text)).trim())
    .refine((text) => cardCharCount(text) <= MESSAGE_CARD_MAX_CHARS, tooLong)
    .transform((text) => (text === '' ? null : text));

/** The form's field: its message is a dictionary key; the route adds the counts. */
export const messageCardInput = messageCardField('gift.v.cardLong');
