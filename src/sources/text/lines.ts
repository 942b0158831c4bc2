/** Splitting decoded text into lines while keeping each line's offset, and classifying line shapes. */

export interface Line {
  text: string;
  start: number;
  /** 1-based line number. */
  number: number;
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let number = 1;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push({ text: text.slice(start, i), start, number: number++ });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  if (start < n) lines.push({ text: text.slice(start), start, number });
  return lines;
}

/**
 * The shapes a line of exported report text takes:
 * - `tabCell`: one table cell on a line of its own, marked by a leading tab (Word → text export);
 * - `tabRow`: a whole table row, cells separated by tabs;
 * - `mdRow`: a markdown table row `| a | b |`;
 * - `pipe`: a line holding only `|`, separating the cells of a table written one cell per line;
 * - `rule`: a horizontal rule or markdown separator (`----`, `|---|---|`), which carries nothing;
 * - `blank`, `text`.
 */
export type LineKind = 'blank' | 'tabCell' | 'tabRow' | 'mdRow' | 'pipe' | 'rule' | 'text';

const RULE = /^[\s|:+=\-—_]*$/;

export function classify(text: string): LineKind {
  if (text.trim() === '') {
    // A tab alone on a line is an empty cell of a tab-per-cell export, not a blank line.
    if (text.startsWith('\t') && text.indexOf('\t', 1) < 0) return 'tabCell';
    return text.includes('\t') ? 'tabRow' : 'blank';
  }
  const firstTab = text.indexOf('\t');
  if (firstTab >= 0) {
    if (RULE.test(text) && /[-=—_]{3}/.test(text)) return 'rule';
    const hasInnerTab =
      text.indexOf('\t', firstTab + 1) >= 0 || (firstTab > 0 && text.slice(0, firstTab).trim() !== '');
    if (firstTab === 0 && !hasInnerTab) return 'tabCell';
    if (hasInnerTab) return 'tabRow';
  }
  const t = text.trim();
  if (t === '|' || t === '｜') return 'pipe';
  if (t.startsWith('|') && t.length > 1) {
    if (RULE.test(t) && /-{3}/.test(t)) return 'rule';
    if (t.endsWith('|') && t.length > 2) return 'mdRow';
  }
  if (/^[-=—_*]{4,}$/.test(t)) return 'rule';
  return 'text';
}
