/** Comparing a count the narrative states with the table cells it should equal. */
import { describeCell } from '../../record/index.ts';
import type { RuleContext } from '../rule.ts';
import type { Report } from './define.ts';
import { shorten } from './phrasing.ts';
import type { Statement } from './prose.ts';
import { sum } from './values.ts';

export interface Stated {
  statement: Statement;
  value: number;
}

export interface Comparison {
  stated: Iterable<Stated>;
  /** The cells whose sum the statement should equal (blanks as 0), by id and by slot. */
  ids: readonly string[];
  slots: readonly number[];
  /** The count in prose: 「收到政府信息公开申请」. */
  what: string;
  /** How the message names the cells; defaults to the single cell's printed name. */
  cellLabel?: string;
  /** An explanation appended when the numbers suggest one. */
  note?: (stated: number, cell: number) => string;
}

/** Reports the first statement whose count differs; nothing when a cell is absent or undetermined. */
export function compareStated(ctx: RuleContext, report: Report, c: Comparison): void {
  const cell = sum(ctx, c.slots);
  if (cell === undefined) return;
  for (const { statement, value } of c.stated) {
    if (value === cell) continue;
    const label = c.cellLabel ?? describeCell(ctx.format!, c.ids[0]!);
    report(
      `正文称${c.what} ${value} 件（「${shorten(statement.sentence)}」），但${label}填报为 ${cell}${c.note?.(value, cell) ?? ''}`,
      {
        cells: [...c.ids],
        text: { section: statement.section, quote: statement.sentence },
        expected: cell,
        actual: value,
      },
    );
    return;
  }
}
