import { describe, expect, it } from 'vitest';
import { safeLocalPath } from './redirect.ts';

describe('safeLocalPath', () => {
  it('keeps local paths and refuses anything that leaves the site', () => {
    expect(safeLocalPath('/mypage?x=1')).toBe('/mypage?x=1');
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      undefined,
    ]) {
      expect(safeLocalPath(bad, '/home')).toBe('/home');
    }
  });
});
