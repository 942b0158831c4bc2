/**
 * Finding the six official sections (一、总体情况 … 六、其他需要报告的事项) by the meaning of their
 * headings, tolerating misnumbered, retitled and markdown-decorated headings.
 */
import { SECTIONS, type SectionDef } from '../record/index.ts';
import { detached, memoByText } from './memo.ts';
import { compact, isCompactSpace, normalize } from './normalize.ts';
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

/** Cheap test before the real one: a heading is short and has a numeral near its start or is a bare title. */
const NUMBERED_START = /^[\s#*`>]{0,8}(?:第)?[一二三四五六七八九]/;
const BARE_TITLE = /^\s*[\u4e00-\u9fa5\s、]{4,24}$/;

/** A heading with its first sentence on the same line: 「一、总体情况。2020年，我局…」. */
const RUN_ON =
  /^\s*(?:第([一二三四五六])部分|([一二三四五六])[、.,])\s*([^。:,;，：；]{2,24}?)\s*[。:：]\s*(?=\S)/;

const RUN_ON_START = /^[\s#*]{0,4}(?:第)?[一二三四五六]/;

/** Where the text after a run-on heading begins in the line, or -1. */
export function runOnHeadingEnd(line: string): number {
  const m = RUN_ON.exec(normalize(line));
  if (!m) return -1;
  const title = compact(m[3]!);
  return PATTERNS.some(([section, re]) => re.test(title) && title.length <= section.title.length + 4)
    ? m[0].length
    : -1;
}

/**
 * A first character neither NUMBERED_START nor BARE_TITLE accepts: printable ASCII other than the
 * decoration marks #*`>, or a full-width form. Value cells (「0」「12」) and row labels (「（一）…」) start
 * so, and are turned away without running the patterns.
 */
function cannotStartHeading(c: number): boolean {
  if (c >= 0x21 && c <= 0x7e) return c !== 0x23 && c !== 0x2a && c !== 0x60 && c !== 0x3e;
  return c >= 0xff01 && c <= 0xff5e;
}

/** 第 and the numerals 一…九: the Chinese characters a numbered heading may start with. */
function isNumberedFirst(c: number): boolean {
  switch (c) {
    case 0x7b2c: // 第
    case 0x4e00: // 一
    case 0x4e8c: // 二
    case 0x4e09: // 三
    case 0x56db: // 四
    case 0x4e94: // 五
    case 0x516d: // 六
    case 0x4e03: // 七
    case 0x516b: // 八
    case 0x4e5d: // 九
      return true;
    default:
      return false;
  }
}

/**
 * A cell cannot hold a bare title, only a numbered heading: one starting with another Chinese character
 * (「自然人」「结果维持」「总计」) is turned away without running the patterns.
 */
function cellCannotStartHeading(c: number): boolean {
  return c >= 0x4e00 && c <= 0x9fa5 && !isNumberedFirst(c);
}

/**
 * A first character RUN_ON_START accepts: white space, the marks # and *, 第 or a numeral. Narrative starts
 * otherwise, and is passed over without running the pattern.
 */
function mayRunOn(c: number): boolean {
  return isNumberedFirst(c) || c === 0x23 || c === 0x2a || isCompactSpace(c);
}

type HeadingText = Readonly<Omit<Heading, 'piece'>>;

export function headingOf(line: string, isCell: boolean): HeadingText | null {
  // Cheap tests first: a heading is short and starts with a numeral, or (outside tables) is a bare title.
  if (line.length === 0 || line.length > 80) return null;
  const first = line.charCodeAt(0);
  if (cannotStartHeading(first) || (isCell && cellCannotStartHeading(first))) return null;
  if (!(NUMBERED_START.test(line) || (!isCell && BARE_TITLE.test(line)))) return null;
  // What passes is mostly headings and table labels, printed alike report after report: remembered.
  return isCell ? cellHeading(line) : lineHeading(line);
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
    if (piece.text.length > 2000) continue;
    if (
      !piece.isCell &&
      piece.text.length > 6 &&
      mayRunOn(piece.text.charCodeAt(0)) &&
      RUN_ON_START.test(piece.text) &&
      !piece.text.includes('\n')
    ) {
      const end = runOnHeadingEnd(piece.text);
      if (end > 0) pieces.splice(i, 1, ...splitPieceAt(piece, end));
    }
    const current = pieces[i]!;
    // Most pieces are one line: only pieces with line breaks are split into an array of lines.
    const lines = current.text.includes('\n') ? current.text.split('\n') : null;
    const count = lines ? lines.length : 1;
    for (let l = 0; l < count; l++) {
      const heading = headingOf(lines ? lines[l]! : current.text, current.isCell && count === 1);
      if (!heading) continue;
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
      break;
    }
  }
  return headings;
}
