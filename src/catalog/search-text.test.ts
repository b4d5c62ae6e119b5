import { describe, expect, it } from 'vitest';
import { searchQuery, searchTerms } from './search-text.ts';

describe('search text', () => {
  it('splits Japanese into overlapping bigrams and Latin text into words', () => {
    expect(searchTerms('蒼穹のアルカディア Figure')).toEqual([
      '蒼穹',
      '穹の',
      'のア',
      'アル',
      'ルカ',
      'カデ',
      'ディ',
      'ィア',
      'figure',
    ]);
  });

  it('normalises full-width letters so ＦＩＧＵＲＥ finds figure', () => {
    expect(searchTerms('ＦＩＧＵＲＥ')).toEqual(['figure']);
  });

  it('builds an AND query with a prefix match on the last Latin word', () => {
    expect(searchQuery('blu ray')).toBe('blu & ray:*');
    expect(searchQuery('アルカ')).toBe('アル & ルカ');
  });

  it('returns null for input with nothing searchable, including tsquery syntax', () => {
    expect(searchQuery('  ')).toBeNull();
    expect(searchQuery('&|!():*')).toBeNull();
  });
});
