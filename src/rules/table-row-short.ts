/**
 * table.rowShort (beyond checks.md): a row printed fewer numbers than its table has columns, so no
 * number can be put under its column with confidence and recognition left the row unread
 * (origins `undetermined: 'shortRow'`). Every cell of the format must hold a number
 * (国办公开办函〔2019〕60号、〔2021〕30号); a short row is a table that cannot be checked.
 */
import { CELLS, tableName, type CellOrigin, type ReportRecord } from '../record/index.ts';
import { defineRule } from './helpers/define.ts';
import { byTableAndRow, rowLabels, type RowCells } from './helpers/layout.ts';
import { phraseRows } from './helpers/phrasing.ts';

const NUMBER = /[-−]?[0-9０-９]+(?:[.．][0-9０-９]+)?/g;

/** How many numbers the row printed, when recognition kept the row's printed text on its cells. */
function printedCount(record: ReportRecord, row: RowCells): number | undefined {
  const origins = row.cells.map((c) => record.origins?.[c.id]);
  const text = origins[0]?.text;
  if (text === undefined || !origins.every((o: CellOrigin | undefined) => o?.text === text)) return undefined;
  const count = text.match(NUMBER)?.length ?? 0;
  return count > 0 && count < widthOf(row) ? count : undefined;
}

/** The number of columns the row's header group has. */
function widthOf(row: RowCells): number {
  return row.cells[0]!.group.columns.length;
}

/** 表四 prints all its cells on one line. */
const REVIEW_WIDTH = CELLS['2021'].filter((c) => c.table === 'reviews').length;

export const tableRowShort = defineRule({
  id: 'table.rowShort',
  severity: 'error',
  citation: '国办公开办函〔2019〕60号、〔2021〕30号（表格每格应填数字）',
  title: '表格某行填报的数字少于列数，无法对应到列',
  scope: 'tables',
  check({ record, format, facts }, report) {
    const origins = record.origins;
    if (!origins || !facts.shortRow) return;
    const short = byTableAndRow(format!, (id) => origins[id]?.undetermined === 'shortRow');
    for (const table of short) {
      const cells = table.ids;
      if (table.table === 'reviews') {
        // 表四 prints its fifteen numbers on one line: the short "row" is the table's only row.
        report(
          `${tableName('reviews')}填报的数字少于 ${REVIEW_WIDTH} 列，无法确定对应哪一列，该表未读取数值`,
          { cells },
        );
        continue;
      }
      const widths = new Set(table.rows.map(widthOf));
      const counts = new Set(table.rows.map((r) => printedCount(record, r)));
      const width = widths.size === 1 ? [...widths][0]! : undefined;
      const count = counts.size === 1 ? [...counts][0] : undefined;
      const printed = count === undefined ? '填报的数字' : `只填报了 ${count} 个数字，`;
      const fewer = width === undefined ? '少于列数' : `少于 ${width} 列`;
      const these = table.rows.length === 1 ? '该行' : '这些行';
      report(
        `${tableName(table.table)} ${phraseRows(table.table, rowLabels(table))}${printed}${fewer}，无法确定对应哪一列，${these}未读取数值`,
        { cells },
      );
    }
  },
});
