/**
 * crossYear.magnitude: a count or money cell is 1,000 times (or more) larger or smaller than the same
 * cell last year. The classic cause is a sum in 元 typed into a column the format prints in 万元
 * (国办公开办函〔2021〕30号 表二「本年收费金额（单位：万元）」; 〔2019〕60号「采购总金额」), or a count
 * typed with extra digits. Only cells both years print with the same meaning are compared (same id, same
 * kind of value); 本年增/减 is a signed change and is skipped. Blanks and zeros are skipped too: 0 → 5 is
 * no jump of scale. Both values must reach a floor (a whole item for counts, 0.01 万元 = 100 元 for money)
 * so that rounding noise is not read as a jump. One finding per table lists its cells.
 */
import {
  CELLS,
  FORMATS,
  cellDef,
  describeCell,
  tableName,
  type FormatId,
  type TableKey,
  type ValueKind,
} from '../../record/index.ts';
import { defineCrossYearRule, type YearSide } from './rule.ts';
import { printed, rowAndColumn } from './values.ts';

/** Jumps of this factor or more, in either direction, are reported. */
export const MAGNITUDE_RATIO = 1000;
/** The smallest value, per kind, that takes part: below it a ratio says nothing. */
const FLOOR: Partial<Record<ValueKind, number>> = { count: 1, money: 0.01 };

interface Comparable {
  id: string;
  table: TableKey;
  kind: ValueKind;
}

/** Per pair of formats, the cells both print with the same kind of value, in the current format's order. */
const COMPARABLE = new Map<string, readonly Comparable[]>(
  FORMATS.flatMap((previous) =>
    FORMATS.map((current) => [
      `${previous}>${current}`,
      CELLS[current]
        .filter((def) => FLOOR[def.column.value] !== undefined)
        .filter((def) => cellDef(previous, def.id)?.column.value === def.column.value)
        .map((def) => ({ id: def.id, table: def.table, kind: def.column.value })),
    ]),
  ),
);

function comparable(previous: FormatId, current: FormatId): readonly Comparable[] {
  return COMPARABLE.get(`${previous}>${current}`) ?? [];
}

interface Jump {
  id: string;
  kind: ValueKind;
  before: number;
  now: number;
}

/** Positive and at least the floor: blanks (null), zeros and absent cells do not take part. */
function usable(side: YearSide, id: string, kind: ValueKind): number | undefined {
  const value = side.cells[id];
  if (typeof value !== 'number' || value < FLOOR[kind]!) return undefined;
  return value;
}

function times(a: number, b: number): number {
  return Math.round(Math.max(a, b) / Math.min(a, b));
}

function describeJump(current: YearSide, previousYear: number, jump: Jump): string {
  const ratio = times(jump.now, jump.before).toLocaleString('en-US');
  const cell = describeCell(current.format, jump.id);
  const relation =
    jump.now > jump.before
      ? `是 ${previousYear} 年报告（${printed(jump.before)}）的 ${ratio} 倍`
      : `仅为 ${previousYear} 年报告（${printed(jump.before)}）的 ${ratio} 分之一`;
  return `${cell}为 ${printed(jump.now)}，${relation}`;
}

function hint(jumps: readonly Jump[]): string {
  return jumps.some((j) => j.kind === 'money')
    ? '金额栏以万元为单位，可能在某一年把以元计的金额直接填入了万元栏'
    : '可能多写或漏写了数位';
}

export const crossYearMagnitude = defineCrossYearRule({
  id: 'crossYear.magnitude',
  severity: 'warning',
  citation: '国办公开办函〔2019〕60号、〔2021〕30号（表二金额以万元为单位）',
  title: '数值与上年相差一千倍以上，疑似单位或位数填错',
  check({ previous, current }, report) {
    const byTable = new Map<TableKey, Jump[]>();
    for (const { id, table, kind } of comparable(previous.format, current.format)) {
      const now = usable(current, id, kind);
      const before = usable(previous, id, kind);
      if (now === undefined || before === undefined) continue;
      if (Math.max(now, before) < MAGNITUDE_RATIO * Math.min(now, before)) continue;
      const jumps = byTable.get(table) ?? byTable.set(table, []).get(table)!;
      jumps.push({ id, kind, before, now });
    }
    for (const [table, jumps] of byTable) {
      const cells = jumps.map((j) => j.id);
      if (jumps.length === 1) {
        const jump = jumps[0]!;
        report(`${describeJump(current, previous.year, jump)}；${hint(jumps)}，请核实`, {
          cells,
          expected: jump.before,
          actual: jump.now,
        });
        continue;
      }
      const shown = jumps
        .slice(0, 3)
        .map(
          (j) =>
            `${rowAndColumn(current, j.id)} ${printed(j.now)}（${previous.year} 年为 ${printed(j.before)}）`,
        )
        .join('、');
      const more = jumps.length > 3 ? ` 等` : '';
      report(
        `${tableName(table)}有 ${jumps.length} 个单元格与 ${previous.year} 年报告相差 ${MAGNITUDE_RATIO.toLocaleString('en-US')} 倍以上：${shown}${more}；${hint(jumps)}，请核实`,
        { cells },
      );
    }
  },
});
