import { describe, expect, it } from 'vitest';
import { type Country, countries, findCountry } from './countries.ts';
import {
  availableMethods,
  billableWeightG,
  maxBillableWeightG,
  quoteShipping,
  type ShippingItem,
  type ShippingQuote,
  shippingMethods,
  shippingRates,
} from './rates.ts';

function country(code: string): Country {
  const found = findCountry(code);
  if (found === undefined) throw new Error(`test setup: no country ${code}`);
  return found;
}

function box(weightG: number, sizeCm: [number, number, number], quantity = 1): ShippingItem {
  const [lengthCm, widthCm, heightCm] = sizeCm;
  return { weightG, lengthCm, widthCm, heightCm, quantity, kind: 'physical' };
}

const download: ShippingItem = {
  weightG: 0,
  lengthCm: 0,
  widthCm: 0,
  heightCm: 0,
  quantity: 1,
  kind: 'digital',
};

function quote(...args: Parameters<typeof quoteShipping>): ShippingQuote {
  const result = quoteShipping(...args);
  if ('error' in result) throw new Error(`unexpected ${result.error}`);
  return result;
}

describe('billableWeightG', () => {
  it('bills a big light box by its volume', () => {
    // 40×30×30 cm = 36,000 cm³ → 7,200 g, +10% packing = 7,920 g → 8,000 g.
    expect(billableWeightG([box(800, [40, 30, 30])])).toBe(8000);
  });

  it('bills a small heavy box by its actual weight', () => {
    expect(billableWeightG([box(2100, [10, 10, 10])])).toBe(2500);
  });

  it('adds 10% to the volume for packing', () => {
    // 22,500 cm³ is exactly 4,500 g; packing pushes it past the step.
    expect(billableWeightG([box(100, [25, 30, 30])])).toBe(5000);
  });

  it('rounds up to the next 500 g step', () => {
    expect(billableWeightG([box(1, [1, 1, 1])])).toBe(500);
    expect(billableWeightG([box(500, [1, 1, 1])])).toBe(500);
    expect(billableWeightG([box(501, [1, 1, 1])])).toBe(1000);
    expect(billableWeightG([box(1000, [1, 1, 1])])).toBe(1000);
  });

  it('sums weight and volume over items and quantities', () => {
    expect(billableWeightG([box(350, [1, 1, 1], 3)])).toBe(1500);
    // Two 20×20×20 boxes: 16,000 cm³ → 3,520 g; one alone would be 1,760 g.
    expect(billableWeightG([box(100, [20, 20, 20]), box(100, [20, 20, 20])])).toBe(4000);
  });

  it('gives digital items no weight', () => {
    const heavyDigital = { ...download, weightG: 5000, lengthCm: 50, widthCm: 50, heightCm: 50 };
    expect(billableWeightG([box(300, [10, 10, 5]), heavyDigital])).toBe(500);
    expect(billableWeightG([download, heavyDigital])).toBe(0);
    expect(billableWeightG([])).toBe(0);
  });

  it('bills a physical item with missing size and weight as one step', () => {
    expect(billableWeightG([box(0, [0, 0, 0])])).toBe(500);
  });
});

describe('availableMethods', () => {
  it('offers only domestic delivery inside Japan', () => {
    expect(availableMethods(country('JP'))).toEqual(['domestic']);
  });

  it('offers DHL Express everywhere else', () => {
    expect(availableMethods(country('US'))).toEqual(['dhl_express']);
    expect(availableMethods(country('DE'))).toEqual(['dhl_express']);
  });
});

describe('quoteShipping', () => {
  const dhl = shippingRates.dhl_express;

  it('charges the zone base fee for the first 500 g', () => {
    const item = [box(400, [10, 10, 5])];
    expect(quote('dhl_express', country('KR'), item).feeJpy).toBe(dhl.asia?.baseJpy);
    expect(quote('dhl_express', country('US'), item).feeJpy).toBe(dhl.oceania_na_me?.baseJpy);
    expect(quote('dhl_express', country('FR'), item).feeJpy).toBe(dhl.europe?.baseJpy);
    expect(quote('dhl_express', country('BR'), item).feeJpy).toBe(dhl.latam_africa?.baseJpy);
  });

  it('adds the zone fee for each further 500 g', () => {
    const europe = dhl.europe!;
    const result = quote('dhl_express', country('DE'), [box(2400, [10, 10, 10])]);
    expect(result.billableWeightG).toBe(2500);
    expect(result.feeJpy).toBe(europe.baseJpy + 4 * europe.per500gJpy);
    expect(result.estimatedDays).toEqual(europe.estimatedDays);
  });

  it('charges more the farther the zone', () => {
    const items = [box(1200, [20, 15, 10])];
    const fees = ['KR', 'US', 'DE', 'BR'].map(
      (code) => quote('dhl_express', country(code), items).feeJpy,
    );
    expect(fees).toEqual([...fees].sort((a, b) => a - b));
    expect(new Set(fees).size).toBe(4);
  });

  it('charges a flat domestic fee up to 2 kg, then per 500 g', () => {
    const rate = shippingRates.domestic.domestic!;
    const jp = country('JP');
    expect(quote('domestic', jp, [box(1900, [10, 10, 10])]).feeJpy).toBe(rate.baseJpy);
    expect(quote('domestic', jp, [box(2000, [10, 10, 10])]).feeJpy).toBe(rate.baseJpy);
    const over = quote('domestic', jp, [box(2001, [10, 10, 10])]).feeJpy;
    expect(over).toBe(rate.baseJpy + rate.per500gJpy);
  });

  it('ships a digital-only order free by any available method', () => {
    for (const code of ['JP', 'US', 'GB', 'HK']) {
      const c = country(code);
      for (const method of availableMethods(c)) {
        const result = quote(method, c, [download, download]);
        expect(result.feeJpy).toBe(0);
        expect(result.billableWeightG).toBe(0);
      }
    }
  });

  it('refuses packages over 30 kg billable', () => {
    expect(maxBillableWeightG).toBe(30_000);
    expect(quoteShipping('dhl_express', country('US'), [box(30_001, [10, 10, 10])])).toEqual({
      error: 'too_heavy',
    });
    // A huge light box is too heavy by volume: 100×60×30 cm → 39,600 g.
    expect(quoteShipping('domestic', country('JP'), [box(1000, [100, 60, 30])])).toEqual({
      error: 'too_heavy',
    });
    expect(quote('dhl_express', country('US'), [box(30_000, [10, 10, 10])]).billableWeightG).toBe(
      30_000,
    );
  });

  it('refuses a method that does not serve the country', () => {
    const item = [box(500, [10, 10, 10])];
    expect(quoteShipping('domestic', country('US'), item)).toEqual({ error: 'method_unavailable' });
    expect(quoteShipping('dhl_express', country('JP'), item)).toEqual({
      error: 'method_unavailable',
    });
  });
});

describe('shipping rate table', () => {
  it('serves every listed country by at least one method', () => {
    for (const c of countries) expect(availableMethods(c).length, c.code).toBeGreaterThan(0);
  });
});

describe('shippingMethods', () => {
  it('links to the carrier tracking page with the number URL-encoded', () => {
    expect(shippingMethods.dhl_express.carrierTrackingUrl('1234 56/7')).toBe(
      'https://www.dhl.com/global-en/home/tracking.html?tracking-id=1234%2056%2F7',
    );
    expect(shippingMethods.domestic.carrierTrackingUrl('1234-5678-9012')).toBe(
      'https://trackings.post.japanpost.jp/services/srv/search/?requestNo1=1234-5678-9012',
    );
  });

  it('names each method in English and Japanese under its own code', () => {
    for (const [code, info] of Object.entries(shippingMethods)) {
      expect(info.code).toBe(code);
      expect(info.nameEn).not.toBe('');
      expect(info.nameJa).not.toBe('');
    }
  });
});
