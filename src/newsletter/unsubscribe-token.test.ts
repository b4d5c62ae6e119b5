import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { memberIdFromToken, unsubscribeToken } from './unsubscribe-token.ts';

describe('newsletter unsubscribe tokens', () => {
  it('gives back the member id it was made for, with no table lookup', () => {
    const id = randomUUID();
    const token = unsubscribeToken('secret', id);
    expect(token).toMatch(/^[\w-]{22}\.[\w-]{22}$/);
    expect(memberIdFromToken('secret', token)).toBe(id);
  });

  it('refuses tokens made with another secret, for another member, or changed in any character', () => {
    const id = randomUUID();
    const token = unsubscribeToken('secret', id);
    expect(memberIdFromToken('other secret', token)).toBeNull();
    const [idPart, macPart] = token.split('.');
    const otherId = unsubscribeToken('secret', randomUUID()).split('.')[0];
    expect(memberIdFromToken('secret', `${otherId}.${macPart}`)).toBeNull();
    for (let i = 0; i < token.length; i++) {
      if (token[i] === '.') continue;
      const changed = `${token.slice(0, i)}${token[i] === 'A' ? 'B' : 'A'}${token.slice(i + 1)}`;
      expect(memberIdFromToken('secret', changed), changed).toBeNull();
    }
    expect(memberIdFromToken('secret', `${idPart}`)).toBeNull();
    expect(memberIdFromToken('secret', '')).toBeNull();
  });
});
