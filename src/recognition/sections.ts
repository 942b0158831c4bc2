/**
 * Finding the six official sections (一、总体情况 … 六、其他需要报告的事项) by the meaning of their
 * headings, tolerating misnumbered, retitled and markdown-decorated headings.
 */
import { SECTIONS, type SectionDef } from '../record/index.ts';
import { detached, memoByText } from './memo.ts';
import { isJsSpace } from '../document/index.ts';
import { compact, normalize, normalizeChar } from './normalize.ts';
import { splitPieceAt, splitPieceAtLine, type Piece } from './pieces.ts';

export interface Heading {
  section: SectionDef;
  /** Index of the piece that starts with the heading. */
  piece: number;
  /** The numeral as printed (一…六), or null when the heading printed none. */
  printedNumber: string | null;
  title: string;
}

const NUMBERED = /^(?:第([一二三四五六七八九])部分|([一二三四五六七八九])[、.,，:：])(.{2,40})$/;
const DECORATION = /^[#*`>\s]+|[*`\s]+$/g;
/** Row labels of table 三 that look like numbered headings (「一、本年新收…」). */
const TABLE_ROW = /新收|上年结转|本年度办理结果|结转下年|办理结果/;
const PATTERNS: Array<[SectionDef, RegExp]> = SECTIONS.map((s) => [s, new RegExp(s.pattern)]);
const OFFICIAL_TITLES = new Map(SECTIONS.map((s) => [compact(s.title), s]));

/** A heading's numeral 一…九 as a number, 0 for any other character. */
function numeralValue(c: number): number {
  switch (c) {
    case 0x4e00: // 一
      return 1;
    case 0x4e8c: // 二
      return 2;
    case 0x4e09: // 三
      return 3;
    case 0x56db: // 四
      return 4;
    case 0x4e94: // 五
      return 5;
    case 0x516d: // 六
      return 6;
    case 0x4e03: // 七
      return 7;
    case 0x516b: // 八
      return 8;
    case 0x4e5d: // 九
      return 9;
    default:
      return 0;
  }
}

const DI = 0x7b2c; // 第

/** 第 and the numerals 一…九: the Chinese characters a numbered heading may start with. */
function isNumberedFirst(c: number): boolean {
  return c === DI || numeralValue(c) > 0;
}

/*
 * The cheap tests below are the regular expressions they name spelled as loops over the line: they are asked
 * of nearly every piece, and a call into a regular expression costs more than the whole loop. \s is
 * isJsSpace(); each loop takes the only path the pattern's backtracking could succeed on.
 */

/** /^[\s#*`>]{0,8}(?:第)?[一二三四五六七八九]/ on line [from, to): a numeral near its start, after marks. */
function startsNumbered(text: string, from: number, to: number): boolean {
  const marks = Math.min(to, from + 8);
  let i = from;
  while (i < marks && isHeadingMark(text.charCodeAt(i))) i++;
  if (i < to && text.charCodeAt(i) === DI) i++;
  return i < to && numeralValue(text.charCodeAt(i)) > 0;
}

function isHeadingMark(c: number): boolean {
  return c === 0x23 || c === 0x2a || c === 0x60 || c === 0x3e || isJsSpace(c);
}

/**
 * /^\s*[\u4e00-\u9fa5\s、]{4,24}$/ on line [from, to) whose first character that is not white space is at
 * `start`: a bare title, of 4–24 Chinese characters, 、 and white space.
 */
function isBareTitle(text: string, from: number, start: number, to: number): boolean {
  // Leading white space may be counted in or out of the 4–24, so only the rest is bounded above.
  if (to - from < 4 || to - start > 24) return false;
  for (let i = start; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x4e00 || c > 0x9fa5) && c !== 0x3001 && !isJsSpace(c)) return false;
  }
  return true;
}

/** /^[\s#*]{0,4}(?:第)?[一二三四五六]/: how a heading that runs on into its first sentence starts. */
function startsRunOn(line: string): boolean {
  const marks = Math.min(line.length, 4);
  let i = 0;
  while (i < marks && isRunOnMark(line.charCodeAt(i))) i++;
  if (line.charCodeAt(i) === DI) i++;
  const value = numeralValue(line.charCodeAt(i));
  return value > 0 && value <= 6;
}

function isRunOnMark(c: number): boolean {
  return c === 0x23 || c === 0x2a || isJsSpace(c);
}

/** A heading with its first sentence on the same line: 「一、总体情况。2020年，我局…」. */
const RUN_ON =
  /^\s*(?:第([一二三四五六])部分|([一二三四五六])[、.,])\s*([^。:,;，：；]{2,24}?)\s*[。:：]\s*(?=\S)/;

/**
 * Whether RUN_ON can match the line, told by its characters as normalize() would leave them: white space,
 * then 第, or a numeral 一…六 followed by 、 . or ,; and somewhere after it the 。 or colon that ends the
 * heading. Headings alone on their line and list items 「一是…」 start like run-on headings; they are turned
 * away here without normalising the whole line.
 */
function mayRunOn(line: string): boolean {
  let i = 0;
  while (i < line.length && isJsSpace(normalizeChar(line.charCodeAt(i)))) i++;
  const c = line.charCodeAt(i);
  let from = i + 1; // after 第: 「一部分」 holds no punctuation
  if (c !== DI) {
    const value = numeralValue(c);
    if (value === 0 || value > 6 || i + 1 >= line.length) return false;
    const next = normalizeChar(line.charCodeAt(i + 1));
    if (next !== 0x3001 && next !== 0x2e && next !== 0x2c) return false; // 、 . ,
    from = i + 2;
  }
  // The title holds none of 。:,; (as normalised), so the first of them ends it, and must be 。 or the colon.
  for (let k = from; k < line.length; k++) {
    const end = normalizeChar(line.charCodeAt(k));
    if (end === 0x3002 || end === 0x3a) return true; // 。 :
    if (end === 0x2c || end === 0x3b) return false; // , ;
  }
  return false;
}

/** Where the text after a run-on heading begins in the line, or -1. */
export function runOnHeadingEnd(line: string): number {
  if (!mayRunOn(line)) return -1;
  const m = RUN_ON.exec(normalize(line));
  if (!m) return -1;
  const title = compact(m[3]!);
  return PATTERNS.some(([section, re]) => re.test(title) && title.length <= section.title.length + 4)
    ? m[0].length
    : -1;
}

/**
 * A first character neither startsNumbered nor isBareTitle accepts: printable ASCII other than the
 * decoration marks #*`>, or a full-width form. Value cells (「0」「12」) and row labels (「（一）…」) start
 * so, and are turned away at once.
 */
function cannotStartHeading(c: number): boolean {
  if (c >= 0x21 && c <= 0x7e) return c !== 0x23 && c !== 0x2a && c !== 0x60 && c !== 0x3e;
  return c >= 0xff01 && c <= 0xff5e;
}

/**
 * A cell cannot hold a bare title, only a numbered heading: one starting with another Chinese character
 * (「自然人」「结果维持」「总计」) is turned away at once.
 */
function cellCannotStartHeading(c: number): boolean {
  return c >= 0x4e00 && c <= 0x9fa5 && !isNumberedFirst(c);
}

type HeadingText = Readonly<Omit<Heading, 'piece'>>;

export function headingOf(line: string, isCell: boolean): HeadingText | null {
  return headingAt(line, 0, line.length, isCell);
}

/** The fewest characters a heading line has. */
const MIN_HEADING = 3;

/**
 * The heading line [from, to) of `text` prints, if any. A line is cut out of the text only when it passes the
 * cheap tests: most lines of multi-line cells are single characters or short labels.
 */
function headingAt(text: string, from: number, to: number, isCell: boolean): HeadingText | null {
  // Cheap tests first: a heading is short and starts with a numeral, or (outside tables) is a bare title.
  // Nor is it shorter than three characters: headingIn() wants three once compacted, a bare title four.
  if (to - from < MIN_HEADING || to - from > 80) return null;
  const first = text.charCodeAt(from);
  if (cannotStartHeading(first) || (isCell && cellCannotStartHeading(first))) return null;
  // What passes is mostly headings and table labels, printed alike report after report: remembered.
  if (startsNumbered(text, from, to)) return (isCell ? cellHeading : lineHeading)(lineOf(text, from, to));
  if (isCell) return null;
  // A bare title, or a numeral behind more marks than startsNumbered allows (a numbered heading once
  // compacted). The first character after white space tells which it may be before the line is tested whole.
  let start = from;
  while (start < to && isJsSpace(text.charCodeAt(start))) start++;
  if (start === to) return null;
  const c = text.charCodeAt(start);
  const numbered = isNumberedFirst(c);
  if ((!numbered && !BARE_TITLES.has(c)) || !isBareTitle(text, from, start, to)) return null;
  return numbered ? lineHeading(lineOf(text, from, to)) : bareTitle(text, start, to);
}

function lineOf(text: string, from: number, to: number): string {
  return from === 0 && to === text.length ? text : text.slice(from, to);
}

/** The official titles as headings printed without a numeral, by their first character (all six differ). */
const BARE_TITLES = new Map<number, HeadingText>();
for (const [title, section] of OFFICIAL_TITLES) {
  if (BARE_TITLES.has(title.charCodeAt(0))) throw new Error(`section titles: ${title} starts like another`);
  BARE_TITLES.set(title.charCodeAt(0), { section, printedNumber: null, title });
}

/**
 * What headingIn() answers for a bare-title line [start, to) whose first character is not a numeral: the
 * official title it prints, white space aside, or null. Such a line compacts to itself less its white space
 * and cannot match NUMBERED, so it is compared with the one title it could be instead of being compacted and
 * looked up.
 */
function bareTitle(text: string, start: number, to: number): HeadingText | null {
  const heading = BARE_TITLES.get(text.charCodeAt(start));
  if (!heading) return null;
  const title = heading.title;
  let k = 0;
  for (let i = start; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isJsSpace(c)) continue;
    if (c !== title.charCodeAt(k)) return null;
    k++;
  }
  return k === title.length ? heading : null;
}

/** The heading a line that passed the cheap tests prints, if it is one. */
function headingIn(line: string, isCell: boolean): HeadingText | null {
  const text = compact(line).replace(DECORATION, '');
  if (text.length < 3 || text.length > 44) return null;
  const m = NUMBERED.exec(text);
  if (!m) {
    const official = isCell ? undefined : OFFICIAL_TITLES.get(text);
    return official ? { section: official, printedNumber: null, title: text } : null;
  }
  const numeral = (m[1] ?? m[2])!;
  const title = m[3]!;
  if (/[。；;]$/.test(title) || TABLE_ROW.test(title)) return null;
  const matching = PATTERNS.filter(([, re]) => re.test(title)).map(([s]) => s);
  if (matching.length === 0) return null;
  const section = matching.find((s) => s.numeral === numeral) ?? matching[0]!;
  return { section, printedNumber: numeral, title };
}

const detachTitle = (h: HeadingText | null) => h && { ...h, title: detached(h.title) };
const cellHeading = memoByText((line) => headingIn(line, true), detachTitle);
const lineHeading = memoByText((line) => headingIn(line, false), detachTitle);

/**
 * Headings in reading order. A heading glued inside a multi-line cell is split out of it first
 * (the pieces array is modified in place).
 */
export function findHeadings(pieces: Piece[]): Heading[] {
  const headings: Heading[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    // Most pieces are values of a character or two: no line of theirs is long enough to be a heading.
    if (piece.text.length < MIN_HEADING || piece.text.length > 2000) continue;
    if (!piece.isCell && piece.text.length > 6 && startsRunOn(piece.text) && !piece.text.includes('\n')) {
      const end = runOnHeadingEnd(piece.text);
      if (end > 0) pieces.splice(i, 1, ...splitPieceAt(piece, end));
    }
    const current = pieces[i]!;
    const text = current.text;
    // Lines are told apart by their offsets: a piece is cut only where a heading starts in it.
    let newline = text.indexOf('\n');
    let heading: HeadingText | null;
    let l = 0;
    if (newline < 0) heading = headingAt(text, 0, text.length, current.isCell);
    else {
      // Each line of a multi-line piece is tested as a line, never as a cell.
      let from = 0;
      for (;;) {
        heading = headingAt(text, from, newline < 0 ? text.length : newline, false);
        if (heading || newline < 0) break;
        from = newline + 1;
        newline = text.indexOf('\n', from);
        l++;
      }
    }
    if (heading) {
      if (l > 0) {
        const [head, tail] = splitPieceAtLine(current, l);
        pieces.splice(i, 1, head, tail);
        i++;
      }
      const previous = headings[headings.length - 1];
      // The same heading printed twice in a row (a table caption repeating it) does not open a new section.
      if (!previous || previous.section.number !== heading.section.number)
        headings.push({
          section: heading.section,
          piece: i,
          printedNumber: heading.printedNumber,
          title: heading.title,
        });
    }
  }
  return headings;
}
