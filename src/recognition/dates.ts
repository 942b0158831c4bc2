/** Dates as reports print them: 2021年1月28日, 2021-01-28, 2021/1/28, 2021.1.28, 二〇二一年一月二十八日. */
import { chineseSmallNumber, chineseYear } from './normalize.ts';

const CN = '[〇零一二三四五六七八九十两OoＯ]';
export const DATE_SOURCE =
  `(?:(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日` +
  `|(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})` +
  `|(${CN}{4})\\s*年\\s*(${CN}{1,3})\\s*月\\s*(${CN}{1,3})\\s*日)`;

/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Months and days as an ISO date prints them: 「01」…「31」. */
const TWO_DIGITS = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1990 || year > 2100) return null;
  // Printed dates are whole numbers: the day is held against the month's length without making a Date.
  if (Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day)) {
    const days = month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
    return day <= days ? `${year}-${TWO_DIGITS[month]!}-${TWO_DIGITS[day]!}` : null;
  }
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The ISO date of a match of DATE_SOURCE (groups 1–9), or null when it is not a real date. */
export function dateFromMatch(m: RegExpExecArray | string[], offset = 1): string | null {
  // Indexes, not a helper closure: this runs for every date-like line.
  const o = offset;
  if (m[o]) return isoDate(Number(m[o]), Number(m[o + 1]), Number(m[o + 2]));
  if (m[o + 3]) return isoDate(Number(m[o + 3]), Number(m[o + 4]), Number(m[o + 5]));
  if (m[o + 6]) {
    const y = chineseYear(m[o + 6]!);
    const mo = chineseSmallNumber(m[o + 7]!);
    const d = chineseSmallNumber(m[o + 8]!);
    return y !== null && mo !== null && d !== null ? isoDate(y, mo, d) : null;
  }
  return null;
}

const ONLY_DATE = new RegExp(`^[\\s(（]*${DATE_SOURCE}[\\s)）]*$`);

/** The date a line consists of (a signature date), or null. */
export function lineDate(line: string): string | null {
  const m = ONLY_DATE.exec(line);
  return m ? dateFromMatch(m) : null;
}
