/**
 * Tables whose rows are found by their labels (表二 and 表三): find each official row label in order,
 * read the values printed after it, match them to the columns found in the header.
 */
import type { ColumnDef, RowDef, TableDef, TableGroup } from '../../record/index.ts';
import { isSeparatorCode, type Scan } from '../scan.ts';
import { detached } from '../memo.ts';
import type { SumRule } from '../split-digits.ts';
import { gapped, type CellSink, type TableReading } from './reading.ts';
import { resolveRow, slotsIn, type ResolveOptions } from './slots.ts';

/**
 * One official row of a table, with everything about it that does not depend on the report: built once
 * per table, so that reading a report compiles, assembles and looks up nothing by name.
 */
interface Entry {
  row: RowDef;
  group: TableGroup;
  /** Index of the row's group in the table (headers are read once per group and report). */
  groupIndex: number;
  /** The row's keyword, allowed to be broken over pieces, as a global regex of its own. */
  keyword: RegExp;
  /** The keyword's alternatives when each is Chinese characters alone (most are): sought without the regex. */
  words: readonly Word[] | null;
  /**
   * The keyword is without look-around or anchors: a match inside a cut of the text is then a match in the
   * whole text, and a match in the whole text that ends inside the cut is one in the cut.
   */
  plain: boolean;
  /** The ids of the row's cells, one per column of its group (see cellIds). */
  ids: readonly string[];
  /** `<table>.<row>`, the key of the row's candidate splits. */
  rowId: string;
}

/** A keyword alternative of Chinese characters alone. */
interface Word {
  text: string;
  /** Its first character, the string indexOf seeks (made once: a Chinese character is a new string each time). */
  first: string;
}

interface RowMatch {
  entry: Entry;
  start: number;
  keywordEnd: number;
}

/** How far ahead a row's label may be sought past the next row's: a missing row must not swallow others. */
const LOOKAHEAD = 2;

/** Index of the first character of a label whose identifying words start at `at`: the words before them, back
 * to a separator, a digit or the previous label, plus the item number crawler text glued to the digits. */
function labelStart(s: string, at: number, floor: number, item: string | undefined): number {
  let i = at;
  while (i > floor) {
    const c = s.charCodeAt(i - 1);
    if (isSeparatorCode(c) || (c >= 0x30 && c <= 0x39)) break;
    i--;
  }
  if (item && i > floor && s.startsWith(item, i - item.length) && isItemMark(s.charCodeAt(i))) {
    i -= item.length;
  }
  return i;
}

/** 「.」 or 「、」 after an item number. */
function isItemMark(c: number): boolean {
  return c === 0x2e || c === 0x3001;
}

/**
 * The rows' keywords as found so far in one scan. A keyword is sought up to three times (as the lookahead of
 * the two rows before it, then for its own row) from positions that only move forward, and its first match
 * from one position is its first match from any later position up to the match's start: start positions are
 * tried one by one, whatever the search began with. So each is searched for once, in most tables.
 */
interface RowSearch {
  s: string;
  entries: readonly Entry[];
  /** Per entry: start of its first match from the last position sought; NONE, or UNSOUGHT before any search. */
  starts: number[];
  /** Per entry: end of that match. */
  ends: number[];
}

const UNSOUGHT = -2;
const NONE = -1;

/**
 * Start of the first match of entry j's keyword at or after pos (pos never less than in an earlier call), or
 * NONE; its end is then in search.ends[j].
 */
function firstMatch(search: RowSearch, j: number, pos: number): number {
  const known = search.starts[j]!;
  if (known === NONE || known >= pos) return known;
  const start = findKeyword(search.entries[j]!, search.s, pos, search.s.length);
  search.starts[j] = start;
  if (start !== NONE) search.ends[j] = matchEnd;
  return start;
}

/** End of the match the last findKeyword call found (a second result, without allocating a pair). */
let matchEnd = 0;

/**
 * Start of the first match of an entry's keyword in s[from, to), or NONE; its end is then in matchEnd. The
 * text is cut at `to` as the regex sees it: look-arounds see no further.
 */
function findKeyword(entry: Entry, s: string, from: number, to: number): number {
  if (entry.words) return findWords(entry.words, s, from, to);
  const re = entry.keyword;
  re.lastIndex = from;
  const m = re.exec(to < s.length ? s.slice(0, to) : s);
  if (!m || m.index >= to) return NONE;
  matchEnd = m.index + m[0].length;
  return m.index;
}

/**
 * findKeyword for alternatives of Chinese characters: the one that starts first, the first listed where two
 * start together (as the regex's alternation decides).
 */
function findWords(words: readonly Word[], s: string, from: number, to: number): number {
  let start = NONE;
  let end = 0;
  for (const word of words) {
    const at = findWord(word, s, from, to);
    if (at !== NONE && (start === NONE || at < start)) {
      start = at;
      end = matchEnd;
    }
  }
  matchEnd = end;
  return start;
}

/**
 * First match in s[from, to) of a word that may be broken by one separator between two of its characters,
 * found by its first character. A separator is never a Chinese character, so each start has one way to match.
 */
function findWord({ text: word, first }: Word, s: string, from: number, to: number): number {
  for (let at = s.indexOf(first, from); at >= 0 && at + word.length <= to; at = s.indexOf(first, at + 1)) {
    let i = at + 1;
    let k = 1;
    for (; k < word.length; k++) {
      let c = s.charCodeAt(i);
      if (isSeparatorCode(c)) c = s.charCodeAt(++i);
      if (c !== word.charCodeAt(k)) break;
      i++;
    }
    if (k === word.length && i <= to) {
      matchEnd = i;
      return at;
    }
  }
  return NONE;
}

/** Whether entry j's keyword is printed in s[pos, to), the text cut at `to`. */
function printedBefore(search: RowSearch, j: number, pos: number, to: number): boolean {
  const entry = search.entries[j]!;
  if (entry.plain) {
    const start = firstMatch(search, j, pos);
    if (start === NONE || start >= to) return false;
    if (search.ends[j]! <= to) return true;
  }
  return findKeyword(entry, search.s, pos, to) !== NONE;
}

function locateRows(s: string, entries: readonly Entry[]): RowMatch[] {
  const n = entries.length;
  const search: RowSearch = {
    s,
    entries,
    starts: new Array<number>(n).fill(UNSOUGHT),
    ends: new Array<number>(n).fill(0),
  };
  const matches: RowMatch[] = [];
  let pos = 0;
  for (let k = 0; k < n; k++) {
    const at = firstMatch(search, k, pos);
    if (at === NONE) continue;
    let preempted = false;
    for (let j = k + 1; j <= k + LOOKAHEAD && j < n; j++) {
      if (printedBefore(search, j, pos, at)) {
        preempted = true;
        break;
      }
    }
    if (preempted) continue;
    const entry = entries[k]!;
    const end = search.ends[k]!;
    matches.push({ entry, start: labelStart(s, at, pos, entry.row.item), keywordEnd: end });
    pos = end;
  }
  return matches;
}

/** The label runs on over words (not digits, not into the next cell) until the next row's label. */
function labelEnd(s: string, from: number, limit: number): number {
  let i = from;
  while (i < limit) {
    const c = s.charCodeAt(i);
    if (isSeparatorCode(c) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d) break;
    i++;
  }
  return i;
}

/** What a group's header says, whatever the report: which columns it prints, and how often. */
interface Header {
  /** Per column position, whether its header is missing (not printed); null when none is (most headers). */
  missingAt: readonly boolean[] | null;
  /** Positions of non-official columns (a 小计 beside 总计), and their printed labels. */
  extraColumns: readonly number[];
  extraLabels: readonly string[];
  moneyUnit: boolean;
  /** Times each column's header was printed (≥ 1). */
  repeats: readonly number[];
}

const SUBTOTAL = /小计|合计/;
const SEPARATORS = /[\x1d-\x1f]/g;
const MONEY_UNIT = /万元/;

/** Per column pattern, a global regex of its own (counted with test(): the matches themselves are not used). */
const columnRegexes = new WeakMap<ColumnDef, RegExp>();
function columnRegex(column: ColumnDef): RegExp {
  let re = columnRegexes.get(column);
  if (!re) {
    re = new RegExp(column.pattern, 'g');
    columnRegexes.set(column, re);
  }
  return re;
}

function readHeader(text: string, group: TableGroup): Header {
  // Two-level headers print 总计 before 商业企业 in reading order: look for each column on its own.
  const extraColumns: number[] = [];
  const extraLabels: string[] = [];
  const totalAt = group.columns.findIndex((c) => c.key === 'total');
  const sub = totalAt > 0 ? SUBTOTAL.exec(text) : null;
  if (sub) {
    extraColumns.push(totalAt);
    extraLabels.push(sub[0]);
  }
  const columns = group.columns;
  const missing: boolean[] = [];
  let anyMissing = false;
  const repeats: number[] = [];
  for (let i = 0; i < columns.length; i++) {
    const times = timesPrinted(columnRegex(columns[i]!), text);
    missing.push(times === 0);
    if (times === 0) anyMissing = true;
    repeats.push(Math.max(1, times));
  }
  return {
    missingAt: anyMissing ? missing : null,
    extraColumns,
    extraLabels,
    moneyUnit: MONEY_UNIT.test(text),
    repeats,
  };
}

function timesPrinted(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let count = 0;
  while (re.test(text)) count++;
  return count;
}

/**
 * Headers read before, per group, by their printed text. Reports print the same few headers again and again:
 * comparing the text costs a fraction of matching every column's pattern against it.
 */
interface KnownHeader {
  /**
   * The header's text as printed, separators included: a copy (`detached`; a slice of the scan would keep the
   * whole scan alive).
   */
  text: string;
  header: Header;
}
interface KnownHeaders {
  /** By sampleKey of the text: the headers read with that key. */
  byKey: Map<number, KnownHeader[]>;
  size: number;
}
const knownHeaders = new WeakMap<TableGroup, KnownHeaders>();
/** Headers kept per group: enough for the layouts a corpus repeats, few enough to forget one-off texts. */
const KNOWN_HEADERS = 256;

/** The header of a group printed in scan range [a, b). */
function headerAt(s: string, a: number, b: number, group: TableGroup): Header {
  let known = knownHeaders.get(group);
  if (!known) {
    known = { byKey: new Map(), size: 0 };
    knownHeaders.set(group, known);
  }
  const key = sampleKey(s, a, b);
  const text = s.slice(a, b);
  // String equality compares the characters natively, many times quicker than a loop over them.
  for (const entry of known.byKey.get(key) ?? []) if (entry.text === text) return entry.header;
  const header = readHeader(text.replace(SEPARATORS, ''), group);
  if (known.size >= KNOWN_HEADERS) {
    known.byKey.clear();
    known.size = 0;
  }
  const entry = { text: detached(text), header };
  const list = known.byKey.get(key);
  if (list) list.push(entry);
  else known.byKey.set(key, [entry]);
  known.size++;
  return header;
}

/** A key of s[a, b) that two copies of a text share: its length and eight characters spread over it. */
function sampleKey(s: string, a: number, b: number): number {
  const length = b - a;
  let key = length;
  if (length > 0)
    for (let k = 0; k < 8; k++) key = Math.imul(key ^ s.charCodeAt(a + ((length * k) >> 3)), 0x01000193);
  return key & 0x3fffffff;
}

const rowCellIds = new WeakMap<RowDef, string[]>();
/**
 * The ids of a row's cells, one per column of its group, built once: ids assembled per report would be fresh
 * strings that every map and object key must hash and intern again.
 */
export function cellIds(table: TableDef, group: TableGroup, row: RowDef): string[] {
  let ids = rowCellIds.get(row);
  if (!ids) {
    ids = group.columns.map((column) => `${table.key}.${row.key}.${column.key}`);
    rowCellIds.set(row, ids);
  }
  return ids;
}

export interface RowTableOptions {
  /** Identity of a complete row (表三: 总计 = the six applicant columns). */
  sums?: readonly SumRule[];
  labelSpanPlaceholders: boolean;
}

export interface RowTableReading extends TableReading {
  /** Rows whose digits split several ways, with the candidate splits: the table's identities may decide. */
  ambiguous: Map<string, number[][]>;
}

const CHINESE_WORD = /^[\u4e00-\u9fff]+$/;
/** A keyword's alternatives if each is Chinese characters alone (what gapped() lets a separator into), or null. */
function wordsOf(keyword: string): Word[] | null {
  const words = keyword.split('|');
  return words.every((word) => CHINESE_WORD.test(word))
    ? words.map((text) => ({ text, first: text[0]! }))
    : null;
}

/** How a group's rows are resolved: its header's columns, the table's options. */
function resolveOptions(header: Header, options: RowTableOptions): ResolveOptions {
  return {
    extraColumns: header.extraColumns,
    labelSpanPlaceholders: options.labelSpanPlaceholders,
    sums: options.sums,
    moneyUnitInHeader: header.moneyUnit,
    headerRepeats: header.repeats,
  };
}

const tableEntries = new WeakMap<TableDef, Entry[]>();
/** A table's rows in catalogue order, each with its header group (built once per table). */
function entriesOf(table: TableDef): Entry[] {
  let entries = tableEntries.get(table);
  if (!entries) {
    entries = table.groups.flatMap((group, groupIndex) =>
      group.rows.map((row) => {
        const source = gapped(row.keyword);
        return {
          row,
          group,
          groupIndex,
          keyword: new RegExp(source, 'g'),
          words: wordsOf(row.keyword),
          plain: !/\(\?|[$^]|\\[bB]/.test(source),
          ids: cellIds(table, group, row),
          rowId: `${table.key}.${row.key}`,
        };
      }),
    );
    tableEntries.set(table, entries);
  }
  return entries;
}

export function readRowTable(
  scan: Scan,
  table: TableDef,
  sink: CellSink,
  options: RowTableOptions,
): RowTableReading | null {
  const s = scan.s;
  const matches = locateRows(s, entriesOf(table));
  if (matches.length === 0) return null;
  const reading: RowTableReading = {
    firstPiece: scan.first,
    lastPiece: scan.pieceAt[matches[0]!.start]!,
    missingColumns: [],
    extras: [],
    ambiguous: new Map(),
  };
  // Per group: its header, read where the group's first row is found, and how its rows are resolved.
  const headers: Array<Header | undefined> = [];
  const resolves: ResolveOptions[] = [];
  const { cells, origins } = sink;
  let lossy = false;
  const splitRows: Entry[] = [];
  let headerFrom = 0;
  for (let k = 0; k < matches.length; k++) {
    const match = matches[k]!;
    const entry = match.entry;
    let header = headers[entry.groupIndex];
    if (!header) {
      header = headerAt(s, headerFrom, match.start, entry.group);
      headers[entry.groupIndex] = header;
      resolves[entry.groupIndex] = resolveOptions(header, options);
      for (const label of header.extraLabels) reading.extras.push(label);
    }
    const limit = k + 1 < matches.length ? matches[k + 1]!.start : s.length;
    const valuesFrom = labelEnd(s, match.keywordEnd, limit);
    const { slots, end } = slotsIn(scan, valuesFrom, limit);
    headerFrom = end;
    const columns = entry.group.columns;
    const row = resolveRow(scan, slots, columns, resolves[entry.groupIndex]!);
    const ids = entry.ids;
    const missingAt = header.missingAt;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      cells.set(id, row.values[i]!);
      origins[id] = row.origins[i]!;
      if (missingAt !== null && missingAt[i]) reading.missingColumns.push(id);
    }
    if (row.candidates) reading.ambiguous.set(entry.rowId, row.candidates);
    if (row.undetermined === 'shortRow') lossy = true;
    if (row.split && !options.sums) splitRows.push(entry);
    const lastAt = Math.max(match.keywordEnd, end) - 1;
    reading.lastPiece = Math.max(reading.lastPiece, scan.pieceAt[Math.min(lastAt, s.length - 1)]!);
  }
  // Crawler text drops blank cells. Once a row shows it did (fewer digits than columns), a digit run of a
  // row without an identity to check may hide a dropped blank too: 「213」 may be 2|1|3 or 2|13|blank.
  if (lossy) {
    for (const entry of splitRows) {
      for (const id of entry.ids) {
        cells.set(id, null);
        origins[id] = { ...origins[id]!, undetermined: 'ambiguousSplit' };
      }
    }
  }
  return reading;
}
