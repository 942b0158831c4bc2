/**
 * 表三 收到和处理政府信息公开申请情况. Rows by label; digit runs that split several ways are settled by the
 * official identities (printed under the table's title: 第一项加第二项之和，等于第三项加第四项之和).
 */
import { CATALOGUE, type FormatId } from '../../record/index.ts';
import type { Scan } from '../scan.ts';
import type { CellSink, TableReading } from './reading.ts';
import { cellIds, readRowTable } from './row-table.ts';

/** 总计 = the six applicant columns. */
const ROW_TOTAL = [{ at: 6, from: 0, to: 5 }];

const COLUMNS = CATALOGUE['2019'].requests.groups[0]!.columns.map((c) => c.key);

export function readRequests(
  scan: Scan,
  format: FormatId,
  spansFlattened: boolean,
  sink: CellSink,
): TableReading | null {
  const def = CATALOGUE[format].requests;
  const reading = readRowTable(scan, def, sink, { sums: ROW_TOTAL, labelSpanPlaceholders: spansFlattened });
  if (!reading) return null;
  if (reading.ambiguous.size > 0) settleByIdentities(reading, format, sink);
  return reading;
}

/** A row's values by column: undefined where a cell is missing or undetermined. */
type RowValues = ReadonlyArray<number | undefined>;

/** The rows of 三、本年度办理结果 whose sum is its 总计 (第三项). */
function outcomeRows(format: FormatId): string[] {
  const rows = CATALOGUE[format].requests.groups[0]!.rows.map((r) => r.key);
  return rows.slice(rows.indexOf('granted'), rows.indexOf('processedTotal'));
}
const OUTCOMES: Record<FormatId, string[]> = { '2019': outcomeRows('2019'), '2021': outcomeRows('2021') };

/** A row's cell ids, the strings the table was read into (ids built afresh would be hashed anew at every lookup). */
function idsOf(format: FormatId, row: string): readonly string[] {
  const def = CATALOGUE[format].requests;
  const group = def.groups[0]!;
  const rowDef = group.rows.find((r) => r.key === row)!;
  return cellIds(def, group, rowDef);
}

/** 第一项 and 第二项, 第三项 and 第四项: the two pairs whose sums are equal. */
const RECEIVED = ['received', 'carriedOver'];
const SETTLED = ['processedTotal', 'carriedForward'];

function settleByIdentities(
  reading: ReturnType<typeof readRowTable> & object,
  format: FormatId,
  sink: CellSink,
): void {
  const outcomes = OUTCOMES[format];
  // The identities' rows are read from the sink once; a row settled below replaces its entry.
  const known = new Map<string, RowValues>();
  for (const row of [...RECEIVED, ...SETTLED, ...outcomes]) {
    known.set(
      row,
      idsOf(format, row).map((id) => determinedValue(sink, id)),
    );
  }
  let progress = true;
  while (progress && reading.ambiguous.size > 0) {
    progress = false;
    for (const [rowId, candidates] of reading.ambiguous) {
      const row = rowId.slice('requests.'.length);
      const fitting = candidates.filter((c) => holds(known, outcomes, row, c));
      if (fitting.length !== 1) continue;
      idsOf(format, row).forEach((id, i) => {
        sink.cells.set(id, fitting[0]![i]!);
        const origin = { ...sink.origins[id]! };
        delete origin.undetermined;
        sink.origins[id] = origin;
      });
      known.set(row, fitting[0]!);
      reading.ambiguous.delete(rowId);
      progress = true;
    }
  }
}

function determinedValue(sink: CellSink, id: string): number | undefined {
  if (!sink.cells.has(id) || sink.origins[id]?.undetermined) return undefined;
  return sink.cells.get(id) ?? 0;
}

/** Whether the identities hold, column by column, with `trial` as the values of `row`. */
function holds(
  known: ReadonlyMap<string, RowValues>,
  outcomes: readonly string[],
  row: string,
  trial: RowValues,
): boolean {
  for (let c = 0; c < COLUMNS.length; c++) {
    const left = sumOf(known, RECEIVED, row, trial, c);
    const right = sumOf(known, SETTLED, row, trial, c);
    if (left !== undefined && right !== undefined && left !== right) return false;
    const processed = row === 'processedTotal' ? trial[c] : known.get('processedTotal')![c];
    const parts = sumOf(known, outcomes, row, trial, c);
    if (processed !== undefined && parts !== undefined && processed !== parts) return false;
  }
  return true;
}

/** The sum of column c over `rows`, or undefined when one of them has no value there. */
function sumOf(
  known: ReadonlyMap<string, RowValues>,
  rows: readonly string[],
  row: string,
  trial: RowValues,
  c: number,
): number | undefined {
  let total = 0;
  for (const r of rows) {
    const v = r === row ? trial[c] : known.get(r)![c];
    if (v === undefined) return undefined;
    total += v;
  }
  return total;
}
