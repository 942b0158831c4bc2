/**
 * Tables whose rows are found by their labels (表二 and 表三): find each official row label in order,
 * read the values printed after it, match them to the columns found in the header.
 */
import type { ColumnDef, RowDef, TableDef, TableGroup } from '../../record/index.ts';
import { isSeparatorCode, type Scan } from '../scan.ts';
import type { SumRule } from '../split-digits.ts';
import { findFrom, gapped, globalRegex, type CellSink, type TableReading } from './reading.ts';
import { resolveRow, slotsIn, type RowValues } from './slots.ts';

interface RowMatch {
  row: RowDef;
  group: TableGroup;
  start: number;
  keywordEnd: number;
}

interface Entry {
  row: RowDef;
  group: TableGroup;
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
  if (item && i > floor && s.startsWith(item, i - item.length) && /[.、]/.test(s[i] ?? '')) i -= item.length;
  return i;
}

interface Keyword {
  /** The row's keyword, allowed to be broken over pieces. */
  source: string;
  /**
   * Without look-around or anchors: a match inside a cut of the text is then a match in the whole text, and a
   * match in the whole text that ends inside the cut is one in the cut.
   */
  plain: boolean;
}

const keywords = new Map<RowDef, Keyword>();
function keywordOf(row: RowDef): Keyword {
  let keyword = keywords.get(row);
  if (keyword === undefined) {
    const source = gapped(row.keyword);
    keyword = { source, plain: !/\(\?|[$^]|\\[bB]/.test(source) };
    keywords.set(row, keyword);
  }
  return keyword;
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
  /** Per entry: its first match from the last position sought, null for none, undefined before any search. */
  found: Array<RegExpExecArray | null | undefined>;
}

/** The first match of entry j's keyword at or after pos (pos never less than in an earlier call). */
function firstMatch(search: RowSearch, j: number, pos: number): RegExpExecArray | null {
  const known = search.found[j];
  if (known === null || (known !== undefined && known.index >= pos)) return known;
  const m = findFrom(keywordOf(search.entries[j]!.row).source, search.s, pos);
  search.found[j] = m;
  return m;
}

/** Whether entry j's keyword is printed in s[pos, to), the text cut at `to` as findFrom cuts it. */
function printedBefore(search: RowSearch, j: number, pos: number, to: number): boolean {
  const keyword = keywordOf(search.entries[j]!.row);
  if (keyword.plain) {
    const m = firstMatch(search, j, pos);
    if (!m || m.index >= to) return false;
    if (m.index + m[0].length <= to) return true;
  }
  return findFrom(keyword.source, search.s, pos, to) !== null;
}

function locateRows(scan: Scan, entries: Entry[]): RowMatch[] {
  const s = scan.s;
  const search: RowSearch = { s, entries, found: new Array(entries.length).fill(undefined) };
  const matches: RowMatch[] = [];
  let pos = 0;
  for (let k = 0; k < entries.length; k++) {
    const { row, group } = entries[k]!;
    const m = firstMatch(search, k, pos);
    if (!m) continue;
    let preempted = false;
    for (let j = k + 1; j <= k + LOOKAHEAD && j < entries.length; j++) {
      if (printedBefore(search, j, pos, m.index)) {
        preempted = true;
        break;
      }
    }
    if (preempted) continue;
    matches.push({
      row,
      group,
      start: labelStart(s, m.index, pos, row.item),
      keywordEnd: m.index + m[0].length,
    });
    pos = m.index + m[0].length;
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

interface HeaderReading {
  missing: ColumnDef[];
  extraColumns: number[];
  extraLabels: string[];
  moneyUnit: boolean;
  /** Times each column's header was printed (≥ 1). */
  repeats: number[];
}

const SUBTOTAL = /小计|合计/;

function readHeader(scan: Scan, a: number, b: number, group: TableGroup): HeaderReading {
  // Two-level headers print 总计 before 商业企业 in reading order: look for each column on its own.
  const text = scan.s.slice(a, b).replace(/[\x1d-\x1f]/g, '');
  const extraColumns: number[] = [];
  const extraLabels: string[] = [];
  const totalAt = group.columns.findIndex((c) => c.key === 'total');
  const sub = totalAt > 0 ? SUBTOTAL.exec(text) : null;
  if (sub) {
    extraColumns.push(totalAt);
    extraLabels.push(sub[0]);
  }
  const printed = group.columns.map((column) => timesPrinted(column.pattern, text));
  return {
    missing: group.columns.filter((_, i) => printed[i] === 0),
    extraColumns,
    extraLabels,
    moneyUnit: /万元/.test(text),
    repeats: printed.map((times) => Math.max(1, times)),
  };
}

function timesPrinted(pattern: string, text: string): number {
  const re = globalRegex(pattern);
  re.lastIndex = 0;
  let count = 0;
  while (re.exec(text) !== null) count++;
  return count;
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

const tableEntries = new WeakMap<TableDef, Entry[]>();
/** A table's rows in catalogue order, each with its header group (built once per table). */
function entriesOf(table: TableDef): Entry[] {
  let entries = tableEntries.get(table);
  if (!entries) {
    entries = table.groups.flatMap((group) => group.rows.map((row) => ({ row, group })));
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
  const matches = locateRows(scan, entriesOf(table));
  if (matches.length === 0) return null;
  const s = scan.s;
  const reading: RowTableReading = {
    firstPiece: scan.first,
    lastPiece: scan.pieceAt[matches[0]!.start]!,
    missingColumns: [],
    extras: [],
    ambiguous: new Map(),
  };
  const headers = new Map<TableGroup, HeaderReading>();
  let lossy = false;
  const splitRows: RowMatch[] = [];
  let headerFrom = 0;
  for (let k = 0; k < matches.length; k++) {
    const match = matches[k]!;
    if (!headers.has(match.group)) {
      const header = readHeader(scan, headerFrom, match.start, match.group);
      headers.set(match.group, header);
      reading.extras.push(...header.extraLabels);
    }
    const header = headers.get(match.group)!;
    const limit = k + 1 < matches.length ? matches[k + 1]!.start : s.length;
    const valuesFrom = labelEnd(s, match.keywordEnd, limit);
    const { slots, end } = slotsIn(scan, valuesFrom, limit);
    headerFrom = end;
    const values: RowValues = resolveRow(scan, slots, match.group.columns, {
      extraColumns: header.extraColumns,
      labelSpanPlaceholders: options.labelSpanPlaceholders,
      sums: options.sums,
      moneyUnitInHeader: header.moneyUnit,
      headerRepeats: header.repeats,
    });
    const rowId = `${table.key}.${match.row.key}`;
    const ids = cellIds(table, match.group, match.row);
    match.group.columns.forEach((column, i) => {
      const id = ids[i]!;
      const v = values.values[i]!;
      sink.cells.set(id, v.value);
      sink.origins[id] = v.origin;
      if (header.missing.includes(column)) reading.missingColumns.push(id);
    });
    if (values.candidates) reading.ambiguous.set(rowId, values.candidates);
    if (values.undetermined === 'shortRow') lossy = true;
    if (values.split && !options.sums) splitRows.push(match);
    const lastAt = Math.max(match.keywordEnd, end) - 1;
    reading.lastPiece = Math.max(reading.lastPiece, scan.pieceAt[Math.min(lastAt, s.length - 1)]!);
  }
  // Crawler text drops blank cells. Once a row shows it did (fewer digits than columns), a digit run of a
  // row without an identity to check may hide a dropped blank too: 「213」 may be 2|1|3 or 2|13|blank.
  if (lossy) {
    for (const match of splitRows) {
      for (const id of cellIds(table, match.group, match.row)) {
        sink.cells.set(id, null);
        sink.origins[id] = { ...sink.origins[id]!, undetermined: 'ambiguousSplit' };
      }
    }
  }
  return reading;
}
