import { en, ja, type Message, type MessageKey } from './dictionary.ts';

export type { MessageKey } from './dictionary.ts';

export const locales = ['en', 'ja'] as const;
export type Locale = (typeof locales)[number];

const dictionaries: Record<Locale, Record<MessageKey, Message>> = { en, ja };
const pluralRules: Record<Locale, Intl.PluralRules> = {
  en: new Intl.PluralRules('en'),
  ja: new Intl.PluralRules('ja'),
};

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * A translator for one locale; `{name}` placeholders are filled from params, and a message with
 * plural forms reads the form the locale's plural rules pick for its number ("1 item", "2 items").
 */
export function translator(locale: Locale): Translate {
  const dict = dictionaries[locale];
  const rules = pluralRules[locale];
  return (key, params) => {
    const message = dict[key];
    const text =
      typeof message === 'string'
        ? message
        : (message[rules.select(Number(params?.[message.plural]))] ?? message.other);
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m));
  };
}

/** Whether a string is a dictionary key; zod schemas use keys as messages so forms can translate them. */
export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(en, value);
}

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'ja';
}

/** The first supported language in an Accept-Language header, else English. */
export function localeFromHeader(header: string | undefined): Locale {
  for (const part of (header ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (isLocale(tag)) return tag;
  }
  return 'en';
}

/** A date as customers in that locale write it, in Japan time (where the shop operates). */
export function formatDate(date: Date, locale: Locale, withTime = false): string {
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'medium',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone: 'Asia/Tokyo',
  }).format(date);
}

/** '2027-03' as 'March 2027' / '2027年3月'. */
export function formatMonth(month: string, locale: Locale): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  if (locale === 'ja') return `${y}年${m}月`;
  return new Intl.DateTimeFormat('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, 1)));
}
