/**
 * XLSX written as a stream (ExcelJS's streaming writer): a sheet of 100,000 reports never sits in memory.
 * Every text is written as text, never as a formula, so a hostile cell cannot run.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportTable } from './export-tables.ts';

/** Writes the workbook to a file (by path) or to a stream (a download); returns the rows written. */
export async function writeXlsx(
  to: string | Writable,
  sheetName: string,
  table: ExportTable,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    ...(typeof to === 'string' ? { filename: to } : { stream: to }),
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((header) => ({
    header,
    width: Math.min(40, Math.max(10, [...header].length * 2)),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let rows = 0;
  for await (const values of table.rows) {
    // Strings go in as plain values: ExcelJS writes a formula only for { formula } objects.
    sheet.addRow(values.map((v) => (v === undefined ? null : v))).commit();
    rows++;
  }
  sheet.commit();
  await workbook.commit();
  return rows;
}
