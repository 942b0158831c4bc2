/**
 * Record → the three tables as HTML in the official layout (国办公开办函〔2019〕60号 / 〔2021〕30号):
 * label and header cells span rows and columns as in the published forms. Every printed text is escaped:
 * labels and values may come from hostile input.
 */
import type { ReportRecord, TableKey } from '../record/index.ts';
import { escapeHtml } from './escape.ts';
import { officialGrids, type GridCell, type GridOptions, type GridTable } from './official-grid.ts';

export interface TableHtmlOptions extends GridOptions {
  /**
   * The inner HTML of one cell. Must escape what it prints. The default escapes the text and turns
   * line breaks into `<br>`.
   */
  cellContent?: (cell: GridCell) => string;
  /** Attributes of the `<table>` element, already escaped (default `border="1"`). */
  tableAttributes?: string;
  /** Attributes of every `<td>`, already escaped. */
  cellAttributes?: (cell: GridCell) => string;
}

function defaultCellContent(cell: GridCell): string {
  return cell.text.split('\n').map(escapeHtml).join('<br>');
}

export function gridToHtml(grid: GridTable, options: TableHtmlOptions = {}): string {
  const content = options.cellContent ?? defaultCellContent;
  const out: string[] = [`<table ${options.tableAttributes ?? 'border="1"'}><tbody>`];
  for (const row of grid.rows) {
    out.push('<tr>');
    for (const c of row) {
      const attrs = [
        c.rowSpan > 1 ? `rowspan="${c.rowSpan}"` : '',
        c.colSpan > 1 ? `colspan="${c.colSpan}"` : '',
        options.cellAttributes?.(c) ?? '',
      ].filter(Boolean);
      out.push(`<td${attrs.length ? ` ${attrs.join(' ')}` : ''}>${content(c)}</td>`);
    }
    out.push('</tr>');
  }
  out.push('</tbody></table>');
  return out.join('');
}

/** The record's tables 二, 三 and 四 as HTML, or null for a record without an official format. */
export function officialTablesHtml(
  record: ReportRecord,
  options: TableHtmlOptions = {},
): Record<TableKey, string> | null {
  const grids = officialGrids(record, options);
  if (!grids) return null;
  return {
    active: gridToHtml(grids.active, options),
    requests: gridToHtml(grids.requests, options),
    reviews: gridToHtml(grids.reviews, options),
  };
}
