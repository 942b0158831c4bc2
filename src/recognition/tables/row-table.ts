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

const keywordSources = new Map<RowDef, string>();
function keywordSource(row: RowDef): string {
  let source = keywordSources.get(row);
  if (source === undefined) {
    source = gapped(row.keyword);
    keywordSources.set(row, source);
  }
  return source;
}

function locateRows(scan: Scan, entries: Entry[]): RowMatch[] {
  const s = scan.s;
  const matches: RowMatch[] = [];
  let pos = 0;
  for (let k = 0; k < entries.length; k++) {
    const { row, group } = entries[k]!;
    const m = findFrom(keywordSource(row), s, pos);
    if (!m) continue;
    let preempted = false;
    for (let j = k + 1; j <= k + LOOKAHEAD && j < entries.length; j++) {
      if (findFrom(keywordSource(entries[j]!.row), s, pos, m.index)) {
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
  const missing = group.columns.filter((column) => !findFrom(column.pattern, text, 0));
  const extraColumns: number[] = [];
  const extraLabels: string[] = [];
  const totalAt = group.columns.findIndex((c) => c.key === 'total');
  const sub = totalAt > 0 ? SUBTOTAL.exec(text) : null;
  if (sub) {
    extraColumns.push(totalAt);
    extraLabels.push(sub[0]);
  }
  const repeats = group.columns.map((column) => {
    const re = globalRegex(column.pattern);
    re.lastIndex = 0;
    let count = 0;
    while (re.exec(text) !== null) count++;
    return Math.max(1, count);
  });
  return { missing, extraColumns, extraLabels, moneyUnit: /万元/.test(text), repeats };
}

const rowCellIds = new WeakMap<RowDef, string[]>();
/**
 * The ids of a row's cells, one per column of its group, built once: ids assembled per report would be fresh
 * strings that every map and object key must hash and intern again.
 */
function cellIds(table: TableDef, group: TableGroup, row: RowDef): string[] {
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
