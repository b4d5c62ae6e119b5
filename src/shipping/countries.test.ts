import { describe, expect, it } from 'vitest';
import {
  type Country,
  countries,
  findCountry,
  normalisePostalCode,
  regionMismatch,
} from './countries.ts';

function country(code: string): Country {
  const found = findCountry(code);
  if (found === undefined) throw new Error(`test setup: no country ${code}`);
  return found;
}

function normalised(code: string, raw: string): string | null {
  const result = normalisePostalCode(country(code), raw);
  return result.ok ? result.value : null;
}

describe('countries', () => {
  it('lists at least 60 countries with unique upper-case alpha-2 codes', () => {
    expect(countries.length).toBeGreaterThanOrEqual(60);
    const codes = countries.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z]{2}$/);
  });

  it('includes the countries customers commonly order from', () => {
    const common = ['JP', 'US', 'CA', 'GB', 'FR', 'DE', 'AU', 'KR', 'CN', 'TW', 'HK', 'BR', 'ZA'];
    for (const code of common) expect(findCountry(code), code).toBeDefined();
  });

  it('puts only Japan in the domestic zone', () => {
    expect(countries.filter((c) => c.zone === 'domestic').map((c) => c.code)).toEqual(['JP']);
  });

  it('anchors every postal pattern and accepts its own example', () => {
    for (const c of countries) {
      if (c.postal === null) continue;
      expect(c.postal.pattern.source, c.code).toMatch(/^\^.*\$$/);
      expect(normalisePostalCode(c, c.postal.exampleEn).ok, c.code).toBe(true);
    }
  });
});

describe('findCountry', () => {
  it('ignores case and surrounding spaces', () => {
    expect(findCountry('jp')?.nameEn).toBe('Japan');
    expect(findCountry(' us ')?.nameJa).toBe('アメリカ合衆国');
  });

  it('returns undefined for an unknown code', () => {
    expect(findCountry('XX')).toBeUndefined();
    expect(findCountry('')).toBeUndefined();
  });
});

describe('normalisePostalCode', () => {
  it('stores Japanese codes as 123-4567', () => {
    expect(normalised('JP', '1500001')).toBe('150-0001');
    expect(normalised('JP', ' 150-0001 ')).toBe('150-0001');
  });

  it('accepts full-width digits typed on a Japanese keyboard', () => {
    expect(normalised('JP', '１５０－０００１')).toBe('150-0001');
  });

  it('rejects malformed Japanese codes', () => {
    expect(normalised('JP', '150-001')).toBeNull();
    expect(normalised('JP', '15000011')).toBeNull();
    expect(normalised('JP', 'abc-defg')).toBeNull();
    expect(normalised('JP', '')).toBeNull();
  });

  it('accepts US ZIP and ZIP+4 and rejects other shapes', () => {
    expect(normalised('US', '10001')).toBe('10001');
    expect(normalised('US', '10001-1234')).toBe('10001-1234');
    expect(normalised('US', '1000')).toBeNull();
    expect(normalised('US', '10001-12')).toBeNull();
    expect(normalised('US', '1000A')).toBeNull();
  });

  it('upper-cases Canadian codes and stores them with one space', () => {
    expect(normalised('CA', 'k1a0b1')).toBe('K1A 0B1');
    expect(normalised('CA', 'K1A 0B1')).toBe('K1A 0B1');
    expect(normalised('CA', '12345')).toBeNull();
    expect(normalised('CA', 'K1A 0B')).toBeNull();
  });

  it('accepts UK postcode shapes and stores them with the inward code split off', () => {
    expect(normalised('GB', 'sw1a1aa')).toBe('SW1A 1AA');
    expect(normalised('GB', 'M1 1AE')).toBe('M1 1AE');
    expect(normalised('GB', 'B33 8TH')).toBe('B33 8TH');
    expect(normalised('GB', 'cr2  6xh')).toBe('CR2 6XH');
    expect(normalised('GB', 'DN551PT')).toBe('DN55 1PT');
    expect(normalised('GB', 'SW1A')).toBeNull();
    expect(normalised('GB', 'SW1A 1A')).toBeNull();
    expect(normalised('GB', '12345')).toBeNull();
  });

  it('adds the official separators for Poland, Brazil and Latvia', () => {
    expect(normalised('PL', '00950')).toBe('00-950');
    expect(normalised('BR', '01310100')).toBe('01310-100');
    expect(normalised('LV', '1050')).toBe('LV-1050');
    expect(normalised('LV', 'lv-1050')).toBe('LV-1050');
  });

  it('needs no code for countries without postal codes', () => {
    expect(normalised('HK', '')).toBe('');
    expect(normalised('AE', 'anything')).toBe('');
  });
});

describe('regionMismatch', () => {
  it('flags a region A Blu-ray for Germany but not for the US', () => {
    expect(regionMismatch('A', country('DE'))).toBe(true);
    expect(regionMismatch('A', country('US'))).toBe(false);
  });

  it('flags a region B Blu-ray for Japan', () => {
    expect(regionMismatch('B', country('JP'))).toBe(true);
  });

  it('never flags region-free or unknown discs', () => {
    for (const c of countries) {
      expect(regionMismatch('ALL', c)).toBe(false);
      expect(regionMismatch('all', c)).toBe(false);
      expect(regionMismatch('0', c)).toBe(false);
      expect(regionMismatch('ABC', c)).toBe(false);
      expect(regionMismatch(null, c)).toBe(false);
    }
  });

  it('accepts a multi-region Blu-ray in any listed region', () => {
    expect(regionMismatch('AB', country('GB'))).toBe(false);
    expect(regionMismatch('A/B', country('AU'))).toBe(false);
    expect(regionMismatch('AB', country('CN'))).toBe(true);
  });

  it('flags a region 2 DVD for the US but not for the UK', () => {
    expect(regionMismatch('2', country('US'))).toBe(true);
    expect(regionMismatch('2', country('GB'))).toBe(false);
  });

  it('uses the DVD region, not the Blu-ray region, for DVD codes', () => {
    // Korea is Blu-ray A like Japan, but DVD 3 unlike Japan's 2.
    expect(regionMismatch('2', country('KR'))).toBe(true);
    expect(regionMismatch('3', country('KR'))).toBe(false);
    expect(regionMismatch('2,4', country('AU'))).toBe(false);
  });
});
