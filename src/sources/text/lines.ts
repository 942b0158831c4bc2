/**
 * Finding the lines of decoded text and classifying their shapes, in one pass that keeps offsets only: a line
 * is an index into parallel arrays, and only the cells and paragraphs the layout reader keeps are sliced.
 */
import { isJsSpace } from '../../document/index.ts';

/**
 * The shapes a line of exported report text takes:
 * - `TAB_CELL`: one table cell on a line of its own, marked by a leading tab (Word → text export);
 * - `TAB_ROW`: a whole table row, cells separated by tabs;
 * - `MD_ROW`: a markdown table row `| a | b |`;
 * - `PIPE`: a line holding only `|`, separating the cells of a table written one cell per line;
 * - `RULE`: a horizontal rule or markdown separator (`----`, `|---|---|`), which carries nothing;
 * - `BLANK`, `TEXT`.
 */
export const BLANK = 0;
export const TAB_CELL = 1;
export const TAB_ROW = 2;
export const MD_ROW = 3;
export const PIPE = 4;
export const RULE = 5;
export const TEXT = 6;
export type LineKind = number;

/**
 * The lines of a text; line `i` (0-based, line number `i + 1`) is `text[starts[i], ends[i])`, breaks excluded.
 * The arrays are shared from one text to the next and hold stale entries past `count`: read below `count` only,
 * and only until the next `scanLines`.
 */
export interface Lines {
  readonly text: string;
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Offset of the line's first character that is not white space (its end when it is blank). */
  readonly visible: Int32Array;
  readonly kinds: Uint8Array;
}

/*
 * The line arrays are reused: allocating (and zeroing) them for every text cost about as much as the scan.
 * After a text of more lines than KEPT_LINES they are dropped, so one huge file does not pin its arrays.
 */
const KEPT_LINES = 1 << 16;

interface LineArrays {
  starts: Int32Array;
  ends: Int32Array;
  visible: Int32Array;
  kinds: Uint8Array;
}

function lineArrays(size: number): LineArrays {
  return {
    starts: new Int32Array(size),
    ends: new Int32Array(size),
    visible: new Int32Array(size),
    kinds: new Uint8Array(size),
  };
}

let spare = lineArrays(1024);

/** The spare arrays, grown (contents kept) to hold at least `size` lines. */
function reserve(size: number): LineArrays {
  if (size <= spare.starts.length) return spare;
  const grown = lineArrays(Math.max(size, spare.starts.length * 2));
  grown.starts.set(spare.starts);
  grown.ends.set(spare.ends);
  grown.visible.set(spare.visible);
  grown.kinds.set(spare.kinds);
  spare = grown;
  return spare;
}

/** Lets go of the line arrays once a text with very many lines is read. */
export function releaseLines(): void {
  if (spare.starts.length > KEPT_LINES) spare = lineArrays(1024);
}

/** A range of the text known to hold only spaces and line breaks, in text order. */
export interface BlankRange {
  start: number;
  end: number;
}

/**
 * Lines end at LF, CR or CRLF. Breaks and tabs are found with `indexOf` over the whole text (far quicker than
 * a loop); each search resumes where the last one stopped, so every character is searched about once. Lines
 * inside `blanks` (tables blanked out of Markdown, thousands of spaces long) are blank without a look.
 */
export function scanLines(text: string, blanks: readonly BlankRange[] = []): Lines {
  let blank = 0;
  let table = reserve(0);
  let count = 0;
  let start = 0;
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  let tab = text.indexOf('\t');
  while (start < text.length) {
    const last = lf < 0 && cr < 0;
    const end = last ? text.length : cr < 0 || (lf >= 0 && lf < cr) ? lf : cr;
    if (tab >= 0 && tab < start) tab = text.indexOf('\t', start);
    const firstTab = tab >= 0 && tab < end ? tab : -1;
    // The next tab after the first: a second one on this line, or where the search for later lines resumes.
    if (firstTab >= 0) tab = text.indexOf('\t', firstTab + 1);
    while (blank < blanks.length && blanks[blank]!.end < end) blank++;
    const covered = blank < blanks.length && blanks[blank]!.start <= start;
    const v = covered ? end : trimmedStart(text, start, end);
    if (count === table.starts.length) table = reserve(count + 1);
    table.starts[count] = start;
    table.ends[count] = end;
    table.visible[count] = v;
    table.kinds[count] = covered
      ? BLANK
      : classify(text, start, end, v, firstTab, firstTab >= 0 && tab >= 0 && tab < end);
    count++;
    if (last) break;
    start = end === cr && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    if (lf >= 0 && lf < start) lf = text.indexOf('\n', start);
    if (cr >= 0 && cr < start) cr = text.indexOf('\r', start);
  }
  return { text, count, ...table };
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

/** Whether `text[from, to)` holds only the characters of rules and table separators: `|:+=-—_` and spaces. */
function isRuleRange(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const ruleChar =
      c === 0x7c || c === 0x3a || c === 0x2b || c === 0x3d || c === 0x2d || c === 0x2014 || c === 0x5f;
    if (!ruleChar && !isJsSpace(c)) return false;
  }
  return true;
}

/** The characters a rule can start with: `|:+=-—_*`. */
function mayStartRule(c: number): boolean {
  return (
    c === 0x7c ||
    c === 0x3a ||
    c === 0x2b ||
    c === 0x3d ||
    c === 0x2d ||
    c === 0x2014 ||
    c === 0x5f ||
    c === 0x2a
  );
}

/**
 * The kind of the line `text[start, end)`, whose first visible character is at `v`, first tab at `firstTab`
 * (-1 if none). The rule patterns run only on lines whose first visible character could start a rule: most
 * lines are prose or cells, turned away by one character test.
 */
function classify(
  text: string,
  start: number,
  end: number,
  v: number,
  firstTab: number,
  secondTab: boolean,
): LineKind {
  if (v === end) {
    // A tab alone on a line is an empty cell of a tab-per-cell export, not a blank line.
    if (firstTab === start && !secondTab) return TAB_CELL;
    return firstTab >= 0 ? TAB_ROW : BLANK;
  }
  const first = text.charCodeAt(v);
  if (firstTab >= 0) {
    if (mayStartRule(first) && isRuleRange(text, start, end) && /[-=—_]{3}/.test(text.slice(start, end))) {
      return RULE;
    }
    // A tab is inner when another follows it or visible text comes before it.
    const hasInnerTab = secondTab || v < firstTab;
    if (firstTab === start && !hasInnerTab) return TAB_CELL;
    if (hasInnerTab) return TAB_ROW;
  }
  if (isCellBar(first)) return pipeLineKind(text, v, trimmedEnd(text, v, end));
  if (mayStartRule(first) && /^[-=—_*]{4,}$/.test(text.slice(v, trimmedEnd(text, v, end)))) return RULE;
  return TEXT;
}

/** The kind of the trimmed line `text[from, to)`, which starts with `|` or `｜`. */
function pipeLineKind(text: string, from: number, to: number): LineKind {
  if (to - from === 1) return PIPE;
  if (text.charCodeAt(from) === 0x7c) {
    if (isRuleRange(text, from, to) && text.slice(from, to).includes('---')) return RULE;
    if (text.charCodeAt(to - 1) === 0x7c && to - from > 2) return MD_ROW;
  }
  return TEXT;
}

/** `|` or `｜`, the bars between cells of markdown rows and pipe-separated cells. */
export function isCellBar(c: number): boolean {
  return c === 0x7c || c === 0xff5c;
}
