/**
 * 表三 收到和处理政府信息公开申请情况. Rows by label; digit runs that split several ways are settled by the
 * official identities (printed under the table's title: 第一项加第二项之和，等于第三项加第四项之和).
 */
import { CATALOGUE, type FormatId } from '../../record/index.ts';
import type { Scan } from '../scan.ts';
import type { CellSink, TableReading } from './reading.ts';
import { readRowTable } from './row-table.ts';

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

function settleByIdentities(
  reading: ReturnType<typeof readRowTable> & object,
  format: FormatId,
  sink: CellSink,
): void {
  const rows = CATALOGUE[format].requests.groups[0]!.rows.map((r) => r.key);
  const outcomes = rows.slice(rows.indexOf('granted'), rows.indexOf('processedTotal'));
  const value = (row: string, col: string, trial: Map<string, number[]>): number | undefined => {
    const t = trial.get(row);
    if (t) return t[COLUMNS.indexOf(col)];
    const id = `requests.${row}.${col}`;
    if (!sink.cells.has(id) || sink.origins[id]?.undetermined) return undefined;
    return sink.cells.get(id) ?? 0;
  };
  const holds = (trial: Map<string, number[]>): boolean => {
    for (const col of COLUMNS) {
      const sum = (list: string[]) => {
        let total = 0;
        for (const r of list) {
          const v = value(r, col, trial);
          if (v === undefined) return undefined;
          total += v;
        }
        return total;
      };
      const left = sum(['received', 'carriedOver']);
      const right = sum(['processedTotal', 'carriedForward']);
      if (left !== undefined && right !== undefined && left !== right) return false;
      const processed = value('processedTotal', col, trial);
      const parts = sum(outcomes.map((r) => r.replace(/^requests\./, '')));
      if (processed !== undefined && parts !== undefined && processed !== parts) return false;
    }
    return true;
  };
  let progress = true;
  while (progress && reading.ambiguous.size > 0) {
    progress = false;
    for (const [rowId, candidates] of reading.ambiguous) {
      const row = rowId.slice('requests.'.length);
      const fitting = candidates.filter((c) => holds(new Map([[row, c]])));
      if (fitting.length !== 1) continue;
      COLUMNS.forEach((col, i) => {
        const id = `${rowId}.${col}`;
        sink.cells.set(id, fitting[0]![i]!);
        const origin = { ...sink.origins[id]! };
        delete origin.undetermined;
        sink.origins[id] = origin;
      });
      reading.ambiguous.delete(rowId);
      progress = true;
    }
  }
}
