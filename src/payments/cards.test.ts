import { describe, expect, it } from 'vitest';
import { cardDigits, detectBrand, passesLuhn } from './cards.ts';
import { sandboxCards } from './sandbox-provider.ts';

describe('cards', () => {
  it('accepts every sandbox test number by Luhn', () => {
    for (const number of Object.values(sandboxCards)) expect(passesLuhn(number), number).toBe(true);
  });

  it('rejects a number with one digit changed', () => {
    expect(passesLuhn('4242424242424241')).toBe(false);
    expect(passesLuhn('42424242')).toBe(false);
    expect(passesLuhn('4242x42424242424')).toBe(false);
  });

  it('detects the four accepted brands and nothing else', () => {
    expect(detectBrand(sandboxCards.success)).toBe('visa');
    expect(detectBrand(sandboxCards.mastercard)).toBe('mastercard');
    expect(detectBrand('2221000000000009')).toBe('mastercard');
    expect(detectBrand(sandboxCards.jcb)).toBe('jcb');
    expect(detectBrand(sandboxCards.amex)).toBe('amex');
    expect(detectBrand('6011111111111117')).toBeNull(); // Discover is not accepted
  });

  it('strips the spaces and dashes customers type', () => {
    expect(cardDigits('4242 4242-4242 4242')).toBe('4242424242424242');
  });
});
