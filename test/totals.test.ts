/**
 * `xxgk totals`: tables 三 and 四 summed over a year's current reports, in a subtree or everywhere, and the rates
 * with their formulas — the binary against a real SQLite store, and the same store in PostgreSQL.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { computeRates, flattenTables, type FormatId, type ReportRecord } from '../src/record/index.ts';
import { createRng, deriveSeed, randomRecord, renderReport } from '../src/synthetic/index.ts';
import { xxgk } from './support/cli.ts';
import { startPostgres, type PostgresServer } from './support/postgres.ts';

/** Table 四 of every generated report: 复议 1 corrected of 4 decided (2 pending), 诉讼 1 of 5 (1 pending). */
const REVIEWS = {
  reconsideration: { upheld: 3, corrected: 1, other: 0, pending: 2, total: 6 },
  lawsuitDirect: { upheld: 1, corrected: 1, other: 0, pending: 0, total: 2 },
  lawsuitAfterReconsideration: { upheld: 2, corrected: 0, other: 1, pending: 1, total: 4 },
};

/** Two reports under 同江市 (230881), one under 孝义市 (141181) in the old format, all of 2023. */
const REPORTS: [agency: string, format: FormatId][] = [
  ['同江市繁荣街道办事处', '2021'],
  ['同江市兴隆街道办事处', '2021'],
  ['孝义市振兴街道办事处', '2019'],
];

interface TotalsJson {
  year: number;
  body: { id: string; name: string } | null;
  reports: number;
  formats: string[];
  requests: Record<string, number>;
  requestRows: Record<string, number>;
  reviews: Record<string, Record<string, number>>;
  rates: {
    id: string;
    name: string;
    formula: string;
    numerator: number;
    denominator: number;
    value: number | null;
    percent: number | null;
    reason: string | null;
  }[];
}

let dir = '';
let db = '';
const records: ReportRecord[] = [];

function generate(into: string): void {
  REPORTS.forEach(([agency, format], i) => {
    const rng = createRng(deriveSeed(20240, i, 'totals'));
    const generated = randomRecord(rng, { year: 2023, format, kind: 'department' });
    const record = JSON.parse(
      JSON.stringify(generated).replaceAll(generated.agency!, agency),
    ) as ReportRecord;
    record.tables.reviews = structuredClone(REVIEWS);
    records.push(record);
    const file = renderReport(record, 'tab-cell-lines', rng);
    writeFileSync(join(into, `${i}-${file.name}`), file.bytes);
  });
}

/** The cells of some of the generated records, summed. */
function summed(which: ReportRecord[]): Record<string, number> {
  const cells: Record<string, number> = {};
  for (const r of which) {
    for (const [id, v] of Object.entries(flattenTables(r.tables))) cells[id] = (cells[id] ?? 0) + (v ?? 0);
  }
  return cells;
}

function totals(args: string[], database = db): TotalsJson {
  const r = xxgk(['totals', '--json', '--db', database, ...args]);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as TotalsJson;
}

function store(database: string): void {
  const units = xxgk(['units', 'import', 'test/fixtures/units/registry.csv', '--db', database]);
  assert.equal(units.status, 0, units.stderr);
  const ingest = xxgk(['ingest', join(dir, 'reports'), '--db', database, '--no-progress']);
  assert.equal(ingest.status, 0, ingest.stderr);
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'xxgk-totals-'));
  db = join(dir, 'xxgk.db');
  mkdirSync(join(dir, 'reports'));
  generate(join(dir, 'reports'));
  store(db);
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('xxgk totals', () => {
  test('a body and those under it: reports counted, tables summed, rates computed from the sums', () => {
    const t = totals(['--year', '2023', '--body', '230881']);
    assert.equal(t.year, 2023);
    assert.deepEqual(t.body, { id: '230881', name: '同江市人民政府' });
    assert.equal(t.reports, 2);
    assert.deepEqual(t.formats, ['2021']);
    const cells = summed(records.slice(0, 2));
    assert.equal(t.requests.received, cells['requests.received.total']);
    assert.equal(t.requests.granted, cells['requests.granted.total']);
    assert.equal(t.requests.processedTotal, cells['requests.processedTotal.total']);
    assert.equal(
      t.requests.withheld,
      Object.entries(cells)
        .filter(([id]) => /^requests\.withheld\.\w+\.total$/.test(id))
        .reduce((a, [, v]) => a + v, 0),
    );
    assert.equal(t.requestRows['unavailable.notHeld'], cells['requests.unavailable.notHeld.total']);
    assert.equal(t.requestRows.other, 0, 'the 2019 row is in the JSON of a 2021-only region, as 0');
    assert.deepEqual(t.reviews.reconsideration, { upheld: 6, corrected: 2, other: 0, pending: 4, total: 12 });
    const expected = computeRates(cells);
    assert.deepEqual(
      t.rates.map(({ percent: _, ...r }) => r),
      expected,
    );
    const rate = Object.fromEntries(t.rates.map((r) => [r.id, r]));
    assert.deepEqual(
      [rate.reconsiderationCorrectedRate!.numerator, rate.reconsiderationCorrectedRate!.denominator],
      [2, 8],
    );
    assert.equal(rate.reconsiderationCorrectedRate!.percent, 25);
    assert.deepEqual([rate.lawsuitCorrectedRate!.numerator, rate.lawsuitCorrectedRate!.denominator], [2, 10]);
    assert.equal(rate.lawsuitCorrectedRate!.percent, 20);
  });

  test('every body: both formats summed, （六）其他处理 of each', () => {
    const t = totals(['--year', '2023']);
    assert.equal(t.body, null);
    assert.equal(t.reports, 3);
    assert.deepEqual(t.formats, ['2019', '2021']);
    const cells = summed(records);
    assert.equal(t.requests.processedTotal, cells['requests.processedTotal.total']);
    assert.equal(
      t.requests.other,
      (cells['requests.other.total'] ?? 0) +
        (cells['requests.other.noCorrection.total'] ?? 0) +
        (cells['requests.other.unpaidFee.total'] ?? 0) +
        (cells['requests.other.otherReasons.total'] ?? 0),
    );
    assert.deepEqual(
      t.rates.map(({ percent: _, ...r }) => r),
      computeRates(cells),
    );
    assert.deepEqual(t.reviews.lawsuitAfterReconsideration, {
      upheld: 6,
      corrected: 0,
      other: 3,
      pending: 3,
      total: 12,
    });
  });

  test('text: the sums, each rate with its percentage, numerator ÷ denominator and formula', () => {
    const r = xxgk(['totals', '--year', '2023', '--body', '230881', '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    const out = r.stdout;
    assert.match(out, /^2023 年度 同江市人民政府（230881）及其下级：现行报告 2 份/);
    assert.match(out, /表三 收到和处理政府信息公开申请情况/);
    assert.match(out, /（一）予以公开\s+\d+\n/);
    assert.match(out, /（七）总计\s+\d+\n/);
    assert.match(out, /行政复议\s+6\s+2\s+0\s+4\s+12\n/);
    assert.match(out, /复议纠错率 {2}25\.0%（2 ÷ 8）\n {4}复议纠错率 = 表四 行政复议“结果纠正” ÷ /);
    assert.match(out, /诉讼纠错率 {2}20\.0%（2 ÷ 10）\n/);
    const granted = totals(['--year', '2023', '--body', '230881']).rates[0]!;
    const figure =
      granted.percent === null
        ? `—  ${granted.reason}`
        : `${granted.percent.toFixed(1)}%（${granted.numerator} ÷ ${granted.denominator}）`;
    assert.ok(out.includes(`  予以公开率  ${figure}\n    ${granted.formula}\n`), out);
  });

  test('a year without reports: zeros, and every rate null with its reason', () => {
    const t = totals(['--year', '2022']);
    assert.equal(t.reports, 0);
    assert.deepEqual(t.formats, []);
    for (const r of t.rates) {
      assert.equal(r.value, null);
      assert.equal(r.percent, null);
      assert.match(r.reason!, /为 0，无法计算/);
    }
    const text = xxgk(['totals', '--year', '2022', '--db', db]);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /予以公开率 {2}— {2}分母 表三 “（七）总计”行 总计列 为 0，无法计算/);
  });

  test('usage mistakes and an unknown body: one Chinese line, exit 2', () => {
    const unknown = xxgk(['totals', '--year', '2023', '--body', '999', '--db', db]);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /^xxgk: 单位名录中没有编码 999 .*用法见 xxgk totals --help\n$/);
    assert.equal(unknown.stdout, '');
    const noYear = xxgk(['totals', '--db', db]);
    assert.equal(noYear.status, 2);
    assert.match(noYear.stderr, /缺少 --year/);
    assert.match(xxgk(['totals', '--year', '23', '--db', db]).stderr, /--year 应为四位年份/);
    const help = xxgk(['totals', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--body <BODY_ID>/);
    assert.match(help.stdout, /docs\/rates\.md/);
  });
});

describe('xxgk totals on PostgreSQL', () => {
  let server: PostgresServer | null = null;
  after(async () => {
    await server?.stop();
  });

  test('the same reports give the same totals and rates as SQLite', async () => {
    server = await startPostgres();
    const url = await server.createDatabase();
    store(url);
    for (const args of [
      ['--year', '2023'],
      ['--year', '2023', '--body', '230881'],
      ['--year', '2022'],
    ])
      assert.deepEqual(totals(args, url), totals(args));
  });
});
