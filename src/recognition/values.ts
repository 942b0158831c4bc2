/**
 * Reading one printed cell: a number (full-width digits, signs, thousands separators, a unit, words
 * around it), a blank, or a dash/slash that stands for nothing.
 */

export type Slot =
  | { kind: 'blank'; a: number; b: number; dash: boolean }
  | {
      kind: 'number';
      a: number;
      b: number;
      /** The digits as printed (for splitting runs that lost their separators). */
      digits: string;
      value: number;
      unit: '元' | '万元' | '万' | null;
      /** Words besides the number and its unit (「22（其中修订16件）」). */
      extraText: boolean;
      /**
       * Printed in the same piece as the label with nothing between (crawler text: 「行政处罚213」). Only such
       * runs may hold several cells; a number that is a cell or paragraph of its own is one value.
       */
      glued: boolean;
    }
  | { kind: 'text'; a: number; b: number };

const NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+(?![\d])|\d+)(?:\.(\d+))?/;
const DASH = /^(?:[-_~/\\|、.·…]+|无|空|\/|——)$/;
const UNIT = /^(万元|元|万|件|条|个|项|次|人次|份|起|宗|家|人)/;
/** Table furniture that crawler text glues after a row's digits (「0000000三、本年度办理结果」). */
const STRUCTURAL =
  /^(?:[一二三四五六七][、.]|\([一二三四五六七]\))?(?:本年度?办理结果|不予公开|无法提供|不予处理|其他处理|第二十条|信息内容|申请人情况|法人或其他组织|行政诉讼|行政复议)/;
/** A sentence, not a cell: narrative that follows a table. */
const SENTENCE = /[。；;，,：:]|.{16,}/;

/** Whether t is one or more ASCII digits and nothing else. */
function isPlainDigits(t: string): boolean {
  if (t.length === 0) return false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Whether a character may start what DASH or NUMBER match: a digit, a sign, a dash mark, 无 or 空. */
function mayStartValue(c: number): boolean {
  if (c >= 0x30 && c <= 0x39) return true;
  switch (c) {
    case 0x2b: // +
    case 0x2d: // -
    case 0x5f: // _
    case 0x7e: // ~
    case 0x2f: // /
    case 0x5c: // \
    case 0x7c: // |
    case 0x2e: // .
    case 0xb7: // ·
    case 0x2014: // —
    case 0x2026: // …
    case 0x3001: // 、
    case 0x65e0: // 无
    case 0x7a7a: // 空
      return true;
    default:
      return false;
  }
}

export function parseSlot(t: string, a: number, b: number): Slot {
  if (t === '') return { kind: 'blank', a, b, dash: false };
  // Most cells print bare digits (「0」「12」): the patterns below would read them the same way.
  if (isPlainDigits(t)) {
    return { kind: 'number', a, b, digits: t, value: Number(t), unit: null, extraText: false, glued: false };
  }
  // Labels and narrative after the values are read here too: most cannot start a dash or a number.
  if (!mayStartValue(t.charCodeAt(0))) return { kind: 'text', a, b };
  if (DASH.test(t)) return { kind: 'blank', a, b, dash: true };
  const m = NUMBER.exec(t);
  if (!m || (m[1] && m[0].length === 1)) return { kind: 'text', a, b };
  const sign = m[1] === '-' ? -1 : 1;
  const whole = m[2]!.replace(/,/g, '');
  const frac = m[3];
  const value = sign * Number(frac ? `${whole}.${frac}` : whole);
  let rest = t.slice(m[0].length);
  let unit: '元' | '万元' | '万' | null = null;
  const u = UNIT.exec(rest);
  if (u) {
    if (u[1] === '元' || u[1] === '万元' || u[1] === '万') unit = u[1];
    rest = rest.slice(u[0].length);
  }
  if (rest !== '' && STRUCTURAL.test(rest)) {
    // The rest is the next label run into the digits: the cell ends where the words begin.
    return {
      kind: 'number',
      a,
      b: a + (t.length - rest.length),
      digits: m[0],
      value,
      unit,
      extraText: false,
      glued: false,
    };
  }
  if (rest !== '' && SENTENCE.test(rest) && !/^[(（]/.test(rest)) return { kind: 'text', a, b };
  return { kind: 'number', a, b, digits: m[0], value, unit, extraText: rest !== '', glued: false };
}

/** Longest run of bare digits summed up digit by digit: exact below 2^53, as Number() reads it. */
export const EXACT_DIGITS = 15;

/** The number slot of bare digits s[a, b) worth `value` (read by the caller as it found the digits). */
export function bareNumber(s: string, a: number, b: number, value: number): Slot {
  return { kind: 'number', a, b, digits: s.slice(a, b), value, unit: null, extraText: false, glued: false };
}

/** Money in 万元: 「251000元」 is 25.1. Rounded to 6 decimals to avoid binary noise. */
export function toWan(value: number, unit: '元' | '万元' | '万' | null): number {
  const wan = unit === '元' ? value / 10000 : value;
  return Math.round(wan * 1e6) / 1e6;
}
