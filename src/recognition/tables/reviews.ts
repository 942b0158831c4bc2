/**
 * 表四 政府信息公开行政复议、行政诉讼情况: three groups of five outcomes under a two-level header; the
 * fifteen values follow the last header word. Each group's 总计 = 维持 + 纠正 + 其他 + 尚未审结.
 */
import { CATALOGUE, type ColumnDef } from '../../record/index.ts';
import type { Scan } from '../scan.ts';
import { globalRegex, type TableReading } from './reading.ts';
import { resolveRow, slotsIn } from './slots.ts';

const def = CATALOGUE['2021'].reviews.groups[0]!;
const COLUMNS: Array<{ id: string; column: ColumnDef }> = def.rows.flatMap((group) =>
  def.columns.map((column) => ({ id: `reviews.${group.key}.${column.key}`, column })),
);

const gapped = (word: string) => [...word].map((ch) => ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\x1d-\\x1f]?');
/** Header words, each allowed to be broken over pieces (「结果」「纠正」 in separate paragraphs). */
const HEADER = ['结果维持', '结果纠正', '其他结果', '尚未审结', '维持', '纠正', '审结', '总计', '合计', '起诉', '行政复议', '行政诉讼']
  .map(gapped)
  .join('|');

function groupTotalsHold(values: readonly number[]): boolean {
  if (values.length === 0 || values.length % 5 !== 0) return true;
  const g = values.slice(values.length - 5);
  return g[4] === g[0]! + g[1]! + g[2]! + g[3]!;
}

export function readReviews(scan: Scan): TableReading | null {
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
    if (slots.length === 0) continue;
    const row = resolveRow(
      scan,
      slots,
      COLUMNS.map((c) => c.column),
      { extraColumns: [], labelSpanPlaceholders: false, rowCheck: groupTotalsHold, moneyUnitInHeader: false },
    );
    const reading: TableReading = {
      cells: {},
      origins: {},
      firstPiece: scan.first,
      lastPiece: scan.pieceAt[Math.max(0, Math.min(end, s.length) - 1)]!,
      missingColumns: [],
      extras: [],
    };
    COLUMNS.forEach(({ id }, i) => {
      reading.cells[id] = row.values[i]!.value;
      reading.origins[id] = row.values[i]!.origin;
    });
    return reading;
  }
  return null;
}
