/**
 * 表四 政府信息公开行政复议、行政诉讼情况: three groups of five outcomes under a two-level header; the
 * fifteen values follow the last header word. Each group's 总计 = 维持 + 纠正 + 其他 + 尚未审结.
 */
import { CATALOGUE, type CellOrigin, type ColumnDef } from '../../record/index.ts';
import type { Scan } from '../scan.ts';
import type { CellSink, TableReading } from './reading.ts';
import { resolveRow, slotsIn, type ResolveOptions } from './slots.ts';

const def = CATALOGUE['2021'].reviews.groups[0]!;
/** The fifteen cells in printed order: each group's five outcomes. */
const IDS: readonly string[] = def.rows.flatMap((group) =>
  def.columns.map((column) => `reviews.${group.key}.${column.key}`),
);
const COLUMNS: readonly ColumnDef[] = def.rows.flatMap(() => def.columns);

const gapped = (word: string) =>
  [...word].map((ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\x1d-\\x1f]?');
/** Header words, each allowed to be broken over pieces (「结果」「纠正」 in separate paragraphs). */
const HEADER = new RegExp(
  [
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
    .join('|'),
  'g',
);

/** Each group's label, searched for as printed. */
const GROUP_KEYWORDS = def.rows.map((group) => new RegExp(group.keyword, 'g'));

/** Each group's 总计 = 维持 + 纠正 + 其他 + 尚未审结. */
const GROUP_TOTALS = [0, 5, 10].map((g) => ({ at: g + 4, from: g, to: g + 3 }));

const NO_OPTIONS: ResolveOptions = {
  extraColumns: [],
  labelSpanPlaceholders: false,
  moneyUnitInHeader: false,
};
const WITH_TOTALS: ResolveOptions = { ...NO_OPTIONS, sums: GROUP_TOTALS };

function reading(
  scan: Scan,
  values: ReadonlyArray<number | null>,
  origins: readonly CellOrigin[],
  end: number,
  sink: CellSink,
): TableReading {
  const out: TableReading = {
    firstPiece: scan.first,
    lastPiece: scan.pieceAt[Math.max(0, Math.min(end, scan.s.length) - 1)]!,
    missingColumns: [],
    extras: [],
  };
  for (let i = 0; i < IDS.length; i++) {
    const id = IDS[i]!;
    sink.cells.set(id, values[i]!);
    sink.origins[id] = origins[i]!;
  }
  return out;
}

/** First match of `re` in s from `from` on. */
function matchFrom(re: RegExp, s: string, from: number): RegExpExecArray | null {
  re.lastIndex = from;
  return re.exec(s);
}

/**
 * The transposed layout some reports use: outcomes as columns printed once, then one row per group
 * (行政复议 / 未经复议直接起诉 / 复议后起诉) with its five values.
 */
function readGroupRows(scan: Scan, sink: CellSink): TableReading | null {
  const values: Array<number | null> = [];
  const origins: CellOrigin[] = [];
  let pos = 0;
  let end = 0;
  for (let g = 0; g < GROUP_KEYWORDS.length; g++) {
    const at = lastBeforeValues(scan, GROUP_KEYWORDS[g]!, pos);
    if (at < 0) return null;
    const next = g + 1 < GROUP_KEYWORDS.length ? matchFrom(GROUP_KEYWORDS[g + 1]!, scan.s, at) : null;
    const { slots, end: slotsEnd } = slotsIn(scan, at, next ? next.index : scan.s.length);
    if (slots.length !== 5) return null;
    const row = resolveRow(scan, slots, def.columns, NO_OPTIONS);
    if (row.undetermined) return null;
    for (let i = 0; i < row.values.length; i++) {
      values.push(row.values[i]!);
      origins.push(row.origins[i]!);
    }
    pos = slotsEnd;
    end = slotsEnd;
  }
  return reading(scan, values, origins, end, sink);
}

/** End of the first occurrence of a group label, from `from`, that is directly followed by a value. */
function lastBeforeValues(scan: Scan, keyword: RegExp, from: number): number {
  let m = matchFrom(keyword, scan.s, from);
  while (m) {
    const after = m.index + m[0].length;
    const { slots } = slotsIn(scan, after, Math.min(scan.s.length, after + 40));
    if (slots.length > 0 && slots[0]!.kind === 'number') return after;
    m = matchFrom(keyword, scan.s, after);
  }
  return -1;
}

export function readReviews(scan: Scan, sink: CellSink): TableReading | null {
  const s = scan.s;
  // Only where each header word ends matters: test() finds it without building the match.
  const ends: number[] = [];
  HEADER.lastIndex = 0;
  while (HEADER.test(s)) ends.push(HEADER.lastIndex);
  if (ends.length === 0) return null;
  // The values follow the last header word that has values after it (narrative may mention 行政复议 later).
  for (let k = ends.length - 1; k >= 0; k--) {
    const from = ends[k]!;
    const to = k + 1 < ends.length ? ends[k + 1]! : s.length;
    const { slots, end } = slotsIn(scan, from, to);
    const digits = slots.length === 1 && slots[0]!.kind === 'number' ? slots[0]!.digits.length : 0;
    if (slots.length < 5 && digits < IDS.length) continue;
    if (slots.length < IDS.length && slots.length % 5 === 0) {
      const transposed = readGroupRows(scan, sink);
      if (transposed) return transposed;
    }
    const row = resolveRow(scan, slots, COLUMNS, WITH_TOTALS);
    return reading(scan, row.values, row.origins, end, sink);
  }
  return readGroupRows(scan, sink);
}
