/** Splitting decoded text into lines while keeping each line's offset, and classifying line shapes. */
import { isJsSpace } from '../../document/index.ts';

export interface Line {
  text: string;
  start: number;
  /** 1-based line number. */
  number: number;
}

/** Lines end at LF, CR or CRLF; the breaks are found with `indexOf`, which is far quicker than a loop. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let number = 1;
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  while (lf >= 0 || cr >= 0) {
    const end = cr < 0 || (lf >= 0 && lf < cr) ? lf : cr;
    lines.push({ text: text.slice(start, end), start, number: number++ });
    start = end === cr && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    if (lf >= 0 && lf < start) lf = text.indexOf('\n', start);
    if (cr >= 0 && cr < start) cr = text.indexOf('\r', start);
  }
  if (start < text.length) lines.push({ text: text.slice(start), start, number });
  return lines;
}

/*
 * Lines and cells are trimmed as `String#trim` would, by index: the reader slices each cell once instead of
 * slicing, trimming a copy and keeping a span object.
 */

/** Start of `text[from, to)` once leading spaces are trimmed (`to` when it is all space). */
export function trimmedStart(text: string, from: number, to = text.length): number {
  while (from < to && isJsSpace(text.charCodeAt(from))) from++;
  return from;
}

/** End of `text[from, to)` once trailing spaces are trimmed; `from` must already skip leading ones. */
export function trimmedEnd(text: string, from: number, to = text.length): number {
  while (to > from && isJsSpace(text.charCodeAt(to - 1))) to--;
  return to;
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

/** The characters a rule can start with. */
const RULE_STARTS = new Set([...'|:+=-—_*'].map((c) => c.charCodeAt(0)));

/**
 * The rule patterns run only on lines whose first visible character could start a rule: most lines are prose
 * or cells, turned away by one character test.
 */
export function classify(text: string): LineKind {
  const start = trimmedStart(text, 0);
  if (start === text.length) {
    // A tab alone on a line is an empty cell of a tab-per-cell export, not a blank line.
    if (text.startsWith('\t') && text.indexOf('\t', 1) < 0) return 'tabCell';
    return text.includes('\t') ? 'tabRow' : 'blank';
  }
  const first = text.charCodeAt(start);
  const firstTab = text.indexOf('\t');
  if (firstTab >= 0) {
    if (RULE_STARTS.has(first) && RULE.test(text) && /[-=—_]{3}/.test(text)) return 'rule';
    const hasInnerTab =
      text.indexOf('\t', firstTab + 1) >= 0 || (firstTab > 0 && trimmedStart(text, 0, firstTab) < firstTab);
    if (firstTab === 0 && !hasInnerTab) return 'tabCell';
    if (hasInnerTab) return 'tabRow';
  }
  if (isCellBar(first)) return pipeLineKind(text.trim());
  if (RULE_STARTS.has(first) && /^[-=—_*]{4,}$/.test(text.trim())) return 'rule';
  return 'text';
}

/** A trimmed line starting with `|` or `｜`. */
function pipeLineKind(t: string): LineKind {
  if (t.length === 1) return 'pipe';
  if (t.startsWith('|')) {
    if (RULE.test(t) && /-{3}/.test(t)) return 'rule';
    if (t.endsWith('|') && t.length > 2) return 'mdRow';
  }
  return 'text';
}

/** `|` or `｜`, the bars between cells of markdown rows and pipe-separated cells. */
export function isCellBar(c: number): boolean {
  return c === 0x7c || c === 0xff5c;
}
