/**
 * Reading a units file (单位名录, docs/units.md): CSV (UTF-8 or GB18030, as Excel and WPS save it) or XLSX
 * (first sheet), a header row naming the columns in English or Chinese, then one body per row.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { CellValue } from 'exceljs';
import type { UnitRow } from '../store/index.ts';
import { UsageError } from './errors.ts';

type Field = 'id' | 'parentId' | 'name' | 'kind' | 'level';

const HEADERS: Record<Field, readonly string[]> = {
  id: ['id', '编码', '单位编码', '代码'],
  parentId: ['parent_id', 'parentid', 'parent', '上级编码', '上级单位编码', '上级代码'],
  name: ['name', '名称', '单位名称'],
  kind: ['kind', '类型', '单位类型'],
  level: ['level', '层级', '级别'],
};

const FIELD_LABEL: Record<Field, string> = {
  id: 'id/编码',
  parentId: 'parent_id/上级编码',
  name: 'name/名称',
  kind: 'kind/类型',
  level: 'level/层级',
};

export class UnitsFileError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'UnitsFileError';
  }
}

/** CSV text → rows of cells (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Excel and WPS on Chinese Windows save CSV in the system code page.
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return value.result === undefined ? '' : String(value.result);
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return '';
  }
  return String(value);
}

async function readXlsx(path: string): Promise<string[][]> {
  // Loaded on demand: ExcelJS is large, and most commands never read a spreadsheet.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (e) {
    throw new UnitsFileError(
      `无法读取 XLSX 文件 ${path}（${e instanceof Error ? e.message : String(e)}）`,
      `cannot read the XLSX file ${path}`,
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UnitsFileError(`XLSX 文件 ${path} 没有工作表`, `the XLSX file ${path} has no sheet`);
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) values.push(cellText(row.getCell(c).value));
    rows[number - 1] = values;
  });
  return Array.from(rows, (r) => r ?? []);
}

/** The file's body rows; the header row decides which column is which. */
export async function readUnitsFile(path: string, command: string): Promise<UnitRow[]> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx') {
    throw new UsageError(
      `单位名录应为 .csv 或 .xlsx 文件，收到 ${path}`,
      `the units file must be .csv or .xlsx, got ${path}`,
      command,
    );
  }
  let table: string[][];
  if (ext === '.csv') {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch {
      throw new UsageError(`无法读取单位名录 ${path}`, `cannot read the units file ${path}`, command);
    }
    table = parseCsv(decode(bytes));
  } else {
    table = await readXlsx(path);
  }
  const headerAt = table.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerAt < 0) throw new UnitsFileError(`单位名录 ${path} 是空的`, `the units file ${path} is empty`);
  const header = table[headerAt]!.map((h) => h.trim().toLowerCase());
  const index = {} as Record<Field, number>;
  const missing: Field[] = [];
  for (const field of Object.keys(HEADERS) as Field[]) {
    const at = header.findIndex((h) => HEADERS[field].includes(h));
    if (at < 0) missing.push(field);
    index[field] = at;
  }
  if (missing.length > 0) {
    throw new UnitsFileError(
      `单位名录缺少列：${missing.map((f) => FIELD_LABEL[f]).join('、')}（表头为：${table[headerAt]!.join('、')}）`,
      `the units file lacks the columns ${missing.map((f) => FIELD_LABEL[f]).join(', ')}`,
    );
  }
  const rows: UnitRow[] = [];
  for (let r = headerAt + 1; r < table.length; r++) {
    const cells = table[r]!;
    if (cells.every((c) => c.trim() === '')) continue;
    const at = (field: Field) => (cells[index[field]] ?? '').trim();
    rows.push({
      line: r + 1,
      id: at('id'),
      parentId: at('parentId'),
      name: at('name'),
      kind: at('kind'),
      level: at('level'),
    });
  }
  return rows;
}
