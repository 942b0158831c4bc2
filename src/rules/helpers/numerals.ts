/** Numbers as reports print them in prose: 「12」「１２」「两」「十五」「一百零三」. */

/** Regex source for a count in prose (a capture group is the caller's business). */
export const COUNT_SOURCE = '[0-9０-９]+|[零〇一二两三四五六七八九十百千]+';

const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const FULL_WIDTH_ZERO = '０'.charCodeAt(0);
const ARABIC = /^[0-9０-９]+$/;

/** The value of a count printed in Arabic (half- or full-width) or Chinese numerals; undefined if it is not one. */
export function parseCount(text: string): number | undefined {
  if (ARABIC.test(text)) {
    let value = 0;
    for (const ch of text) {
      const code = ch.charCodeAt(0);
      value = value * 10 + (code >= FULL_WIDTH_ZERO ? code - FULL_WIDTH_ZERO : code - 48);
    }
    return value;
  }
  return parseChinese(text);
}

function parseChinese(text: string): number | undefined {
  if (text.length === 0) return undefined;
  let total = 0;
  let digit: number | undefined;
  let sawUnit = false;
  for (const ch of text) {
    const d = DIGIT[ch];
    if (d !== undefined) {
      // 「一二」 or 「三四」 is not a number we can read with confidence.
      if (digit !== undefined && digit !== 0 && d !== 0) return undefined;
      digit = d;
      continue;
    }
    const unit = UNIT[ch];
    if (unit === undefined) return undefined;
    total += (digit ?? 1) * unit; // 「十五」: an unprefixed 十 is 10
    digit = undefined;
    sawUnit = true;
  }
  if (!sawUnit && text.length > 1) return undefined;
  return total + (digit ?? 0);
}
