/** The shop works in Japan time (UTC+9, no daylight saving), so staff see and type it. */
const OFFSET_MS = 9 * 3600 * 1000;

/** Whether 'YYYY-MM-DD' names a real calendar day. */
export function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/** The instant a Japanese calendar day ('YYYY-MM-DD') begins. */
export function japanDayStart(day: string): Date {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() - OFFSET_MS);
}

/** The instant the Japanese calendar day after `day` begins (an exclusive upper bound). */
export function japanDayEnd(day: string): Date {
  return new Date(japanDayStart(day).getTime() + 24 * 3600 * 1000);
}

/** Reads a `datetime-local` value ('YYYY-MM-DDTHH:mm') typed in Japan time; null when invalid. */
export function parseJapanLocal(value: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match || !isCalendarDay(match[1]!)) return null;
  const [hours, minutes] = [Number(match[2]), Number(match[3])];
  if (hours > 23 || minutes > 59) return null;
  return new Date(japanDayStart(match[1]!).getTime() + (hours * 60 + minutes) * 60_000);
}

/** An instant as a `datetime-local` value in Japan time. */
export function toJapanLocal(date: Date): string {
  return new Date(date.getTime() + OFFSET_MS).toISOString().slice(0, 16);
}

/** An instant as 'YYYY-MM-DD HH:mm' in Japan time, for tables and timelines. */
export function formatJapanTime(date: Date): string {
  return toJapanLocal(date).replace('T', ' ');
}

const TOKYO = 'Asia/Tokyo';

/** A time as the customer pages write it, in Japan time: '10:42 (26 Nov)' / '11月26日 10:42'. */
export function formatTokyoTime(date: Date, locale: 'en' | 'ja'): string {
  const time = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: TOKYO,
  }).format(date);
  if (locale === 'ja') {
    const day = new Intl.DateTimeFormat('ja-JP', {
      month: 'long',
      day: 'numeric',
      timeZone: TOKYO,
    }).format(date);
    return `${day} ${time}`;
  }
  const day = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: TOKYO,
  }).format(date);
  return `${time} (${day})`;
}

/**
 * The last instant (…23:59:59.999 Japan time) of the Japanese calendar month `monthsAhead` months
 * after the one `date` falls in; month lengths and leap years come from the calendar.
 */
export function japanMonthEnd(date: Date, monthsAhead: number): Date {
  const tokyo = new Date(date.getTime() + OFFSET_MS);
  const nextMonthStart = Date.UTC(tokyo.getUTCFullYear(), tokyo.getUTCMonth() + monthsAhead + 1, 1);
  return new Date(nextMonthStart - OFFSET_MS - 1);
}
