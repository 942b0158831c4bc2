/** Small text helpers for printing a record the ways real reports do. */

const FULL_DIGITS = '０１２３４５６７８９';
const CN_DIGITS = '〇一二三四五六七八九';

export function fullWidthDigits(text: string): string {
  return text
    .replace(/[0-9]/g, (d) => FULL_DIGITS[Number(d)]!)
    .replace(/-(?=[０-９])/g, '－')
    .replace(/\.(?=[０-９])/g, '．');
}

/** Narrative punctuation as converters leave it: 「2023年,繁荣街道按照…(一)…」. */
export function halfWidthPunctuation(text: string): string {
  return text
    .replace(/，/g, ',')
    .replace(/；/g, ';')
    .replace(/：/g, ':')
    .replace(/（/g, '(')
    .replace(/）/g, ')');
}

export function halfWidthBrackets(text: string): string {
  return text.replace(/（/g, '(').replace(/）/g, ')');
}

function cnNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones === 0 ? '' : CN_DIGITS[ones]}`;
}

export type DateFormat = 'arabic' | 'padded' | 'chinese' | 'iso';

/** An ISO date as a report prints it: 「2021年1月28日」, 「2021年01月28日」, 「二〇二一年一月二十八日」, 「2021-01-28」. */
export function printDate(isoDate: string, format: DateFormat): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  switch (format) {
    case 'arabic':
      return `${y}年${m}月${d}日`;
    case 'padded':
      return `${y}年${String(m).padStart(2, '0')}月${String(d).padStart(2, '0')}日`;
    case 'chinese':
      return `${[...String(y)].map((c) => CN_DIGITS[Number(c)]).join('')}年${cnNumber(m)}月${cnNumber(d)}日`;
    case 'iso':
      return isoDate;
  }
}

const CLOSING = new Set([...'）)」》”，。、；：.．,;:']);
const OPENING = new Set([...'（(「《“']);

/**
 * Breaks a label into lines of about `width` characters as a narrow table column does, without starting a
 * line with closing punctuation or ending one with an opening bracket (as Word's line breaking does).
 */
export function wrapLabel(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  const lines: string[] = [];
  let start = 0;
  while (chars.length - start > width) {
    let end = start + width;
    while (end < chars.length && CLOSING.has(chars[end]!)) end++;
    while (end - 1 > start && OPENING.has(chars[end - 1]!)) end--;
    if (end === chars.length) break;
    lines.push(chars.slice(start, end).join(''));
    start = end;
  }
  lines.push(chars.slice(start).join(''));
  return lines.join('\n');
}

/** One character a line, as in a column one character wide (「自\n然\n人」). */
export function oneCharPerLine(text: string): string {
  return [...text].join('\n');
}
