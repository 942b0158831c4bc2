/**
 * The PDF reader: tables rebuilt from ruling lines (stroked, or thin filled rectangles as Word draws them),
 * merged cells, numbers wrapped in narrow cells, tables over page breaks, two-column pages, page furniture
 * and stamps left out — on small hand-made PDFs whose Chinese font is not embedded (read through pdf.js's
 * CMaps) — then the same record from a report's DOCX, PDF and HTML, and bad PDFs refused with one line.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import type { Document, Table } from '../src/document/index.ts';
import { UnusableInputError } from '../src/diagnostics/index.ts';
import { parseBytes } from '../src/pipeline/index.ts';
import { flattenTables, type ReportRecord } from '../src/record/index.ts';
import { readSource } from '../src/sources/index.ts';
import { MAX_PDF_PAGES, readPdf } from '../src/sources/pdf/index.ts';
import { createRng, deriveSeed, randomRecord } from '../src/synthetic/index.ts';
import { reportDocx } from '../scripts/docx-report.ts';
import { minimalPdf, type PdfItem, type PdfPageSpec } from '../scripts/minimal-pdf.ts';
import { needs } from './support/tools.ts';

const ROOT = join(import.meta.dirname, '..');
const read = async (pages: PdfPageSpec[]) => (await readPdf(minimalPdf(pages), 'test.pdf')).document;
const tables = (d: Document) => d.blocks.filter((b): b is Table => b.kind === 'table');
const paragraphs = (d: Document) => d.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
const grid = (t: Table) =>
  t.rows.map((row) =>
    row.cells.map((c) => `${c.text}${c.rowSpan > 1 || c.colSpan > 1 ? `[${c.rowSpan}x${c.colSpan}]` : ''}`),
  );
const refusedWith = (code: string) => (e: unknown) => e instanceof UnusableInputError && e.code === code;

type CellSpec = string | { text: string; rowSpan?: number; colSpan?: number };

/**
 * A bordered table at (x, y): cells laid out on the grid like HTML, each cell's lines printed from its top
 * left, borders drawn as thin filled rectangles (Word) or stroked lines (LibreOffice).
 */
function table(
  x: number,
  y: number,
  widths: number[],
  rowHeight: number,
  rows: CellSpec[][],
  options: { borders?: 'fill' | 'stroke'; size?: number } = {},
): PdfItem[] {
  const size = options.size ?? 10.5;
  const items: PdfItem[] = [];
  const taken: boolean[][] = [];
  const xs = widths.reduce<number[]>((acc, w) => [...acc, acc[acc.length - 1]! + w], [x]);
  rows.forEach((row, r) => {
    let c = 0;
    for (const spec of row) {
      const cell = typeof spec === 'string' ? { text: spec } : spec;
      while (taken[r]?.[c]) c++;
      const rowSpan = cell.rowSpan ?? 1;
      const colSpan = cell.colSpan ?? 1;
      for (let dr = 0; dr < rowSpan; dr++)
        for (let dc = 0; dc < colSpan; dc++) (taken[r + dr] ??= [])[c + dc] = true;
      const [left, right] = [xs[c]!, xs[c + colSpan]!];
      const [top, bottom] = [y + r * rowHeight, y + (r + rowSpan) * rowHeight];
      cell.text.split('\n').forEach((line, i) => {
        if (line) items.push({ kind: 'text', x: left + 3, y: top + (i + 1) * size * 1.2, size, text: line });
      });
      const edges: [number, number, number, number][] = [
        [left, top, right, top],
        [left, bottom, right, bottom],
        [left, top, left, bottom],
        [right, top, right, bottom],
      ];
      for (const [x0, y0, x1, y1] of edges) {
        if (options.borders === 'stroke') items.push({ kind: 'line', x0, y0, x1, y1 });
        else
          items.push({
            kind: 'fill',
            x: x0 - 0.25,
            y: y0 - 0.25,
            width: x1 - x0 + 0.5,
            height: y1 - y0 + 0.5,
          });
      }
      c += colSpan;
    }
  });
  return items;
}

const text = (x: number, y: number, value: string, size = 14): PdfItem => ({
  kind: 'text',
  x,
  y,
  size,
  text: value,
});

/** Running text set in full lines of `perLine` characters from x, starting at y. */
function lines(x: number, y: number, value: string, perLine: number, size = 14, indent = 2): PdfItem[] {
  const chars = [...value];
  const out: PdfItem[] = [];
  let at = 0;
  for (let line = 0; at < chars.length; line++) {
    const room = perLine - (line === 0 ? indent : 0);
    out.push(
      text(
        x + (line === 0 ? indent * size : 0),
        y + line * size * 1.5,
        chars.slice(at, at + room).join(''),
        size,
      ),
    );
    at += room;
  }
  return out;
}

test('Chinese in a font that is not embedded reads through the CMaps; Word-style filled borders make a table', async () => {
  const doc = await read([
    {
      items: [
        text(72, 80, '二、主动公开政府信息情况', 16),
        ...table(72, 100, [140, 100, 100], 24, [
          ['信息内容', '本年制发件数', '现行有效件数'],
          ['规章', '0', '1'],
          ['行政规范性文件', '３', '12'],
        ]),
        // A seal's ring of text: each glyph rotated.
        { kind: 'text', x: 380, y: 400, size: 12, text: '某某市人民政府办公室', angle: 30 },
      ],
    },
  ]);
  assert.deepEqual(paragraphs(doc), ['二、主动公开政府信息情况']);
  assert.deepEqual(grid(tables(doc)[0]!), [
    ['信息内容', '本年制发件数', '现行有效件数'],
    ['规章', '0', '1'],
    ['行政规范性文件', '３', '12'],
  ]);
});

test('merged cells come from missing borders: rowspan and colspan as printed', async () => {
  const doc = await read([
    {
      items: table(
        60,
        100,
        [120, 110, 60, 60],
        24,
        [
          [
            { text: '（本列数据的勾稽关系）', rowSpan: 2, colSpan: 2 },
            { text: '申请人情况', colSpan: 2 },
          ],
          ['自然人', '总计'],
          [{ text: '三、本年度办理结果', rowSpan: 2 }, '（一）予以公开', '3', '3'],
          ['（二）部分公开', '1', '1'],
          [{ text: '四、结转下年度继续办理', colSpan: 2 }, '0', '0'],
        ],
        { borders: 'stroke' },
      ),
    },
  ]);
  assert.deepEqual(grid(tables(doc)[0]!), [
    ['（本列数据的勾稽关系）[2x2]', '申请人情况[1x2]'],
    ['自然人', '总计'],
    ['三、本年度办理结果[2x1]', '（一）予以公开', '3', '3'],
    ['（二）部分公开', '1', '1'],
    ['四、结转下年度继续办理[1x2]', '0', '0'],
  ]);
});

test('a number wrapped in a narrow cell is one number; a label wrapped over lines is one label', async () => {
  const doc = await read([
    {
      items: table(72, 100, [60, 30, 30], 40, [
        ['本年新\n制作数量', '2695\n4', '12'],
        ['规章', '1,03\n5', '0'],
      ]),
    },
  ]);
  assert.deepEqual(grid(tables(doc)[0]!), [
    ['本年新制作数量', '26954', '12'],
    ['规章', '1,035', '0'],
  ]);
});

test('a table over a page break is one table: repeated header rows dropped, a cut label cell made whole', async () => {
  const header: CellSpec[][] = [['项目', '自然人', '总计']];
  const widths = [200, 80, 80];
  const doc = await read([
    {
      items: [
        text(72, 80, '三、收到和处理政府信息公开申请情况'),
        ...table(72, 600, widths, 24, [
          ...header,
          ['一、本年新收政府信息公开申请数量', '5', '5'],
          ['二、上年结转政府信息公开申请数量', '1', '1'],
        ]),
      ],
    },
    {
      items: table(72, 72, widths, 24, [
        ...header,
        ['三、本年度办理结果', '6', '6'],
        ['四、结转下年度继续办理', '0', '0'],
      ]),
    },
  ]);
  assert.equal(tables(doc).length, 1);
  assert.deepEqual(grid(tables(doc)[0]!), [
    ['项目', '自然人', '总计'],
    ['一、本年新收政府信息公开申请数量', '5', '5'],
    ['二、上年结转政府信息公开申请数量', '1', '1'],
    ['三、本年度办理结果', '6', '6'],
    ['四、结转下年度继续办理', '0', '0'],
  ]);
  const cells = tables(doc)[0]!.rows.flatMap((r) => r.cells);
  assert.equal(cells[0]!.span.page, 1);
  assert.equal(cells[cells.length - 1]!.span.page, 2);
});

test('a row cut by a page break goes on in the first row of the next page', async () => {
  // Cells four characters wide: labels wrap, and a wrapped line runs to the cell's edge.
  const widths = [80, 50, 40];
  const doc = await read([
    {
      items: table(72, 700, widths, 40, [
        [{ text: '（三）不予\n公开', rowSpan: 2 }, '1.属于国\n家秘密', '0'],
        ['2.其他法\n律行政法', '1'],
      ]),
    },
    {
      items: table(72, 72, widths, 30, [
        ['', '规禁止公\n开', ''],
        ['（四）无法提供', '3.其他', '2'],
      ]),
    },
  ]);
  assert.deepEqual(grid(tables(doc)[0]!), [
    ['（三）不予公开[2x1]', '1.属于国家秘密', '0'],
    ['2.其他法律行政法规禁止公开', '1'],
    ['（四）无法提供', '3.其他', '2'],
  ]);
});

test('running headers, footers and page numbers are left out; a paragraph cut by a page break is joined', async () => {
  const long =
    '我单位坚持以公开为常态、不公开为例外，扎实推进政府信息公开工作，切实保障人民群众的知情权、参与权、表达权和监督权，全年主动公开政府信息一百二十条。';
  const page = (n: number, body: PdfItem[]): PdfPageSpec => ({
    items: [
      text(200, 40, '某某县人民政府政府信息公开工作年度报告', 9),
      text(290, 800, `- ${n} -`, 9),
      ...body,
    ],
  });
  const perLine = 30;
  const first = [...long].slice(0, perLine * 2 - 2).join('');
  const rest = [...long].slice(perLine * 2 - 2).join('');
  const doc = await read([
    page(1, [text(72, 90, '一、总体情况'), ...lines(72, 720, first, perLine)]),
    page(2, [...lines(72, 90, rest, perLine, 14, 0), text(72, 200, '二、主动公开政府信息情况')]),
    page(3, [text(100, 90, '三、收到和处理政府信息公开申请情况')]),
  ]);
  assert.deepEqual(paragraphs(doc), [
    '一、总体情况',
    long,
    '二、主动公开政府信息情况',
    '三、收到和处理政府信息公开申请情况',
  ]);
});

test('a two-column page is read column by column', async () => {
  const left = '左栏第一段的文字内容，讲述主动公开的情况，共有三行文字。';
  const right = '右栏第一段的文字内容，讲述依申请公开的情况，也有三行。';
  const doc = await read([
    {
      items: [
        text(180, 70, '某某局政府信息公开工作年度报告', 16),
        ...lines(72, 110, left, 14, 14),
        ...lines(310, 110, right, 14, 14),
        ...lines(72, 200, '左栏第二段继续写，仍在左边这一栏里。', 14, 14),
        ...lines(310, 200, '右栏第二段继续写，仍在右边这一栏里。', 14, 14),
      ],
    },
  ]);
  assert.deepEqual(paragraphs(doc), [
    '某某局政府信息公开工作年度报告',
    left,
    '左栏第二段继续写，仍在左边这一栏里。',
    right,
    '右栏第二段继续写，仍在右边这一栏里。',
  ]);
});

// ——— the same record from DOCX, PDF and HTML ———

interface Expected {
  files: string[];
  agency: string | null;
  year: number | null;
  format: string;
  publishedOn: string | null;
  cells: Record<string, number | null>;
}

function assertRecord(record: ReportRecord, expected: Omit<Expected, 'files'>, what: string): void {
  assert.deepEqual(flattenTables(record.tables), expected.cells, `${what}: cells`);
  assert.deepEqual(
    { agency: record.agency, year: record.year, format: record.format, publishedOn: record.publishedOn },
    {
      agency: expected.agency,
      year: expected.year,
      format: expected.format,
      publishedOn: expected.publishedOn,
    },
    `${what}: metadata`,
  );
}

for (const name of [
  'docx-pdf-2021-narrow-columns-wrapped-numbers',
  'docx-pdf-2019-table-over-pages-repeated-header',
]) {
  test(`${name}: DOCX, PDF and HTML give the same record, cell for cell`, async () => {
    const dir = join(ROOT, 'fixtures', 'reports', name);
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
    assert.deepEqual(expected.files, ['report.docx', 'report.pdf', 'report.html']);
    for (const file of expected.files) {
      const parsed = await parseBytes(readFileSync(join(dir, file)), file);
      assertRecord(parsed.record, expected, file);
      if (file.endsWith('.pdf')) {
        const pages = Object.values(parsed.record.origins ?? {}).map((o) => o.page);
        assert.ok(
          pages.every((p) => typeof p === 'number' && p >= 1),
          'every PDF origin has its page',
        );
      }
    }
  });
}

const libreoffice = needs('libreoffice');

test('generated reports of both formats read back from LibreOffice PDFs', libreoffice.options, async () => {
  libreoffice.check();
  const work = mkdtempSync(join(tmpdir(), 'xxgk-pdf-test-'));
  try {
    const records: ReportRecord[] = [];
    const options = [
      {},
      { valueColumnTwips: 520, splitRuns: true },
      { pageChrome: true, repeatHeaderRows: true, tableFontHalfPoints: 24 },
      { valueColumnTwips: 480, pageChrome: true },
      { repeatHeaderRows: true },
      { tableFontHalfPoints: 24, valueColumnTwips: 600 },
    ];
    const files: string[] = [];
    for (const [i, option] of options.entries()) {
      const record = randomRecord(createRng(deriveSeed(20251122, i, 'pdf-record')), {
        format: i % 2 === 0 ? '2021' : '2019',
      });
      records.push(record);
      const file = join(work, `r${i}.docx`);
      writeFileSync(file, await reportDocx(record, createRng(deriveSeed(20251122, i, 'pdf-docx')), option));
      files.push(file);
    }
    const profile = pathToFileURL(join(work, 'profile')).href;
    execFileSync(
      'soffice',
      ['--headless', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf', '--outdir', work, ...files],
      {
        stdio: 'ignore',
        timeout: 180_000,
      },
    );
    for (const [i, record] of records.entries()) {
      const parsed = await parseBytes(readFileSync(join(work, `r${i}.pdf`)), `r${i}.pdf`);
      assertRecord(
        parsed.record,
        { ...record, cells: flattenTables(record.tables) },
        `generated report ${i}`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

// ——— bad input ———

test('an encrypted PDF is refused with one clear line', async () => {
  const bytes = readFileSync(join(ROOT, 'test', 'fixtures', 'documents', 'encrypted.pdf'));
  await assert.rejects(readSource(bytes, 'locked.pdf'), (e: unknown) => {
    return refusedWith('input.pdf.encrypted')(e) && /加密/.test((e as UnusableInputError).zh);
  });
});

test('a PDF with a broken cross-reference table is still read; a damaged one is refused', async () => {
  const dir = join(ROOT, 'fixtures', 'reports', 'docx-pdf-2021-narrow-columns-wrapped-numbers');
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
  // The xref offset points nowhere and the table's entries are garbage: pdf.js rebuilds it by scanning.
  const source = readFileSync(join(dir, 'report.pdf')).toString('latin1');
  const broken = source
    .replace(/startxref\s+\d+/, 'startxref\n999999')
    .replace(/(xref\s+0 \d+\s+)(\d{10} \d{5} [fn])/g, (_, head: string) => `${head}9999999999 00000 n`);
  assert.notEqual(broken, source);
  const parsed = await parseBytes(new Uint8Array(Buffer.from(broken, 'latin1')), 'broken.pdf');
  assertRecord(parsed.record, expected, 'broken xref');
  const garbage = new Uint8Array(Buffer.from('%PDF-1.7\n' + '\x00\xff garbage '.repeat(50), 'latin1'));
  await assert.rejects(readSource(garbage, 'garbage.pdf'), refusedWith('input.pdf.corrupt'));
});

test(`a PDF of more than ${MAX_PDF_PAGES} pages is refused as not one report`, async () => {
  const pages = Array.from({ length: 500 }, (_, i) => ({ items: [text(72, 80, `第${i + 1}页`)] }));
  await assert.rejects(readPdf(minimalPdf(pages), 'compilation.pdf'), (e: unknown) => {
    return refusedWith('input.pdf.tooManyPages')(e) && /500 页/.test((e as UnusableInputError).zh);
  });
});

test('a PDF named .docx (or .txt) is read as a PDF', async () => {
  const bytes = minimalPdf([{ items: [text(72, 80, '一、总体情况')] }]);
  assert.equal((await readSource(bytes, 'report.docx')).kind, 'pdf');
  assert.equal((await readSource(bytes, 'report.txt')).kind, 'pdf');
});

test('the batch goes on past bad PDFs and DOCX files: one line each, the good reports read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-bad-documents-'));
  try {
    const bad = {
      encrypted: join(ROOT, 'test', 'fixtures', 'documents', 'encrypted.pdf'),
      notZip: join(dir, 'not-a-zip.docx'),
      pages: join(dir, 'compilation.pdf'),
    };
    writeFileSync(
      bad.notZip,
      Buffer.concat([Buffer.from('PK\x03\x04word/document.xml'), Buffer.alloc(64, 1)]),
    );
    writeFileSync(bad.pages, minimalPdf(Array.from({ length: 201 }, () => ({ items: [] }))));
    const good = join(
      ROOT,
      'fixtures',
      'reports',
      'docx-pdf-2021-narrow-columns-wrapped-numbers',
      'report.pdf',
    );
    const run = execFileSync.bind(null);
    let stdout = '';
    let status = 0;
    try {
      stdout = run(
        process.execPath,
        [join(ROOT, 'bin', 'xxgk.js'), 'parse', '--jsonl', '--no-progress', ...Object.values(bad), good],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
          timeout: 120_000,
        },
      );
    } catch (e) {
      const failed = e as { status: number; stdout: string };
      status = failed.status;
      stdout = failed.stdout;
    }
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; error?: string; agency?: string });
    for (const path of Object.values(bad))
      assert.ok(lines.find((l) => l.file === path)?.error, `${path} refused`);
    const { agency } = JSON.parse(readFileSync(join(good, '..', 'expected.json'), 'utf8')) as Expected;
    assert.ok(
      lines.some((l) => l.agency === agency),
      'the good PDF is read',
    );
    assert.equal(status, 1, 'some unusable, some read: exit 1');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
