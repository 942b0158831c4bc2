/**
 * `xxgk export`: CSV for Excel/WPS (BOM, Chinese headers, formulas defused), XLSX read back with ExcelJS,
 * JSON Lines that parse with the record schema; records, findings and coverage.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { CELLS, describeCell, parseRecord } from '../src/record/index.ts';
import { csvLine, CSV_BOM, guardFormula } from '../src/render/csv.ts';
import { parseCsv } from '../src/cli/units-file.ts';
import { xxgk } from './support/cli.ts';
import { variant } from './support/variants.ts';

let dir = '';
let db = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'xxgk-export-'));
  db = join(dir, 'xxgk.db');
  xxgk(['units', 'import', 'test/fixtures/units/registry.csv', '--db', db]);
  writeFileSync(join(dir, 'fanrong-2023.txt'), variant('fanrong'));
  writeFileSync(join(dir, 'xinglong-2023.txt'), variant('fanrong', { street: '兴隆街道' }));
  // A hostile file name: it ends up in the 文件名 column.
  writeFileSync(join(dir, '=HYPERLINK("x")-2022.txt'), variant('fanrong', { year: 2022 }));
  writeFileSync(join(dir, 'zhenxing-2020.txt'), variant('zhenxing'));
  const r = xxgk(['ingest', dir, '--db', db]);
  assert.equal(r.status, 0, r.stderr);
});

after(() => rmSync(dir, { recursive: true, force: true }));

function csv(args: string[]): string[][] {
  const r = xxgk(['export', '--to', 'csv', '--db', db, ...args]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(r.stdout.startsWith(CSV_BOM), 'CSV starts with a byte-order mark');
  return parseCsv(r.stdout.slice(1)).filter((row) => row.some((c) => c !== ''));
}

describe('CSV cells', () => {
  test('text that a spreadsheet would run as a formula gets a leading apostrophe', () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'])
      assert.equal(guardFormula(text), `'${text}`);
    assert.equal(guardFormula('孝义市'), '孝义市');
    assert.equal(csvLine([-3, 2.5, null, '=x', 'a,"b"']), `-3,2.5,,'=x,"a,""b"""\r\n`);
  });
});

describe('xxgk export', () => {
  test('records as CSV: one row per report, one column per cell, headers as the report prints them', () => {
    const rows = csv(['--year', '2023']);
    const header = rows[0]!;
    assert.equal(header[0], '报告编号');
    assert.ok(header.includes('报告主体'));
    const received = describeCell('2021', 'requests.received.naturalPerson');
    assert.equal(received, '表三 一、本年新收政府信息公开申请数量 自然人列');
    assert.ok(header.includes(received));
    // 2023 reports use the 2021 format only: no column of the 2019 format.
    assert.ok(!header.includes(describeCell('2019', 'active.procurement.amountWan')));
    assert.equal(header.length, 11 + CELLS['2021'].length);
    assert.equal(rows.length, 3);
    const agencies = rows.slice(1).map((r) => r[header.indexOf('报告主体')]);
    assert.deepEqual(agencies.sort(), ['同江市兴隆街道', '同江市繁荣街道']);
    assert.ok(rows.slice(1).every((r) => r[header.indexOf('单位编码')]?.startsWith('23088100')));
  });

  test('a hostile file name is defused in CSV', () => {
    const rows = csv(['--year', '2022']);
    const name = rows[1]![rows[0]!.indexOf('文件名')]!;
    assert.equal(name, `'=HYPERLINK("x")-2022.txt`);
  });

  test('mixed formats: the columns of both', () => {
    const header = csv([])[0]!;
    assert.ok(header.includes(describeCell('2019', 'active.procurement.amountWan')));
    assert.ok(header.includes(describeCell('2021', 'active.fees.amountWan')));
  });

  test('records as XLSX open in ExcelJS with the same columns', async () => {
    const out = join(dir, '年报.xlsx');
    const r = xxgk(['export', '--to', 'xlsx', '--year', '2023', '--out', out, '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.worksheets[0]!;
    assert.equal(sheet.name, '报告');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(header, csv(['--year', '2023'])[0]);
    assert.equal(sheet.rowCount, 3);
    const col = header.indexOf('年度') + 1;
    assert.equal(sheet.getRow(2).getCell(col).value, 2023);
    const hostile = join(dir, 'h.xlsx');
    xxgk(['export', '--to', 'xlsx', '--year', '2022', '--out', hostile, '--db', db]);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(hostile);
    const s2 = wb2.worksheets[0]!;
    const nameCell = s2.getRow(2).getCell(header.indexOf('文件名') + 1);
    assert.equal(nameCell.type, ExcelJS.ValueType.String, 'text is never written as a formula');
  });

  test('records as JSON Lines parse with the record schema', () => {
    const r = xxgk(['export', '--to', 'jsonl', '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 4);
    for (const line of lines) parseRecord(JSON.parse(line));
  });

  test('findings as CSV and JSON Lines', () => {
    const rows = csv(['--what', 'findings']);
    assert.deepEqual(rows[0]!.slice(0, 7), [
      '报告编号',
      '单位编码',
      '报告主体',
      '年度',
      '文件名',
      '级别',
      '说明',
    ]);
    assert.ok(rows.length > 1);
    assert.ok(rows.slice(1).every((r) => ['错误', '警告', '提示'].includes(r[5]!)));
    const jsonl = xxgk(['export', '--to', 'jsonl', '--what', 'findings', '--year', '2020', '--db', db]);
    for (const line of jsonl.stdout.trim().split('\n').filter(Boolean)) {
      const f = JSON.parse(line) as { rule: string; year: number; message: string };
      assert.equal(f.year, 2020);
      assert.equal(typeof f.rule, 'string');
    }
  });

  test('coverage as CSV, into a file', () => {
    const out = join(dir, 'coverage.csv');
    const r = xxgk([
      'export',
      '--to',
      'csv',
      '--what',
      'coverage',
      '--year',
      '2023',
      '--under',
      '230881',
      '--out',
      out,
      '--db',
      db,
    ]);
    assert.equal(r.status, 0, r.stderr);
    const text = readFileSync(out, 'utf8');
    assert.ok(text.startsWith(CSV_BOM));
    const rows = parseCsv(text.slice(1)).filter((row) => row.length > 1);
    assert.deepEqual(rows[0], ['单位编码', '单位名称', '类型', '层级', '上级单位', '年度', '状态']);
    assert.deepEqual(
      rows.slice(1).map((row) => row[0]),
      ['230881', '230881003'],
    );
  });

  test('usage mistakes', () => {
    assert.match(xxgk(['export', '--db', db]).stderr, /缺少 --to/);
    assert.match(xxgk(['export', '--to', 'xls', '--db', db]).stderr, /--to 只能是 xlsx、csv、jsonl/);
    assert.match(xxgk(['export', '--to', 'xlsx', '--db', db]).stderr, /xlsx 需要用 --out 指定文件/);
    assert.match(
      xxgk(['export', '--to', 'csv', '--what', 'coverage', '--db', db]).stderr,
      /导出 coverage 需要 --year/,
    );
    const r = xxgk(['export', '--to', 'csv', '--out', join(dir, 'no', 'such', 'dir.csv'), '--db', db]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /无法写入输出文件/);
  });
});
