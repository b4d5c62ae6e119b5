import { describe, expect, it } from 'vitest';
import { categories } from './demo-catalog.ts';
import { productImageSvg } from './product-image.ts';

const base = {
  title: 'Azure Arcadia Figure',
  category: 'figures',
  hue: 205,
  sku: 'FIG-001',
} as const;

// Every opened tag must be closed in order; a small stand-in for an XML parser.
function tagsBalance(svg: string): boolean {
  const open: string[] = [];
  for (const [, closing, name, selfClosing] of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (!closing) open.push(name!);
    else if (open.pop() !== name) return false;
  }
  return open.length === 0;
}

describe('productImageSvg', () => {
  it('produces a single svg element with a 400 by 400 view box', () => {
    const svg = productImageSvg(base);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toContain('viewBox="0 0 400 400"');
    expect(tagsBalance(svg)).toBe(true);
  });

  it('escapes markup characters in the title and sku', () => {
    const svg = productImageSvg({ ...base, title: `<script>&"'`, sku: 'A<B>&"' });
    expect(svg).toContain('&lt;script&gt;&amp;&quot;&#39;');
    expect(svg).toContain('A&lt;B&gt;&amp;&quot;');
    expect(svg).not.toMatch(/<script/i);
    expect(tagsBalance(svg)).toBe(true);
  });

  it('does not split an escape sequence when shortening a long title', () => {
    const svg = productImageSvg({ ...base, title: `${'&'.repeat(60)}` });
    expect(svg).toMatch(/(&amp;)+…<\/text>/);
    expect(svg.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
  });

  it('references nothing outside itself and runs no scripts', () => {
    for (const category of categories) {
      const svg = productImageSvg({ ...base, category });
      expect(svg).not.toMatch(/href|<script|<image|<foreignObject|url\((?!#)|\son\w+=/i);
    }
  });

  it('returns the same output for the same input', () => {
    expect(productImageSvg(base)).toBe(productImageSvg({ ...base }));
  });

  it('draws a different picture for each category', () => {
    const images = categories.map((category) => productImageSvg({ ...base, category }));
    expect(new Set(images).size).toBe(categories.length);
  });

  it('colours the background from the hue, wrapping values outside 0-359', () => {
    expect(productImageSvg({ ...base, hue: 120 })).toContain('hsl(120, 70%, 72%)');
    expect(productImageSvg({ ...base, hue: 480 })).toContain('hsl(120, 70%, 72%)');
    expect(productImageSvg({ ...base, hue: -30 })).toContain('hsl(330, 70%, 72%)');
  });

  it('keeps the whole title in the accessible title but shortens the visible one', () => {
    const title = 'Stardust Luminous: Hikari Asahina 1/7 Scale Figure, Stage Costume Version';
    const svg = productImageSvg({ ...base, title });
    expect(svg).toContain(`<title>${title}</title>`);
    expect(svg).toMatch(/>[^<]*…<\/text>/);
  });
});
