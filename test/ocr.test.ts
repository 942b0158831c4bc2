/**
 * Scanned PDFs: read by OCR when tesseract (chi_sim) is installed — every cell right on the scanned fixture
 * and every value marked `ocr` — else refused with one line naming the packages. Also the raster rules
 * and the TSV reading on their own.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseBytes } from '../src/pipeline/index.ts';
import { flattenTables } from '../src/record/index.ts';
import { parsePgm, rasterRules, withoutRules } from '../src/sources/ocr/raster.ts';
import { wordsOf } from '../src/sources/ocr/tsv.ts';
import { needs } from './support/tools.ts';

const ROOT = join(import.meta.dirname, '..');
const CASE = join(ROOT, 'fixtures', 'reports', 'pdf-scanned-2021-ocr');
const tesseract = needs('tesseract');

test(
  'a scanned report is read by OCR: every cell right, every value marked ocr',
  tesseract.options,
  async () => {
    tesseract.check();
    const expected = JSON.parse(readFileSync(join(CASE, 'expected.json'), 'utf8')) as {
      agency: string;
      year: number;
      format: string;
      cells: Record<string, number | null>;
    };
    const { record, messages } = await parseBytes(readFileSync(join(CASE, 'report.pdf')), 'report.pdf');
    assert.deepEqual(flattenTables(record.tables), expected.cells);
    assert.deepEqual(
      [record.agency, record.year, record.format],
      [expected.agency, expected.year, expected.format],
    );
    const origins = Object.values(record.origins ?? {});
    assert.ok(origins.length > 100, 'origins for the cells');
    assert.ok(
      origins.every((o) => o.ocr === true),
      'every value read by OCR is marked',
    );
    assert.ok(messages.some((m) => m.rule === 'read.pdf.ocr' && m.severity === 'warning'));
  },
);

test('without tesseract a scanned PDF gets one line naming the packages, exit 2', () => {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'xxgk.js'), 'parse', join(CASE, 'report.pdf')], {
    encoding: 'utf8',
    env: { ...process.env, PATH: join(tmpdir(), 'xxgk-no-tools') },
    timeout: 60_000,
  });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /扫描件（无文字层），需要安装 tesseract-ocr 和 tesseract-ocr-chi-sim 才能识别/);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
});

/** A white 300-dpi-like image with drawn rectangles (x, y, width, height) in black. */
function pgm(width: number, height: number, boxes: [number, number, number, number][]) {
  const pixels = new Uint8Array(width * height).fill(255);
  for (const [x, y, w, h] of boxes)
    for (let r = y; r < y + h; r++) pixels.fill(0, r * width + x, r * width + x + w);
  const bytes = new Uint8Array(
    Buffer.concat([Buffer.from(`P5\n# made by a test\n${width} ${height}\n255\n`), pixels]),
  );
  return parsePgm(bytes);
}

test('raster rules: long thin lines are rules, glyph strokes and filled areas are not; rules are wiped for OCR', () => {
  const image = pgm(600, 400, [
    [50, 50, 500, 3], // top border
    [50, 250, 500, 3], // bottom border
    [50, 50, 3, 203], // left border
    [547, 50, 3, 203], // right border
    [300, 50, 2, 203], // inner border
    [100, 120, 80, 4], // a stroke of 「一」 in a title: shorter than a rule and joins none
    [400, 300, 150, 60], // a filled block (a logo, a stamp)
  ]);
  const rules = rasterRules(image);
  assert.deepEqual(
    rules.horizontal.map((h) => [Math.round(h.y0), h.x0, h.x1]),
    [
      [51, 50, 549],
      [251, 50, 549],
    ],
  );
  assert.deepEqual(
    rules.vertical.map((v) => [Math.round(v.x0), v.y0, v.y1]),
    [
      [51, 50, 252],
      [300.5, 50, 252],
      [548, 50, 252],
    ].map(([x, a, b]) => [Math.round(x!), a, b]),
  );
  const cleaned = parsePgm(withoutRules(image, rules));
  assert.equal(cleaned.pixels[51 * 600 + 200], 255, 'a rule is wiped');
  assert.equal(cleaned.pixels[121 * 600 + 120], 0, 'a stroke stays');
});

test('TSV words: boxes in pixels, stray marks around numbers and doubtful specks dropped, dashes kept as dashes', () => {
  const header =
    'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
  const word = (left: number, text: string, conf = 95, height = 40) =>
    `5\t1\t1\t1\t1\t1\t${left}\t100\t30\t${height}\t${conf}\t${text}`;
  const words = wordsOf(
    [header, word(10, '“9'), word(60, '0|'), word(110, '_'), word(160, '|', 12), word(210, '公开')].join(
      '\n',
    ),
  );
  assert.deepEqual(
    words.map((w) => w.text),
    ['9', '0', '-', '公开'],
  );
  assert.deepEqual([words[0]!.x0, words[0]!.x1], [10, 40]);
});
