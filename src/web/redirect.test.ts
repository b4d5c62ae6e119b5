import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { safeLocalPath } from './redirect.ts';

describe('safeLocalPath', () => {
  it('keeps local paths, query and fragment', () => {
    expect(safeLocalPath('/mypage?x=1')).toBe('/mypage?x=1');
    expect(safeLocalPath('/guide/a#feedback')).toBe('/guide/a#feedback');
    expect(safeLocalPath('/p/%E3%81%82')).toBe('/p/%E3%81%82');
  });

  it('percent-encodes what it keeps, so a Location header never carries raw non-ASCII', () => {
    expect(safeLocalPath('/search?q=あ b')).toBe('/search?q=%E3%81%82%20b');
  });

  it('refuses anything that leaves the site', () => {
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '/x/\\..\\/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      'evil.example',
      undefined,
      '',
    ]) {
      expect(safeLocalPath(bad, '/home')).toBe('/home');
    }
    // Encoded slashes stay encoded: still a path on this site.
    expect(safeLocalPath('/%2F/evil.example', '/home')).toBe('/%2F/evil.example');
  });

  it('refuses control characters with a 400 instead of building a bad header', () => {
    for (const bad of [
      '/\t/evil.example',
      '/\n/evil.example',
      '/a\r\nSet-Cookie: x=1',
      '/\u0000',
    ]) {
      expect(() => safeLocalPath(bad)).toThrowError(AppError);
      try {
        safeLocalPath(bad);
      } catch (err) {
        expect((err as AppError).status).toBe(400);
      }
    }
  });
});
