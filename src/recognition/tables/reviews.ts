/**
 * 表四 政府信息公开行政复议、行政诉讼情况: three groups of five outcomes under a two-level header; the
 * fifteen values follow the last header word. Each group's 总计 = 维持 + 纠正 + 其他 + 尚未审结.
 */
import { CATALOGUE, type CellOrigin, type ColumnDef } from '../../record/index.ts';
import type { Scan } from '../scan.ts';
import { findFrom, globalRegex, type CellSink, type TableReading } from './reading.ts';
import { resolveRow, slotsIn } from './slots.ts';

const def = CATALOGUE['2021'].reviews.groups[0]!;
const COLUMNS: Array<{ id: string; column: ColumnDef }> = def.rows.flatMap((group) =>
  def.columns.map((column) => ({ id: `reviews.${group.key}.${column.key}`, column })),
);

const gapped = (word: string) =>
  [...word].map((ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\x1d-\\x1f]?');
/** Header words, each allowed to be broken over pieces (「结果」「纠正」 in separate paragraphs). */
const HEADER = [
  '结果维持',
  '结果纠正',
  '其他结果',
  '尚未审结',
  '维持',
  '纠正',
  '审结',
  '总计',
  '合计',
  '起诉',
  '行政复议',
  '行政诉讼',
]
  .map(gapped)
  .join('|');

/** Each group's 总计 = 维持 + 纠正 + 其他 + 尚未审结. */
const GROUP_TOTALS = [0, 5, 10].map((g) => ({ at: g + 4, from: g, to: g + 3 }));

function reading(
  scan: Scan,
  values: Array<{ value: number | null; origin: CellOrigin }>,
  end: number,
  sink: CellSink,
): TableReading {
  const out: TableReading = {
    firstPiece: scan.first,
    lastPiece: scan.pieceAt[Math.max(0, Math.min(end, scan.s.length) - 1)]!,
    missingColumns: [],
    extras: [],
  };
  COLUMNS.forEach(({ id }, i) => {
    sink.cells.set(id, values[i]!.value);
    sink.origins[id] = values[i]!.origin;
  });
  return out;
}

/**
 * The transposed layout some reports use: outcomes as columns printed once, then one row per group
 * (行政复议 / 未经复议直接起诉 / 复议后起诉) with its five values.
 */
function readGroupRows(scan: Scan, sink: CellSink): TableReading | null {
  const values: Array<{ value: number | null; origin: CellOrigin }> = [];
  let pos = 0;
  let end = 0;
  const groups = def.rows;
  for (let g = 0; g < groups.length; g++) {
    const at = lastBeforeValues(scan, groups[g]!.keyword, pos);
    if (at < 0) return null;
    const next = g + 1 < groups.length ? findFrom(groups[g + 1]!.keyword, scan.s, at) : null;
    const { slots, end: slotsEnd } = slotsIn(scan, at, next ? next.index : scan.s.length);
    if (slots.length !== 5) return null;
    const row = resolveRow(scan, slots, def.columns, NO_OPTIONS);
    if (row.undetermined) return null;
    values.push(...row.values);
    pos = slotsEnd;
    end = slotsEnd;
  }
  return reading(scan, values, end, sink);
}

/** End of the last occurrence of a group label, from `from`, that is directly followed by a value. */
function lastBeforeValues(scan: Scan, keyword: string, from: number): number {
  let found = -1;
  let m = findFrom(keyword, scan.s, from);
  while (m) {
    const after = m.index + m[0].length;
    const { slots } = slotsIn(scan, after, Math.min(scan.s.length, after + 40));
    if (slots.length > 0 && slots[0]!.kind === 'number') return after;
    found = -1;
    m = findFrom(keyword, scan.s, after);
  }
  return found;
}

const NO_OPTIONS = { extraColumns: [], labelSpanPlaceholders: false, moneyUnitInHeader: false };

export function readReviews(scan: Scan, sink: CellSink): TableReading | null {
  const s = scan.s;
  const re = globalRegex(HEADER);
  re.lastIndex = 0;
  const ends: number[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) ends.push(m.index + m[0].length);
  if (ends.length === 0) return null;
  // The values follow the last header word that has values after it (narrative may mention 行政复议 later).
  for (let k = ends.length - 1; k >= 0; k--) {
    const from = ends[k]!;
    const to = k + 1 < ends.length ? ends[k + 1]! : s.length;
    const { slots, end } = slotsIn(scan, from, to);
    const digits = slots.length === 1 && slots[0]!.kind === 'number' ? slots[0]!.digits.length : 0;
    if (slots.length < 5 && digits < COLUMNS.length) continue;
    if (slots.length < COLUMNS.length && slots.length % 5 === 0) {
      const transposed = readGroupRows(scan, sink);
      if (transposed) return transposed;
    }
    const row = resolveRow(
      scan,
      slots,
      COLUMNS.map((c) => c.column),
      { ...NO_OPTIONS, sums: GROUP_TOTALS },
    );
    return reading(scan, row.values, end, sink);
  }
  return readGroupRows(scan, sink);
}
