/**
 * What PDF-to-markdown converters make of a report: `#`/`##` or bold headings, and GitHub tables
 * (`| a | b |` with a `|---|` line under the first row). Merged cells come out empty or repeated, line
 * breaks inside a cell as `<br>`; a table broken across pages becomes two tables with a page number between.
 * Converters that keep merged cells write the tables as HTML instead: MinerU one table per line, wrapped in
 * `<html><body>`; pandoc a `<table>` over many lines, a `<p>` in every cell.
 */
import type { ReportRecord } from '../../record/index.ts';
import { escapeHtml as h } from '../../render/escape.ts';
import { occupancy, type GridCell, type GridTable } from '../../render/official-grid.ts';
import { gridToHtml } from '../../render/official-html.ts';
import { chooseStyle, composeReport } from '../compose.ts';
import type { Rng } from '../rng.ts';
import type { Layout, LayoutContext } from './types.ts';

interface TableStyle {
  repeatMerged: boolean;
  lineBreak: string;
  separator: (width: number) => string;
}

function mdRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function mdTable(rows: readonly string[][], style: TableStyle): string {
  const [head, ...body] = rows;
  if (!head) return '';
  return [mdRow(head), style.separator(head.length), ...body.map(mdRow)].join('\n');
}

function gridRows(grid: GridTable, style: TableStyle): string[][] {
  const text = (t: string) => t.replace(/\|/g, '\\|').replace(/\n+/g, style.lineBreak);
  return occupancy(grid).map((row) =>
    row.map((slot) => (slot.origin || style.repeatMerged ? text(slot.cell.text) : '')),
  );
}

/** 表二 as one small table per 第二十条 item, each under its item title, as many Word reports print it. */
function activePerGroup(grid: GridTable, style: TableStyle, bold: boolean): string[] {
  const out: string[] = [];
  let rows: string[][] = [];
  const flush = () => {
    if (rows.length) out.push(mdTable(rows, style));
    rows = [];
  };
  for (const row of grid.rows) {
    const first = row[0]!;
    if (first.role === 'title') {
      flush();
      out.push(bold ? `**${first.text}**` : first.text);
    } else {
      // Cells that only pad a narrow item to the table's width have no counterpart in a table of its own.
      const own = row.filter((c) => (c.role === 'value' ? c.cellId !== undefined : c.text !== ''));
      rows.push(own.map((c) => c.text.replace(/\n+/g, style.lineBreak)));
    }
  }
  flush();
  return out;
}

type HtmlTables = 'none' | 'mineru' | 'pandoc';

/** A table as a converter that keeps merged cells writes it; lines broken inside a cell are joined again. */
function htmlTable(grid: GridTable, form: Exclude<HtmlTables, 'none'>): string {
  const text = (c: GridCell) => h(c.text.replace(/\n+/g, ''));
  if (form === 'mineru') {
    const table = gridToHtml(grid, { cellContent: text, tableAttributes: '' }).replace('<table >', '<table>');
    return `<html><body>${table}</body></html>`;
  }
  const table = gridToHtml(grid, {
    cellContent: (c) => (c.text === '' ? '' : `<p>${text(c)}</p>`),
    tableAttributes: 'style="width:100%;"',
  });
  return table.replace(/<tr>|<\/tr>|<td|<\/tbody>/g, (tag) => `\n${tag}`).replace('<tbody>', '\n<tbody>');
}

function pageNumber(rng: Rng): string {
  const n = rng.int(2, 9);
  return rng.pick([`- ${n} -`, `— ${n} —`, `${n}`]);
}

function render(record: ReportRecord, { rng }: LayoutContext): string {
  const style = chooseStyle(rng, {
    breaks: [
      ['none', 3],
      ['pdf', 2],
      ['manual', 1],
    ],
  });
  const table: TableStyle = {
    repeatMerged: rng.chance(0.4),
    lineBreak: rng.pick(['<br>', '<br>', '', ' ']),
    separator: rng.pick([
      (w: number) => `|${'---|'.repeat(w)}`,
      (w: number) => `|${' --- |'.repeat(w)}`,
      (w: number) => `|${':---:|'.repeat(w)}`,
    ]),
  };
  const headingMark = rng.pick(['## ', '### ', '**']);
  const heading = (t: string) => (headingMark === '**' ? `**${t}**` : `${headingMark}${t}`);
  const perGroup = rng.chance(0.4);
  const pageSplit = rng.chance(0.15);
  const htmlTables = rng.pick<HtmlTables>(['none', 'none', 'none', 'mineru', 'pandoc']);
  const blocks: string[] = [];
  for (const part of composeReport(record, style, rng)) {
    if (part.kind === 'title')
      blocks.push(rng.chance(0.7) ? `# ${part.lines.join('')}` : part.lines.join('\n\n'));
    else if (part.kind === 'heading') blocks.push(heading(part.text));
    else if (part.kind === 'paragraph' || part.kind === 'meta' || part.kind === 'signature') {
      blocks.push(part.kind === 'paragraph' ? part.text : part.lines.join('\n\n'));
    } else if (htmlTables !== 'none') {
      blocks.push(htmlTable(part.grid, htmlTables));
    } else if (part.table === 'active' && perGroup) {
      blocks.push(...activePerGroup(part.grid, table, headingMark === '**'));
    } else {
      const rows = gridRows(part.grid, table);
      if (part.table === 'requests' && pageSplit) {
        const at = rng.int(6, rows.length - 3);
        blocks.push(mdTable(rows.slice(0, at), table), pageNumber(rng), mdTable(rows.slice(at), table));
      } else blocks.push(mdTable(rows, table));
    }
  }
  return `${blocks.join('\n\n')}\n`;
}

export const markdown: Layout = { family: 'text', extension: 'txt', render };
