/**
 * The corpus exports (records, findings, bodies without a report) as CSV or JSON Lines text, or as the
 * table an XLSX is written from — shared by `xxgk export` and the web app's 导出. The data comes from
 * any `ExportSource` (the store is one): render never reads a database itself.
 */
import { CSV_BOM, csvLine } from './csv.ts';
import {
  coverageTable,
  findingsTable,
  recordsTable,
  type ExportTable,
  type FindingRowInput,
  type MissingBodyInput,
  type ReportRowInput,
} from './export-tables.ts';
import type { ExportWhat } from './export-kinds.ts';

export interface ExportFilter {
  year?: number;
  range?: [string, string] | null;
}

/** What an export reads (the store's methods of the same names). */
export interface ExportSource {
  formatsOf(filter: ExportFilter): Promise<string[]>;
  reportRows(filter: ExportFilter): AsyncIterable<ReportRowInput>;
  currentRecords(filter: ExportFilter): AsyncIterable<{ record: unknown }>;
  allFindings(filter: ExportFilter): AsyncIterable<FindingRowInput>;
  coverage(filter: { year: number; range?: [string, string] | null }): Promise<{
    year: number;
    missing: readonly MissingBodyInput[];
  }>;
}

/** The rows of an export as a table (CSV, XLSX). `coverage` needs `filter.year`. */
export async function exportTable(
  source: ExportSource,
  what: ExportWhat,
  filter: ExportFilter,
): Promise<ExportTable> {
  if (what === 'records') return recordsTable(await source.formatsOf(filter), source.reportRows(filter));
  if (what === 'findings') return findingsTable(source.allFindings(filter));
  const c = await source.coverage({ year: filter.year!, range: filter.range });
  return coverageTable(c.year, c.missing);
}

/** One JSON object per line: the record, the finding as stored, or the body without a report. */
export async function* exportJsonLines(
  source: ExportSource,
  what: ExportWhat,
  filter: ExportFilter,
): AsyncGenerator<string> {
  if (what === 'records') {
    for await (const r of source.currentRecords(filter)) yield `${JSON.stringify(r.record)}\n`;
  } else if (what === 'findings') {
    for await (const f of source.allFindings(filter)) yield `${JSON.stringify(f)}\n`;
  } else {
    const c = await source.coverage({ year: filter.year!, range: filter.range });
    for (const b of c.missing) yield `${JSON.stringify({ ...b, year: c.year })}\n`;
  }
}

/** CSV (with BOM) or JSON Lines as a sequence of text chunks, to write with back-pressure. */
export async function* exportText(
  source: ExportSource,
  what: ExportWhat,
  format: 'csv' | 'jsonl',
  filter: ExportFilter,
): AsyncGenerator<string> {
  if (format === 'jsonl') {
    yield* exportJsonLines(source, what, filter);
    return;
  }
  const table = await exportTable(source, what, filter);
  yield CSV_BOM + csvLine(table.columns);
  for await (const row of table.rows) yield csvLine(row);
}
