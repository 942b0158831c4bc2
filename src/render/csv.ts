/**
 * CSV for Excel and WPS: UTF-8 with a byte-order mark (without it Excel reads Chinese as GBK), CRLF line
 * ends, RFC 4180 quoting. Text taken from reports is hostile: a cell that a spreadsheet would run as a
 * formula (it starts with = + - @, or a tab or carriage return before one) gets a leading apostrophe.
 */
export type CsvCell = string | number | null | undefined;

export const CSV_BOM = '\ufeff';

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe to open in a spreadsheet. Numbers are numbers and are left alone. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function field(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = guardFormula(value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ''));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line, with its line end. */
export function csvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(field).join(',')}\r\n`;
}
