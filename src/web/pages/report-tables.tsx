/**
 * A record's three tables in the official layout (render/official-grid.ts), as JSX: every value cell
 * carries its cell id (`data-cell`), so findings can point at it and a script can highlight it. What a
 * cell shows may be replaced (the comparison prints 「旧 → 新」).
 */
import type { Child } from 'hono/jsx';
import type { Severity } from '../../diagnostics/index.ts';
import { isOfficialFormat, tableTitle, type ReportRecord, type TableKey } from '../../record/index.ts';
import { officialGrids, type GridCell, type GridTable } from '../../render/official-grid.ts';

export interface CellMark {
  /** The worst severity among the findings naming the cell. */
  severity: Severity;
  /** Element ids of those findings. */
  findings: string[];
  /** Shown on hover: the findings' messages. */
  title: string;
}

export interface TablesOptions {
  marks?: ReadonlyMap<string, CellMark>;
  /** Content of a value cell instead of its printed value; undefined keeps the value. */
  valueContent?: (cell: GridCell) => Child | undefined;
  /** Extra class of a value cell. */
  valueClass?: (cell: GridCell) => string | undefined;
}

const TABLES: TableKey[] = ['active', 'requests', 'reviews'];

function Grid({ grid, options }: { grid: GridTable; options: TablesOptions }) {
  return (
    <table class="official" data-table={grid.table}>
      <tbody>
        {grid.rows.map((row) => (
          <tr>
            {row.map((cell) => {
              const span = {
                rowspan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
                colspan: cell.colSpan > 1 ? cell.colSpan : undefined,
              };
              if (cell.role !== 'value' || !cell.cellId) {
                const tag = cell.role === 'label' ? 'label' : 'head';
                return (
                  <td class={`official-${tag}`} {...span}>
                    {cell.text}
                  </td>
                );
              }
              const mark = options.marks?.get(cell.cellId);
              const classes = [
                'official-value',
                mark ? `flag flag-${mark.severity}` : '',
                options.valueClass?.(cell),
              ]
                .filter(Boolean)
                .join(' ');
              return (
                <td
                  class={classes}
                  data-cell={cell.cellId}
                  data-findings={mark?.findings.join(' ')}
                  title={mark?.title}
                  {...span}
                >
                  {options.valueContent?.(cell) ?? cell.text}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The three tables with their official titles, or a note for a record without an official format. */
export function OfficialTables({ record, options = {} }: { record: ReportRecord; options?: TablesOptions }) {
  const grids = officialGrids(record);
  if (!grids || !isOfficialFormat(record.format))
    return <p class="muted">这份报告没有可识别的官方表格格式（旧式或未识别的报告），只保留了正文。</p>;
  const format = record.format;
  return (
    <div class="official-tables">
      {TABLES.map((t) => (
        <figure class="official-table">
          <figcaption>{tableTitle(format, t)}</figcaption>
          <div class="scroll">
            <Grid grid={grids[t]} options={options} />
          </div>
        </figure>
      ))}
    </div>
  );
}
