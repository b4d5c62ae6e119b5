import { describe, expect, it } from 'vitest';
import { type Category, categories, categoryNames, demoCatalog } from './demo-catalog.ts';

const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;

function monthsBetween(from: Date, yearMonth: string): number {
  const [year, month] = yearMonth.split('-').map(Number);
  return (year! - from.getUTCFullYear()) * 12 + (month! - 1 - from.getUTCMonth());
}

function inCategory(category: Category) {
  return demoCatalog.filter((p) => p.category === category);
}

describe('demo catalog', () => {
  it('has at least 28 products', () => {
    expect(demoCatalog.length).toBeGreaterThanOrEqual(28);
  });

  it('gives every product a unique sku and slug', () => {
    expect(new Set(demoCatalog.map((p) => p.sku)).size).toBe(demoCatalog.length);
    expect(new Set(demoCatalog.map((p) => p.slug)).size).toBe(demoCatalog.length);
  });

  it('uses url-safe lowercase hyphenated slugs and PREFIX-000 skus', () => {
    for (const p of demoCatalog) {
      expect(p.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(p.sku).toMatch(/^[A-Z]+-\d{3}$/);
    }
  });

  it('has products in every category', () => {
    for (const category of categories) {
      expect(inCategory(category).length, category).toBeGreaterThan(0);
      expect(categoryNames[category].en).not.toBe('');
      expect(categoryNames[category].ja).not.toBe('');
    }
  });

  it('has a pre-order whose window is open now, closes in about a month and releases later', () => {
    const now = new Date();
    const preorders = demoCatalog.filter((p) => p.status === 'preorder');
    expect(preorders.length).toBeGreaterThan(0);
    for (const p of preorders) {
      expect(p.preorder, p.sku).not.toBeNull();
      const { opensDaysFromNow, closesDaysFromNow, releaseMonth } = p.preorder!;
      expect(opensDaysFromNow).toBeLessThanOrEqual(0);
      expect(closesDaysFromNow).toBeGreaterThanOrEqual(20);
      expect(closesDaysFromNow).toBeLessThanOrEqual(40);
      expect(releaseMonth).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
      expect(monthsBetween(now, releaseMonth)).toBeGreaterThanOrEqual(3);
      expect(monthsBetween(now, releaseMonth)).toBeLessThanOrEqual(5);
    }
  });

  it('gives pre-order details only to pre-order products', () => {
    for (const p of demoCatalog) {
      expect(p.preorder === null, p.sku).toBe(p.status !== 'preorder');
    }
  });

  it('has a sold-out figure with no stock, and sold-out products never have stock', () => {
    const soldOut = demoCatalog.filter((p) => p.status === 'sold_out');
    expect(soldOut.some((p) => p.category === 'figures')).toBe(true);
    for (const p of soldOut) expect(p.stock, p.sku).toBe(0);
  });

  it('has a product whose sales have ended', () => {
    expect(demoCatalog.some((p) => p.status === 'ended')).toBe(true);
  });

  it('has a domestic-only product', () => {
    expect(demoCatalog.some((p) => p.domesticOnly)).toBe(true);
  });

  it('has at least two digital items, all weightless and boxless', () => {
    const digital = demoCatalog.filter((p) => p.kind === 'digital');
    expect(digital.length).toBeGreaterThanOrEqual(2);
    for (const p of digital) {
      expect(p.category, p.sku).toBe('digital');
      expect([p.weightG, p.lengthCm, p.widthCm, p.heightCm], p.sku).toEqual([0, 0, 0, 0]);
    }
  });

  it('gives every physical item a weight and a box size for shipping', () => {
    for (const p of demoCatalog.filter((p) => p.kind === 'physical')) {
      expect(Math.min(p.weightG, p.lengthCm, p.widthCm, p.heightCm), p.sku).toBeGreaterThan(0);
    }
  });

  it('has at least two member-only fan club goods, and all fan club goods are member-only', () => {
    const memberOnly = demoCatalog.filter((p) => p.memberOnly);
    expect(memberOnly.length).toBeGreaterThanOrEqual(2);
    for (const p of memberOnly) expect(p.category, p.sku).toBe('fanclub');
    for (const p of inCategory('fanclub')) expect(p.memberOnly, p.sku).toBe(true);
  });

  it('covers Blu-ray regions A, B, ABC and ALL and a region 2 DVD', () => {
    const discs = inCategory('bluray');
    const blurays = discs.filter((p) => p.sku.startsWith('BD-'));
    for (const region of ['A', 'B', 'ABC', 'ALL']) {
      expect(
        blurays.some((p) => p.regionCode === region),
        region,
      ).toBe(true);
    }
    expect(discs.some((p) => p.sku.startsWith('DVD-') && p.regionCode === '2')).toBe(true);
  });

  it('gives region codes to discs only', () => {
    for (const p of demoCatalog) {
      expect(p.regionCode !== null, p.sku).toBe(p.category === 'bluray');
    }
  });

  it('has a CD limited to two per customer', () => {
    expect(inCategory('cd').some((p) => p.purchaseLimit === 2)).toBe(true);
  });

  it('includes a T-shirt, a hoodie, an acrylic stand, a keychain and a tapestry', () => {
    const titles = (category: Category) =>
      inCategory(category)
        .map((p) => p.titleEn)
        .join('\n');
    expect(titles('apparel')).toMatch(/T-shirt/);
    expect(titles('apparel')).toMatch(/Hoodie/);
    expect(titles('goods')).toMatch(/Acrylic Stand/);
    expect(titles('goods')).toMatch(/Keychain/);
    expect(titles('goods')).toMatch(/Tapestry/);
  });

  it('writes every Japanese title and description in Japanese', () => {
    for (const p of demoCatalog) {
      expect(p.titleJa, p.sku).toMatch(japanese);
      expect(p.descriptionJa, p.sku).toMatch(japanese);
    }
  });

  it('describes every product in two to four sentences in each language', () => {
    for (const p of demoCatalog) {
      const enSentences = p.descriptionEn.match(/[.!?](?=\s|$)/g)?.length ?? 0;
      const jaSentences = p.descriptionJa.match(/。/g)?.length ?? 0;
      expect(enSentences, p.sku).toBeGreaterThanOrEqual(2);
      expect(enSentences, p.sku).toBeLessThanOrEqual(4);
      expect(jaSentences, p.sku).toBeGreaterThanOrEqual(2);
      expect(jaSentences, p.sku).toBeLessThanOrEqual(4);
    }
  });

  it('uses positive integer yen prices, non-negative stock and hues within 0-359', () => {
    for (const p of demoCatalog) {
      expect(Number.isInteger(p.priceJpy) && p.priceJpy > 0, p.sku).toBe(true);
      expect(Number.isInteger(p.stock) && p.stock >= 0, p.sku).toBe(true);
      expect(Number.isInteger(p.imageHue) && p.imageHue >= 0 && p.imageHue <= 359, p.sku).toBe(
        true,
      );
    }
  });
});
