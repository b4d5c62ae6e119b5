/** ISO 3166-1 alpha-2 country code, e.g. 'JP'. */
export type CountryCode = string;

/** Shipping zone from Japan; fees and delivery times are set per zone. */
export type ShippingZone = 'domestic' | 'asia' | 'oceania_na_me' | 'europe' | 'latam_africa';

export interface Country {
  code: CountryCode;
  nameEn: string;
  nameJa: string;
  zone: ShippingZone;
  /** null = the country has no postal codes (e.g. HK, AE). */
  postal: { pattern: RegExp; exampleEn: string } | null;
  /** A Japan/Americas/Korea/SE Asia, B Europe/Africa/Oceania/Middle East, C rest of Asia/Russia. */
  bluRayRegion: 'A' | 'B' | 'C';
  /**
   * 1 US/CA, 2 Japan/Europe/Middle East, 3 SE Asia (incl. KR, TW, HK),
   * 4 Latin America/Oceania, 5 Russia/Africa/South Asia, 6 China.
   */
  dvdRegion: '1' | '2' | '3' | '4' | '5' | '6';
}

// Postal patterns are tested against the trimmed, upper-cased input.
const digits = (n: number): RegExp => new RegExp(`^\\d{${n}}$`);

/** Destination countries we ship to, grouped by shipping zone. */
export const countries: readonly Country[] = [
  // Domestic
  {
    code: 'JP',
    nameEn: 'Japan',
    nameJa: '日本',
    zone: 'domestic',
    postal: { pattern: /^\d{3}-?\d{4}$/, exampleEn: '150-0001' },
    bluRayRegion: 'A',
    dvdRegion: '2',
  },

  // Asia
  {
    code: 'KR',
    nameEn: 'South Korea',
    nameJa: '韓国',
    zone: 'asia',
    postal: { pattern: digits(5), exampleEn: '03187' },
    bluRayRegion: 'A',
    dvdRegion: '3',
  },
  {
    code: 'CN',
    nameEn: 'China',
    nameJa: '中国',
    zone: 'asia',
    postal: { pattern: digits(6), exampleEn: '100000' },
    bluRayRegion: 'C',
    dvdRegion: '6',
  },
  {
    code: 'TW',
    nameEn: 'Taiwan',
    nameJa: '台湾',
    zone: 'asia',
    postal: { pattern: /^\d{3}(\d{2,3})?$/, exampleEn: '10048' },
    bluRayRegion: 'A',
    dvdRegion: '3',
  },
  {
    code: 'HK',
    nameEn: 'Hong Kong',
    nameJa: '香港',
    zone: 'asia',
    postal: null,
    bluRayRegion: 'A',
    dvdRegion: '3',
  },
  {
    code: 'MO',
    nameEn: 'Macao',
    nameJa: 'マカオ',
    zone: 'asia',
    postal: null,
    bluRayRegion: 'A',
    dvdRegion: '3',
  },
  {
    code: 'SG',
    nameEn: 'Singapore',
    nameJa: 'シンガポール',
    zone: 'asia',
    postal: { pattern: digits(6), exampleEn: '018956' },
    bluRayRegion: 'A',
    dvdRegion: '3',
  },
  {
    code: 'MY',
    nameEn: 'Malaysia',
    nameJa: 'マレーシア',
    zone: 'asia',
    postal: { pattern: digits(5), exampleEn: '50450' },
    bluRayRegion: 'A',
    dvdRegion: '3',
  },
  {
    code: 'TH',
    nameEn: 'Thailand',
    nameJa: 'タイ',
    zone: 'asia',
    postal: { pattern: digits(5), exampleEn: '10110' },
    bluRayRegion: 'A',
    dvdRegion: '3',
  },
  {
    code: 'PH',
    nameEn: 'Philippines',
    nameJa: 'フィリピン',
    zone: 'asia',
    postal: { pattern: digits(4), exampleEn: '1000' },
    bluRayRegion: 'A',
    dvdRegion: '3',
  },
  {
    code: 'ID',
    nameEn: 'Indonesia',
    nameJa: 'インドネシア',
    zone: 'asia',
    postal: { pattern: digits(5), exampleEn: '10110' },
    bluRayRegion: 'A',
    dvdRegion: '3',
  },
  {
    code: 'VN',
    nameEn: 'Vietnam',
    nameJa: 'ベトナム',
    zone: 'asia',
    // Vietnam moved from 6-digit to 5-digit codes in 2018; both are still written.
    postal: { pattern: /^\d{5,6}$/, exampleEn: '10000' },
    bluRayRegion: 'A',
    dvdRegion: '3',
  },
  {
    code: 'BN',
    nameEn: 'Brunei',
    nameJa: 'ブルネイ',
    zone: 'asia',
    postal: { pattern: /^[A-Z]{2} ?\d{4}$/, exampleEn: 'BS8811' },
    bluRayRegion: 'A',
    dvdRegion: '3',
  },
  {
    code: 'IN',
    nameEn: 'India',
    nameJa: 'インド',
    zone: 'asia',
    postal: { pattern: /^[1-9]\d{5}$/, exampleEn: '110001' },
    bluRayRegion: 'C',
    dvdRegion: '5',
  },
  {
    code: 'LK',
    nameEn: 'Sri Lanka',
    nameJa: 'スリランカ',
    zone: 'asia',
    postal: { pattern: digits(5), exampleEn: '00100' },
    bluRayRegion: 'C',
    dvdRegion: '5',
  },
  {
    code: 'PK',
    nameEn: 'Pakistan',
    nameJa: 'パキスタン',
    zone: 'asia',
    postal: { pattern: digits(5), exampleEn: '44000' },
    bluRayRegion: 'C',
    dvdRegion: '5',
  },
  {
    code: 'BD',
    nameEn: 'Bangladesh',
    nameJa: 'バングラデシュ',
    zone: 'asia',
    postal: { pattern: digits(4), exampleEn: '1000' },
    bluRayRegion: 'C',
    dvdRegion: '5',
  },
  {
    code: 'NP',
    nameEn: 'Nepal',
    nameJa: 'ネパール',
    zone: 'asia',
    postal: { pattern: digits(5), exampleEn: '44600' },
    bluRayRegion: 'C',
    dvdRegion: '5',
  },
  {
    code: 'MN',
    nameEn: 'Mongolia',
    nameJa: 'モンゴル',
    zone: 'asia',
    postal: { pattern: digits(5), exampleEn: '14200' },
    bluRayRegion: 'C',
    dvdRegion: '5',
  },

  // Oceania, North America, Middle East
  {
    code: 'US',
    nameEn: 'United States',
    nameJa: 'アメリカ合衆国',
    zone: 'oceania_na_me',
    postal: { pattern: /^\d{5}(-\d{4})?$/, exampleEn: '10001' },
    bluRayRegion: 'A',
    dvdRegion: '1',
  },
  {
    code: 'CA',
    nameEn: 'Canada',
    nameJa: 'カナダ',
    zone: 'oceania_na_me',
    postal: { pattern: /^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$/, exampleEn: 'K1A 0B1' },
    bluRayRegion: 'A',
    dvdRegion: '1',
  },
  {
    code: 'AU',
    nameEn: 'Australia',
    nameJa: 'オーストラリア',
    zone: 'oceania_na_me',
    postal: { pattern: digits(4), exampleEn: '2000' },
    bluRayRegion: 'B',
    dvdRegion: '4',
  },
  {
    code: 'NZ',
    nameEn: 'New Zealand',
    nameJa: 'ニュージーランド',
    zone: 'oceania_na_me',
    postal: { pattern: digits(4), exampleEn: '6011' },
    bluRayRegion: 'B',
    dvdRegion: '4',
  },
  {
    code: 'AE',
    nameEn: 'United Arab Emirates',
    nameJa: 'アラブ首長国連邦',
    zone: 'oceania_na_me',
    postal: null,
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'QA',
    nameEn: 'Qatar',
    nameJa: 'カタール',
    zone: 'oceania_na_me',
    postal: null,
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'SA',
    nameEn: 'Saudi Arabia',
    nameJa: 'サウジアラビア',
    zone: 'oceania_na_me',
    postal: { pattern: /^\d{5}(-\d{4})?$/, exampleEn: '11564' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'KW',
    nameEn: 'Kuwait',
    nameJa: 'クウェート',
    zone: 'oceania_na_me',
    postal: { pattern: digits(5), exampleEn: '13001' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'BH',
    nameEn: 'Bahrain',
    nameJa: 'バーレーン',
    zone: 'oceania_na_me',
    postal: { pattern: /^\d{3,4}$/, exampleEn: '317' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'OM',
    nameEn: 'Oman',
    nameJa: 'オマーン',
    zone: 'oceania_na_me',
    postal: { pattern: digits(3), exampleEn: '112' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'JO',
    nameEn: 'Jordan',
    nameJa: 'ヨルダン',
    zone: 'oceania_na_me',
    postal: { pattern: digits(5), exampleEn: '11118' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'IL',
    nameEn: 'Israel',
    nameJa: 'イスラエル',
    zone: 'oceania_na_me',
    postal: { pattern: digits(7), exampleEn: '6473424' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'TR',
    nameEn: 'Türkiye',
    nameJa: 'トルコ',
    zone: 'oceania_na_me',
    postal: { pattern: digits(5), exampleEn: '34000' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },

  // Europe
  {
    code: 'GB',
    nameEn: 'United Kingdom',
    nameJa: 'イギリス',
    zone: 'europe',
    postal: { pattern: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, exampleEn: 'SW1A 1AA' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'IE',
    nameEn: 'Ireland',
    nameJa: 'アイルランド',
    zone: 'europe',
    // Eircode: routing key (letter + 2 digits, or D6W) and a 4-character unique identifier.
    postal: {
      pattern: /^([AC-FHKNPRTV-Y]\d{2}|D6W) ?[0-9AC-FHKNPRTV-Y]{4}$/,
      exampleEn: 'D02 X285',
    },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'FR',
    nameEn: 'France',
    nameJa: 'フランス',
    zone: 'europe',
    postal: { pattern: digits(5), exampleEn: '75001' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'DE',
    nameEn: 'Germany',
    nameJa: 'ドイツ',
    zone: 'europe',
    postal: { pattern: digits(5), exampleEn: '10115' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'IT',
    nameEn: 'Italy',
    nameJa: 'イタリア',
    zone: 'europe',
    postal: { pattern: digits(5), exampleEn: '00118' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'ES',
    nameEn: 'Spain',
    nameJa: 'スペイン',
    zone: 'europe',
    // The first two digits are the province, 01 to 52.
    postal: { pattern: /^(0[1-9]|[1-4]\d|5[0-2])\d{3}$/, exampleEn: '28001' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'PT',
    nameEn: 'Portugal',
    nameJa: 'ポルトガル',
    zone: 'europe',
    postal: { pattern: /^\d{4}-?\d{3}$/, exampleEn: '1100-148' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'NL',
    nameEn: 'Netherlands',
    nameJa: 'オランダ',
    zone: 'europe',
    postal: { pattern: /^[1-9]\d{3} ?[A-Z]{2}$/, exampleEn: '1012 AB' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'BE',
    nameEn: 'Belgium',
    nameJa: 'ベルギー',
    zone: 'europe',
    postal: { pattern: /^[1-9]\d{3}$/, exampleEn: '1000' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'LU',
    nameEn: 'Luxembourg',
    nameJa: 'ルクセンブルク',
    zone: 'europe',
    postal: { pattern: digits(4), exampleEn: '1009' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'AT',
    nameEn: 'Austria',
    nameJa: 'オーストリア',
    zone: 'europe',
    postal: { pattern: digits(4), exampleEn: '1010' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'CH',
    nameEn: 'Switzerland',
    nameJa: 'スイス',
    zone: 'europe',
    postal: { pattern: digits(4), exampleEn: '8001' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'SE',
    nameEn: 'Sweden',
    nameJa: 'スウェーデン',
    zone: 'europe',
    postal: { pattern: /^\d{3} ?\d{2}$/, exampleEn: '114 55' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'NO',
    nameEn: 'Norway',
    nameJa: 'ノルウェー',
    zone: 'europe',
    postal: { pattern: digits(4), exampleEn: '0150' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'DK',
    nameEn: 'Denmark',
    nameJa: 'デンマーク',
    zone: 'europe',
    postal: { pattern: digits(4), exampleEn: '1050' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'FI',
    nameEn: 'Finland',
    nameJa: 'フィンランド',
    zone: 'europe',
    postal: { pattern: digits(5), exampleEn: '00100' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'IS',
    nameEn: 'Iceland',
    nameJa: 'アイスランド',
    zone: 'europe',
    postal: { pattern: digits(3), exampleEn: '101' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'PL',
    nameEn: 'Poland',
    nameJa: 'ポーランド',
    zone: 'europe',
    postal: { pattern: /^\d{2}-?\d{3}$/, exampleEn: '00-950' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'CZ',
    nameEn: 'Czechia',
    nameJa: 'チェコ',
    zone: 'europe',
    postal: { pattern: /^\d{3} ?\d{2}$/, exampleEn: '110 00' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'SK',
    nameEn: 'Slovakia',
    nameJa: 'スロバキア',
    zone: 'europe',
    postal: { pattern: /^\d{3} ?\d{2}$/, exampleEn: '811 01' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'HU',
    nameEn: 'Hungary',
    nameJa: 'ハンガリー',
    zone: 'europe',
    postal: { pattern: digits(4), exampleEn: '1051' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'SI',
    nameEn: 'Slovenia',
    nameJa: 'スロベニア',
    zone: 'europe',
    postal: { pattern: digits(4), exampleEn: '1000' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'HR',
    nameEn: 'Croatia',
    nameJa: 'クロアチア',
    zone: 'europe',
    postal: { pattern: digits(5), exampleEn: '10000' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'RO',
    nameEn: 'Romania',
    nameJa: 'ルーマニア',
    zone: 'europe',
    postal: { pattern: digits(6), exampleEn: '010011' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'BG',
    nameEn: 'Bulgaria',
    nameJa: 'ブルガリア',
    zone: 'europe',
    postal: { pattern: digits(4), exampleEn: '1000' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'GR',
    nameEn: 'Greece',
    nameJa: 'ギリシャ',
    zone: 'europe',
    postal: { pattern: /^\d{3} ?\d{2}$/, exampleEn: '105 57' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'CY',
    nameEn: 'Cyprus',
    nameJa: 'キプロス',
    zone: 'europe',
    postal: { pattern: digits(4), exampleEn: '1010' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'MT',
    nameEn: 'Malta',
    nameJa: 'マルタ',
    zone: 'europe',
    postal: { pattern: /^[A-Z]{3} ?\d{2,4}$/, exampleEn: 'VLT 1117' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'EE',
    nameEn: 'Estonia',
    nameJa: 'エストニア',
    zone: 'europe',
    postal: { pattern: digits(5), exampleEn: '10111' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'LV',
    nameEn: 'Latvia',
    nameJa: 'ラトビア',
    zone: 'europe',
    postal: { pattern: /^(LV-?)?\d{4}$/, exampleEn: 'LV-1050' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'LT',
    nameEn: 'Lithuania',
    nameJa: 'リトアニア',
    zone: 'europe',
    postal: { pattern: /^(LT-?)?\d{5}$/, exampleEn: 'LT-01100' },
    bluRayRegion: 'B',
    dvdRegion: '2',
  },
  {
    code: 'RU',
    nameEn: 'Russia',
    nameJa: 'ロシア',
    zone: 'europe',
    postal: { pattern: digits(6), exampleEn: '101000' },
    bluRayRegion: 'C',
    dvdRegion: '5',
  },

  // Latin America, Africa
  {
    code: 'MX',
    nameEn: 'Mexico',
    nameJa: 'メキシコ',
    zone: 'latam_africa',
    postal: { pattern: digits(5), exampleEn: '06000' },
    bluRayRegion: 'A',
    dvdRegion: '4',
  },
  {
    code: 'BR',
    nameEn: 'Brazil',
    nameJa: 'ブラジル',
    zone: 'latam_africa',
    postal: { pattern: /^\d{5}-?\d{3}$/, exampleEn: '01310-100' },
    bluRayRegion: 'A',
    dvdRegion: '4',
  },
  {
    code: 'AR',
    nameEn: 'Argentina',
    nameJa: 'アルゼンチン',
    zone: 'latam_africa',
    // CPA (letter + 4 digits + 3 letters) or the older 4-digit code, both still in use.
    postal: { pattern: /^([A-HJ-NP-Z]\d{4}[A-Z]{3}|\d{4})$/, exampleEn: 'C1425ABC' },
    bluRayRegion: 'A',
    dvdRegion: '4',
  },
  {
    code: 'CL',
    nameEn: 'Chile',
    nameJa: 'チリ',
    zone: 'latam_africa',
    postal: { pattern: digits(7), exampleEn: '8320000' },
    bluRayRegion: 'A',
    dvdRegion: '4',
  },
  {
    code: 'CO',
    nameEn: 'Colombia',
    nameJa: 'コロンビア',
    zone: 'latam_africa',
    postal: { pattern: digits(6), exampleEn: '110111' },
    bluRayRegion: 'A',
    dvdRegion: '4',
  },
  {
    code: 'PE',
    nameEn: 'Peru',
    nameJa: 'ペルー',
    zone: 'latam_africa',
    postal: { pattern: digits(5), exampleEn: '15001' },
    bluRayRegion: 'A',
    dvdRegion: '4',
  },
  {
    code: 'UY',
    nameEn: 'Uruguay',
    nameJa: 'ウルグアイ',
    zone: 'latam_africa',
    postal: { pattern: digits(5), exampleEn: '11000' },
    bluRayRegion: 'A',
    dvdRegion: '4',
  },
  {
    code: 'CR',
    nameEn: 'Costa Rica',
    nameJa: 'コスタリカ',
    zone: 'latam_africa',
    postal: { pattern: digits(5), exampleEn: '10101' },
    bluRayRegion: 'A',
    dvdRegion: '4',
  },
  {
    code: 'ZA',
    nameEn: 'South Africa',
    nameJa: '南アフリカ',
    zone: 'latam_africa',
    postal: { pattern: digits(4), exampleEn: '2001' },
    bluRayRegion: 'B',
    // South Africa is DVD region 2, unlike most of Africa (5).
    dvdRegion: '2',
  },
  {
    code: 'EG',
    nameEn: 'Egypt',
    nameJa: 'エジプト',
    zone: 'latam_africa',
    postal: { pattern: digits(5), exampleEn: '11511' },
    bluRayRegion: 'B',
    // Egypt is DVD region 2 with the Middle East.
    dvdRegion: '2',
  },
  {
    code: 'MA',
    nameEn: 'Morocco',
    nameJa: 'モロッコ',
    zone: 'latam_africa',
    postal: { pattern: digits(5), exampleEn: '10000' },
    bluRayRegion: 'B',
    dvdRegion: '5',
  },
  {
    code: 'KE',
    nameEn: 'Kenya',
    nameJa: 'ケニア',
    zone: 'latam_africa',
    postal: { pattern: digits(5), exampleEn: '00100' },
    bluRayRegion: 'B',
    dvdRegion: '5',
  },
];

const byCode = new Map(countries.map((c) => [c.code, c]));

/** Finds a country by ISO alpha-2 code, ignoring case and surrounding spaces. */
export function findCountry(code: string): Country | undefined {
  return byCode.get(code.trim().toUpperCase());
}

const splitAt =
  (at: number, separator: string) =>
  (compact: string): string =>
    `${compact.slice(0, at)}${separator}${compact.slice(at)}`;

const withPrefix =
  (prefix: string) =>
  (compact: string): string =>
    `${prefix}-${compact.replace(prefix, '')}`;

// One stored form per code, so the same address always compares equal; others stay as typed.
const canonicalForms: Record<CountryCode, (compact: string) => string> = {
  JP: splitAt(3, '-'),
  PL: splitAt(2, '-'),
  PT: splitAt(4, '-'),
  BR: splitAt(5, '-'),
  CA: splitAt(3, ' '),
  GB: splitAt(-3, ' '),
  IE: splitAt(3, ' '),
  NL: splitAt(4, ' '),
  SE: splitAt(3, ' '),
  CZ: splitAt(3, ' '),
  SK: splitAt(3, ' '),
  GR: splitAt(3, ' '),
  MT: splitAt(3, ' '),
  BN: splitAt(2, ''),
  LV: withPrefix('LV'),
  LT: withPrefix('LT'),
};

/** Trims, upper-cases and validates a postal code; ok with '' when the country has none. */
export function normalisePostalCode(
  country: Country,
  raw: string,
): { ok: true; value: string } | { ok: false } {
  if (country.postal === null) return { ok: true, value: '' };
  // NFKC turns full-width digits and hyphens typed on Japanese keyboards into ASCII.
  const value = raw.normalize('NFKC').trim().toUpperCase().replace(/\s+/g, ' ');
  if (!country.postal.pattern.test(value)) return { ok: false };
  const canonical = canonicalForms[country.code];
  if (canonical === undefined) return { ok: true, value };
  return { ok: true, value: canonical(value.replace(/[\s-]/g, '')) };
}

/** True when a disc with this region code will not play in players sold in the country. */
export function regionMismatch(productRegion: string | null, country: Country): boolean {
  if (productRegion === null) return false;
  // Accept 'A/B', 'A, B' or 'AB' alike.
  const code = productRegion.toUpperCase().replace(/[\s,/]/g, '');
  if (code === '' || code === 'ALL' || code === '0') return false;
  if (/^[ABC]+$/.test(code)) return !code.includes(country.bluRayRegion);
  if (/^[0-6]+$/.test(code)) return !code.includes('0') && !code.includes(country.dvdRegion);
  // An unknown code can't be judged; a false warning would only confuse customers.
  return false;
}
