/**
 * The report's identity: title, reporting body and its kind, year, statistical period, publication date.
 */
import { isJsSpace } from '../document/index.ts';
import type { AgencyKind } from '../record/index.ts';
import { DATE_SOURCE, dateFromMatch, isoDate, lineDate } from './dates.ts';
import { chineseYear, compact, indexOfChar, isCompactSpace, normalize, normalizeChar } from './normalize.ts';
import type { Piece } from './pieces.ts';

const TITLE_WORDS = /(?:政府)?(?:信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)|年度报告/;
const YEAR_IN_TITLE = /((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年\s*度?/;

export interface TitleInfo {
  title: string | null;
  /** Index of the last piece of the title (the intro follows). */
  piece: number;
}

/** Navigation printed above a title on web pages: 「当前位置：首页 > 政务公开 > 政府信息公开年报」. */
const BREADCRUMB = /当前位置|您的位置|首页|>|»/;
const DECORATION = /^[#*>\s]+|[*\s]+$/g;
/** A title line that continues the one above: 「XX街道办事处」 / 「2020年政府信息公开工作年度报告」. */
const CONTINUATION = /^(?:政府|政务|信息|(?:19|20)\d{2}\s*年|[〇零一二三四五六七八九]{4}年)/;

/**
 * Whether compact(text) with DECORATION removed is surely longer than `limit`: both keep every character
 * that is neither white space (as compact() tells it) nor one of the marks #*>.
 */
function keepsMoreThan(text: string, limit: number): boolean {
  if (text.length <= limit) return false;
  let kept = 0;
  for (let i = 0; i < text.length; i++) {
    const c = normalizeChar(text.charCodeAt(i));
    if (!isCompactSpace(c) && c !== 0x23 && c !== 0x2a && c !== 0x3e && ++kept > limit) return true;
  }
  return false;
}

/** The title: the first short line naming the annual report, joined with a line above it that it continues. */
export function findTitle(pieces: readonly Piece[], before: number): TitleInfo {
  const limit = Math.min(before, pieces.length, 40);
  for (let i = 0; i < limit; i++) {
    // Every match of TITLE_WORDS holds 报 (报告, 年报), which compacting neither makes nor removes; and a
    // paragraph too long to be a title is passed over before it is copied compacted.
    const raw = pieces[i]!.text;
    if (indexOfChar(raw, '报') < 0 || keepsMoreThan(raw, 60)) continue;
    const text = compact(raw).replace(DECORATION, '');
    if (text.length > 60 || !TITLE_WORDS.test(text) || BREADCRUMB.test(text)) continue;
    if (/^(根据|按照|依据|本报告|现将|为)/.test(text)) continue;
    let title = text;
    const previous = i > 0 ? compact(pieces[i - 1]!.text).replace(DECORATION, '') : '';
    if (
      CONTINUATION.test(title) &&
      previous.length >= 2 &&
      previous.length <= 30 &&
      !/[。，：:;；]/.test(previous) &&
      !BREADCRUMB.test(previous) &&
      !TITLE_WORDS.test(previous)
    ) {
      title = previous + title;
    }
    return { title, piece: i };
  }
  return { title: null, piece: -1 };
}

/** The reporting body from the title: what precedes the year and the report words. */
export function agencyFromTitle(title: string): string | null {
  // A bracketed tag (【政务公开】) or the year (「2020年XX局…」) may come first.
  let t = title
    .replace(/^[【[][^】\]]{0,8}[】\]]/, '')
    .replace(/^(?:关于)?(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年度?/, '');
  const year = YEAR_IN_TITLE.exec(t);
  const words = TITLE_WORDS.exec(t);
  const ends = [year?.index, words?.index].filter((i): i is number => i !== undefined && i > 0);
  if (ends.length === 0) return null;
  const end = Math.min(...ends);
  t = t
    .slice(0, end)
    .replace(/^关于/, '')
    .replace(/(?:关于|的)$/, '')
    .replace(/[\s:：,，、-]+$/, '');
  t = t.replace(/^[(（【[]+|[)）】\]]+$/g, '');
  return t.length >= 2 ? t : null;
}

export function yearFromTitle(title: string): number | null {
  const m = YEAR_IN_TITLE.exec(title);
  if (!m) return null;
  return /^\d/.test(m[1]!) ? Number(m[1]) : chineseYear(m[1]!);
}

const KIND_RULES: Array<[RegExp, AgencyKind]> = [
  [/街道(?:办事处|办|工委)?$/, 'subdistrict'],
  [/[乡镇](?:人民)?政府$|[乡镇]$/, 'township'],
  [/人民政府(?:办公室|办公厅)?$|政府办(?:公室|公厅)?$|人民政府$/, 'government'],
  [/(?:局|委员会|委|办公室|办|厅|署|中心|院|馆|所|站|队|会|处)$/, 'department'],
];

export function agencyKindOf(agency: string | null): AgencyKind | null {
  if (!agency) return null;
  for (const [re, kind] of KIND_RULES) if (re.test(agency)) return kind;
  return 'other';
}

/*
 * The period is sought in the text as printed, not in a normalised copy of the whole introduction: each
 * character class below holds every character that normalises into what it stands for (full-width digits,
 * U+200B that becomes a space, the dashes and tilde that become 「-」「~」), so the matches are the ones the
 * normalised text would give, and only the captured numbers are normalised.
 */
const D = '[0-9\\uff10-\\uff19]';
const S = '[\\s\\u200b]';
const TO = '(?:至|到|[-~\\u2212\\u2013\\u2014\\u2015\\u2500\\ufe63\\uff0d\\uff5e])';
const PERIOD = new RegExp(
  `(${D}{4})${S}*年${S}*(${D}{1,2})${S}*月${S}*(${D}{1,2})${S}*日${S}*(?:起)?${S}*[,，]?${S}*${TO}${S}*(?:(${D}{4})${S}*年${S}*)?(${D}{1,2})${S}*月${S}*(${D}{1,2})${S}*日`,
);

/** A number captured from the text as printed (its digits may be full-width). */
function printedNumber(digits: string): number {
  return Number(normalize(digits));
}

/** The statistical period: the first date range printed in the introduction or the overview. */
export function findPeriod(text: string): { from: string; to: string } | null {
  const m = PERIOD.exec(text);
  if (!m) return null;
  const from = isoDate(printedNumber(m[1]!), printedNumber(m[2]!), printedNumber(m[3]!));
  const to = isoDate(printedNumber(m[4] ?? m[1]!), printedNumber(m[5]!), printedNumber(m[6]!));
  return from && to ? { from, to } : null;
}

const LABELLED_DATE = new RegExp(
  `(?:发布时间|发布日期|成文日期|印发日期|公开日期|日期\\s*[:：]|时间\\s*[:：])\\s*[:：]?\\s*${DATE_SOURCE}`,
);

/**
 * Every label LABELLED_DATE accepts holds 日期 or 时间, and its shortest match (「日期:2021-1-1」) has eleven
 * characters: other lines are passed over unsearched.
 */
function mayLabelDate(text: string): boolean {
  return text.length >= 11 && (text.includes('日期') || text.includes('时间'));
}

/**
 * Whether a line may be a date alone, as lineDate() reads it, told by its end: every form of DATE_SOURCE
 * ends in 日 or an ASCII digit, and only white space and closing brackets may follow. Stripping the line's
 * start (the signature's body) leaves its end as it is, so a line turned away here gives no date either way.
 */
function mayEndDate(line: string): boolean {
  let i = line.length - 1;
  while (i >= 0) {
    const c = line.charCodeAt(i);
    if (c !== 0x29 && c !== 0xff09 && !isJsSpace(c)) break;
    i--;
  }
  if (i < 0) return false;
  const c = line.charCodeAt(i);
  return c === 0x65e5 || (c >= 0x30 && c <= 0x39); // 日, 0-9
}

/**
 * The date the report prints for itself: a labelled 发布时间, else a date standing alone on one of the last
 * lines (under the signature). Dates inside sentences are never taken.
 */
export function findPublishedOn(pieces: readonly Piece[], tailFrom: number): string | null {
  for (let i = 0; i < Math.min(pieces.length, 60); i++) {
    const text = pieces[i]!.text;
    if (text.length > 80 || !mayLabelDate(text)) continue;
    const m = LABELLED_DATE.exec(text);
    if (m) {
      const d = dateFromMatch(m);
      if (d) return d;
    }
  }
  for (let i = pieces.length - 1; i >= Math.max(tailFrom, 0); i--) {
    const lines = pieces[i]!.text.split('\n');
    for (let l = lines.length - 1; l >= 0; l--) {
      const line = lines[l]!.trim();
      if (line.length > 60 || !mayEndDate(line)) continue;
      const d =
        lineDate(line) ?? lineDate(line.replace(/^.*?(?:办事处|政府|办公室|局|委员会|街道|中心)\s*/, ''));
      if (d) return d;
    }
  }
  return null;
}

const BODY_NAME =
  /^[\u4e00-\u9fa5（）()]{2,30}(?:人民政府|政府办公室|办公室|办公厅|办事处|街道|局|委员会|委|厅|署|中心|院|管理处|政府)$/;

const DATE_ONWARDS = new RegExp(`${DATE_SOURCE}.*$`);

/**
 * The body named in the signature above the closing date (「哈尔滨市松北区船口街道办事处」 / 「2021年1月28日」):
 * used when no title names the body.
 */
export function agencyFromSignature(pieces: readonly Piece[], tailFrom: number): string | null {
  const lines: string[] = [];
  for (let i = pieces.length - 1; i >= Math.max(tailFrom, 0) && lines.length < 6; i--) {
    const parts = pieces[i]!.text.split('\n');
    for (let l = parts.length - 1; l >= 0 && lines.length < 6; l--) {
      const line = compact(parts[l]!);
      if (line !== '') lines.push(line);
    }
  }
  for (let k = 0; k < lines.length; k++) {
    if (!lineDate(lines[k]!)) continue;
    const above = lines[k + 1];
    if (above && BODY_NAME.test(above)) return above;
    const before = lines[k]!.replace(DATE_ONWARDS, '');
    return BODY_NAME.test(before) ? before : null;
  }
  return null;
}

/** The year the statistics cover, when the title does not say: the period, else 「20XX年度」 in the intro. */
export function yearFromText(text: string): number | null {
  const m = /((?:19|20)\d{2})\s*年度/.exec(text) ?? /((?:19|20)\d{2})\s*年/.exec(text);
  return m ? Number(m[1]) : null;
}
