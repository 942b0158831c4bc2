/**
 * 单位与覆盖, 总览 and 导出 in memory: tree counts rolled up over sub-units, the bodies without a report,
 * search by pinyin initials, the overview's charts as inert SVG with their data as CSV/JSON, exports that
 * parse back (XLSX with ExcelJS, CSV with BOM, JSON Lines of records) — and every route cut to the
 * viewer's scope, a region outside it answering 404.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { parseCsv } from '../src/cli/units-file.ts';
import { parseRecord } from '../src/record/index.ts';
import { CSV_BOM } from '../src/render/csv.ts';
import { validateUnits } from '../src/store/index.ts';
import { inertSvg, renderChart } from '../src/web/charts.ts';
import { addUser, Client, openApp, type TestApp } from './support/web.ts';
import { registryRows, seedStore } from './support/web-data.ts';

let t: TestApp;
const clients: Record<string, Client> = {};

before(async () => {
  t = await openApp();
  await seedStore(t.store, { pdf: false });
  await addUser(t.store, 'admin', 'admin');
  await addUser(t.store, 'viewer', 'viewer');
  // 同江市: 230881 and its three bodies (繁荣街道, 兴隆街道, 教育局).
  await addUser(t.store, 'tongjiang', 'reviewer', '230881');
  for (const login of ['admin', 'viewer', 'tongjiang']) {
    clients[login] = new Client(t.app);
    assert.equal((await clients[login].signIn(login)).status, 303);
  }
});
after(() => t?.close());

async function json<T = Record<string, unknown>>(login: string, path: string, status = 200): Promise<T> {
  const res = await clients[login]!.request(path);
  assert.equal(res.status, status, `${path}: ${res.status}`);
  return (await res.json()) as T;
}

/** A file's text; Response.text() would drop the byte-order mark, so the bytes are checked first. */
async function csvOf(res: Response): Promise<string[][]> {
  assert.equal(res.status, 200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'CSV starts with a byte-order mark');
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  assert.ok(text.startsWith(CSV_BOM));
  return parseCsv(text.slice(1)).filter((r) => r.some((c) => c !== ''));
}

async function html(login: string, path: string, status = 200): Promise<string> {
  const res = await clients[login]!.request(path);
  assert.equal(res.status, status, `${path}: ${res.status}`);
  return res.text();
}

interface Counted {
  id: string;
  reported: boolean;
  bodies: number;
  reportedBodies: number;
}

describe('单位与覆盖', () => {
  test('a body counts the reports of its whole subtree for the year', async () => {
    const hlj = await json<{ body: Counted; children: Counted[] }>('admin', '/api/bodies/23?year=2023');
    assert.equal(hlj.body.bodies, 10);
    assert.equal(hlj.body.reportedBodies, 2, '繁荣街道 and 兴隆街道 reported for 2023');
    assert.deepEqual(
      hlj.children.map((c) => [c.id, c.bodies, c.reportedBodies]),
      [
        ['2301', 4, 0],
        ['2308', 5, 2],
      ],
    );
    const tongjiang = await json<{ body: Counted & { ancestors: string[] }; children: Counted[] }>(
      'admin',
      '/api/bodies/230881?year=2023',
    );
    assert.deepEqual(tongjiang.body.ancestors, ['黑龙江省人民政府', '佳木斯市人民政府']);
    assert.deepEqual(
      tongjiang.children.map((c) => [c.id, c.reported]),
      [
        ['230881001', true],
        ['230881002', true],
        ['230881003', false],
      ],
    );
    const y2020 = await json<{ body: Counted }>('admin', '/api/bodies/23?year=2020');
    assert.equal(y2020.body.reportedBodies, 1, '船口街道 for 2020');
  });

  test('coverage lists the body without a report, with its ancestors', async () => {
    const c = await json<{
      bodies: number;
      reported: number;
      missing: { id: string; ancestors: string[] }[];
    }>('admin', '/api/coverage?year=2023&under=230881');
    assert.equal(c.bodies, 4);
    assert.equal(c.reported, 2);
    assert.deepEqual(
      c.missing.map((m) => m.id),
      ['230881', '230881003'],
    );
    assert.deepEqual(c.missing[1]!.ancestors, ['黑龙江省人民政府', '佳木斯市人民政府', '同江市人民政府']);
  });

  test('the page shows the tree with counts, missing bodies in red, and switches year', async () => {
    const page = await html('admin', '/bodies?year=2023');
    assert.match(page, /<details/);
    assert.match(page, /id="b-230881003"/);
    assert.match(page, /2\/4 已报告，2 个未报告/);
    assert.match(page, /<td class="missing"><a href="[^"]*230881003[^"]*">教育局<\/a>/);
    const y2020 = await html('admin', '/bodies?year=2020');
    assert.match(y2020, /2020 年度未报告单位（13）/);
    assert.match(page, /2023 年度未报告单位（13）/);
    assert.ok(!/<td class="missing"><a[^>]*>振兴街道办事处/.test(y2020), '振兴街道 reported for 2020');
    assert.match(page, /<td class="missing"><a[^>]*>振兴街道办事处/);
  });

  test('search finds a unit by pinyin initials and by part of its name, and opens the tree there', async () => {
    const found = await json<{ bodies: { id: string; ancestors: string[] }[] }>('admin', '/api/bodies?q=jyj');
    assert.deepEqual(
      found.bodies.map((b) => b.id),
      ['141181002', '230109002', '230881003'],
    );
    const fr = await json<{ bodies: { id: string }[] }>(
      'admin',
      `/api/bodies?q=${encodeURIComponent('繁荣')}`,
    );
    assert.deepEqual(
      fr.bodies.map((b) => b.id),
      ['230881001'],
    );
    const page = await html('admin', '/bodies?year=2023&q=jyj');
    assert.match(page, /href="\/bodies\?year=2023&amp;at=230881003#b-230881003"/);
    const at = await html('admin', '/bodies?year=2023&at=230881003');
    assert.match(at, /class="node focus"><span class="name">教育局<\/span>/);
  });

  test('reports matched to no body are listed for reviewers who see everything', async () => {
    const page = await html('admin', '/bodies?year=2023');
    assert.match(page, /未匹配到单位的报告（2）/);
    assert.match(page, /大李庄乡人民政府/);
    assert.ok(!(await html('viewer', '/bodies')).includes('未匹配到单位的报告'));
    assert.ok(!(await html('tongjiang', '/bodies')).includes('未匹配到单位的报告'));
  });
});

describe('scope', () => {
  test('a scoped user sees only their subtree, on every route', async () => {
    const c = await json<{ bodies: number }>('tongjiang', '/api/coverage?year=2023');
    assert.equal(c.bodies, 4);
    const found = await json<{ bodies: { id: string }[] }>('tongjiang', '/api/bodies?q=jyj');
    assert.deepEqual(
      found.bodies.map((b) => b.id),
      ['230881003'],
    );
    const page = await html('tongjiang', '/bodies?year=2023');
    assert.ok(!page.includes('孝义') && !page.includes('松北'), 'nothing outside 同江市');
    const overviewPage = await html('tongjiang', '/overview');
    assert.match(overviewPage, /总览：同江市人民政府/);
    assert.ok(!overviewPage.includes('黑龙江省人民政府'), 'no way up past the scope');
    const overview = await json<{ charts: { id: string; rows: unknown[][] }[] }>(
      'tongjiang',
      '/api/overview',
    );
    const years = overview.charts.find((ch) => ch.id === 'years')!;
    assert.deepEqual(
      years.rows.map((r) => [r[0], r[1]]),
      [
        [2022, 1],
        [2023, 2],
      ],
    );
  });

  test('a body outside the scope answers 404 as if it did not exist', async () => {
    for (const path of [
      '/api/bodies/2301',
      '/api/bodies/23',
      '/api/coverage?year=2023&under=14',
      '/api/totals?year=2020&under=141181',
      '/api/overview?under=2308',
      '/api/overview/years?under=14&format=json',
      '/api/export?what=records&to=csv&under=14',
      '/api/bodies/nonexistent',
    ]) {
      const res = await clients.tongjiang!.request(path);
      assert.equal(res.status, 404, path);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'not_found');
    }
    for (const path of ['/overview?under=14', '/export/download?what=records&to=csv&under=2301'])
      assert.equal((await clients.tongjiang!.request(path)).status, 404, path);
    // Inside the scope is fine.
    assert.equal((await clients.tongjiang!.request('/api/bodies/230881003')).status, 200);
  });

  test('an export is cut to the scope', async () => {
    const res = await clients.tongjiang!.request('/api/export?what=records&to=jsonl');
    const agencies = (await res.text())
      .trim()
      .split('\n')
      .map((l) => parseRecord(JSON.parse(l)).agency);
    assert.deepEqual(agencies.sort(), ['同江市兴隆街道', '同江市繁荣街道', '同江市繁荣街道']);
  });
});

describe('总览', () => {
  test('the page shows each chart as SVG with its data links and the formulas', async () => {
    const page = await html('admin', '/overview?year=2023');
    for (const id of ['years', 'regions', 'outcomes', 'rates']) {
      assert.match(page, new RegExp(`id="chart-${id}"`));
      assert.match(page, new RegExp(`href="/api/overview/${id}\\?year=2023&amp;format=csv"`));
    }
    assert.equal((page.match(/<svg /g) ?? []).length, 4);
    assert.match(
      page,
      /予以公开率 = 表三 三、本年度办理结果“（一）予以公开”行 总计列 ÷ 表三 “（七）总计”行 总计列/,
    );
  });

  test('totals give the rates with their formulas; outcomes sum table 三', async () => {
    const totals = await json<{
      reports: number;
      rates: { name: string; formula: string; value: number | null }[];
    }>('admin', '/api/totals?year=2023&under=230881');
    assert.equal(totals.reports, 2);
    assert.deepEqual(
      totals.rates.map((r) => r.name),
      ['予以公开率', '不予公开率', '复议纠错率', '诉讼纠错率'],
    );
    assert.ok(totals.rates.every((r) => r.formula.startsWith(`${r.name} = `)));
    const overview = await json<{ charts: { id: string; columns: string[]; rows: unknown[][] }[] }>(
      'admin',
      '/api/overview?under=230881',
    );
    const outcomes = overview.charts.find((c) => c.id === 'outcomes')!;
    assert.deepEqual(outcomes.columns, [
      '年度',
      '予以公开',
      '部分公开',
      '不予公开',
      '无法提供',
      '不予处理',
      '其他处理',
    ]);
    const cells = (
      await json<{ cells: Record<string, number> }>('admin', '/api/totals?year=2023&under=230881')
    ).cells;
    const row2023 = outcomes.rows.find((r) => r[0] === 2023)!;
    assert.equal(row2023[1], cells['requests.granted.total']);
  });

  test('a chart downloads as CSV with BOM and as JSON', async () => {
    const csv = await clients.admin!.request('/api/overview/regions?year=2023&format=csv');
    assert.match(csv.headers.get('content-disposition') ?? '', /attachment/);
    const rows = await csvOf(csv);
    assert.deepEqual(rows[0], ['地区', '单位编码', '单位数', '已报告单位', '未报告单位', '报告数', '问题数']);
    assert.deepEqual(
      rows.slice(1).map((r) => [r[0], r[3], r[5]]),
      [
        ['山西省人民政府', '0', '0'],
        ['黑龙江省人民政府', '2', '2'],
      ],
    );
    const data = (await (await clients.admin!.request('/api/overview/years?format=json')).json()) as {
      columns: string[];
      rows: unknown[][];
    };
    assert.deepEqual(data.columns, ['年度', '报告数', '问题数', '其中错误']);
  });

  test('a body named <script> is text in the chart, never a script element', async () => {
    const svg = renderChart({
      kind: 'bar',
      categories: ['<script>alert(1)</script>', 'x" onload="alert(1)'],
      series: [{ name: '<img src=x onerror=alert(1)>', values: [1, 2] }],
    });
    assert.ok(!/<script/i.test(svg));
    assert.ok(!/<img/i.test(svg));
    assert.match(svg, /&lt;script&gt;/);
    assert.throws(() => inertSvg('<svg><script>alert(1)</script></svg>'));
    assert.throws(() => inertSvg('<svg><rect onclick="x()"/></svg>'));

    const other = await openApp();
    try {
      const rows = registryRows();
      rows.push({
        line: 99,
        id: '99',
        parentId: '',
        name: '<script>alert(1)</script>',
        kind: '人民政府',
        level: '省',
      });
      await other.store.importUnits(validateUnits(rows));
      await addUser(other.store, 'root', 'admin');
      const client = new Client(other.app);
      await client.signIn('root');
      const page = await (await client.request('/overview')).text();
      const scripts = page.match(/<script[^>]*>/g) ?? [];
      assert.ok(scripts.length > 0 && scripts.every((s) => /src="\/assets\//.test(s)), scripts.join(' '));
      assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    } finally {
      await other.close();
    }
  });
});

describe('导出', () => {
  test('the form defaults to the viewer scope and takes filters from a link', async () => {
    const page = await html('tongjiang', '/export?what=coverage&year=2023');
    assert.match(page, /同江市人民政府（您的全部范围）/);
    assert.match(page, /<input type="radio" name="what" value="coverage" checked/);
    assert.match(page, /<option value="2023" selected/);
    assert.ok(!page.includes('孝义'));
  });

  test('records download as XLSX that ExcelJS reads back', async () => {
    const res = await clients.admin!.request('/export/download?what=records&to=xlsx&year=2023&under=');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /spreadsheetml/);
    assert.match(res.headers.get('content-disposition') ?? '', /filename\*=UTF-8''/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.getWorksheet('报告')!;
    assert.equal(sheet.getRow(1).getCell(1).value, '报告编号');
    assert.equal(sheet.rowCount, 3, 'header + the two 2023 reports');
  });

  test('coverage downloads as CSV with BOM; findings as JSON Lines', async () => {
    const res = await clients.admin!.request('/api/export?what=coverage&to=csv&year=2023&under=230881');
    const rows = await csvOf(res);
    assert.deepEqual(rows[0]!.slice(0, 2), ['单位编码', '单位名称']);
    assert.deepEqual(
      rows.slice(1).map((r) => r[0]),
      ['230881', '230881003'],
    );
    const findings = await (
      await clients.admin!.request('/api/export?what=findings&to=jsonl&year=2023')
    ).text();
    const lines = findings.trim().split('\n');
    assert.ok(lines.length > 0);
    for (const line of lines) assert.equal(JSON.parse(line).year, 2023);
  });

  test('coverage without a year is refused with a Chinese message', async () => {
    const res = await clients.admin!.request('/api/export?what=coverage&to=csv');
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /需要选择年度/);
    assert.equal((await clients.admin!.request('/export/download?what=coverage&to=csv&year=')).status, 400);
  });
});
