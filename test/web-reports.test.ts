/**
 * 报告列表, 报告详情 and 对比 in memory: the JSON API and the pages over a seeded SQLite store, and the
 * viewer's scope — a user scoped to one region never reaches another region's report by any route.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Ingester } from '../src/ingest/index.ts';
import { PARSER_VERSION } from '../src/pipeline/version.ts';
import { variant } from './support/variants.ts';
import { addUser, Client, openApp, type TestApp } from './support/web.ts';
import { HOSTILE_NOTE, seedStore, type SeededIds } from './support/web-data.ts';

interface Row {
  reportId: number;
  agency: string | null;
  year: number | null;
  bodyPath: string[];
  errors: number;
  warnings: number;
}
interface FindingJson {
  key: string;
  rule: string;
  scope: string;
  severity: string;
  cells: string[];
  related: { reportId: number } | null;
  decision: { decision: string; comment: string; login: string | null } | null;
}

describe('reports and comparison (in memory)', () => {
  let t: TestApp;
  let ids: SeededIds['reports'];
  const as: Record<string, Client> = {};

  before(async () => {
    t = await openApp();
    ids = (await seedStore(t.store)).reports;
    await addUser(t.store, 'admin', 'admin');
    await addUser(t.store, 'rev', 'reviewer');
    await addUser(t.store, 'look', 'viewer');
    // 哈尔滨市: sees 松北区船口街道 only.
    await addUser(t.store, 'harbin', 'reviewer', '2301');
    for (const login of ['admin', 'rev', 'look', 'harbin']) {
      as[login] = new Client(t.app);
      assert.equal((await as[login].signIn(login)).status, 303);
    }
  });
  after(() => t?.close());

  const json = async <T>(client: Client, path: string, init: Parameters<Client['request']>[1] = {}) => {
    const res = await client.request(path, init);
    return { status: res.status, body: (await res.json()) as T };
  };
  const list = async (client: Client, query: string) =>
    (await json<{ total: number; reports: Row[] }>(client, `/api/reports?${query}`)).body;
  const findings = async (client: Client, id: number) =>
    (await json<{ findings: FindingJson[] }>(client, `/api/reports/${id}/findings`)).body.findings;
  const decisionPath = (id: number, key: string) =>
    `/api/reports/${id}/findings/${encodeURIComponent(key)}/decision`;

  it('lists every report with its body path and counts; failed parses are not reports', async () => {
    const all = await list(as.admin!, 'limit=200');
    assert.equal(all.total, 8);
    const chuankou = all.reports.find((r) => r.reportId === ids.chuankou)!;
    assert.deepEqual(chuankou.bodyPath, ['黑龙江省人民政府', '哈尔滨市人民政府', '松北区人民政府']);
    assert.ok(chuankou.errors > 0);
  });

  it('searches bodies at any level by name and by pinyin initials, and unmatched reports by agency', async () => {
    for (const q of ['哈尔滨', 'hebs', 'HEBS']) {
      const found = await list(as.admin!, `q=${encodeURIComponent(q)}`);
      assert.deepEqual(
        found.reports.map((r) => r.reportId),
        [ids.chuankou],
        q,
      );
    }
    const tongjiang = await list(as.admin!, `q=${encodeURIComponent('同江')}`);
    assert.equal(tongjiang.total, 3);
    const unmatched = await list(as.admin!, `q=${encodeURIComponent('大李庄')}`);
    assert.deepEqual(
      unmatched.reports.map((r) => r.agency),
      ['大李庄乡人民政府'],
    );
  });

  it('filters by region, year, kind, rule and severity, sorts and pages', async () => {
    assert.equal((await list(as.admin!, 'region=2308')).total, 3);
    assert.equal((await list(as.admin!, 'region=2308&year=2023')).total, 2);
    assert.equal((await list(as.admin!, 'kind=subdistrict')).total, 5);
    const copied = await list(as.admin!, 'rule=similarity.ownPast');
    assert.deepEqual(
      copied.reports.map((r) => r.reportId),
      [ids.fanrong2023],
    );
    const withErrors = await list(as.admin!, 'severity=error');
    assert.ok(withErrors.reports.every((r) => r.errors > 0));
    assert.ok(withErrors.total >= 1);
    const byErrors = await list(as.admin!, 'sort=errors&order=desc');
    assert.equal(byErrors.reports[0]!.reportId, ids.chuankou);
    const byYear = await list(as.admin!, 'sort=year&order=asc');
    const years = byYear.reports.map((r) => r.year ?? 0);
    assert.deepEqual(
      years,
      [...years].sort((a, b) => a - b),
    );
    const page1 = await list(as.admin!, 'limit=3&page=1&sort=agency&order=asc');
    const page3 = await list(as.admin!, 'limit=3&page=3&sort=agency&order=asc');
    assert.equal(page1.total, 8);
    assert.equal(page1.reports.length, 3);
    assert.equal(page3.reports.length, 2);
    assert.equal((await json(as.admin!, '/api/reports?region=nope')).status, 404);
    assert.equal((await json(as.admin!, '/api/reports?severity=fatal')).status, 400);
  });

  it('shows a report with its findings; corpus findings link to the related report', async () => {
    const { status, body } = await json<{
      report: { agency: string };
      version: { isCurrent: boolean; record: { year: number } };
      findings: FindingJson[];
    }>(as.look!, `/api/reports/${ids.fanrong2023}`);
    assert.equal(status, 200);
    assert.equal(body.report.agency, '同江市繁荣街道');
    assert.equal(body.version.record.year, 2023);
    const ownPast = body.findings.filter((f) => f.rule === 'similarity.ownPast');
    assert.ok(ownPast.length > 0);
    assert.ok(ownPast.every((f) => f.scope === 'corpus' && f.related?.reportId === ids.fanrong2022));
    const severities = body.findings.map((f) => f.severity);
    assert.deepEqual(
      severities,
      [...severities].sort(
        (a, b) => ['error', 'warning', 'info'].indexOf(a) - ['error', 'warning', 'info'].indexOf(b),
      ),
    );
    assert.equal((await json(as.look!, '/api/reports/99999')).status, 404);
  });

  it('keeps decisions by finding across a re-check; viewers may not decide; both are audit-logged', async () => {
    const before = await findings(as.rev!, ids.chuankou);
    const target = before.find((f) => f.cells.length > 0)!;
    assert.ok(target, 'a finding pinned to cells');
    const put = (client: Client) =>
      client.request(decisionPath(ids.chuankou, target.key), {
        method: 'PUT',
        json: { decision: 'dismissed', comment: '表格为扫描件误差' },
      });
    assert.equal((await put(as.look!)).status, 403);
    assert.equal((await put(as.rev!)).status, 200);
    const unknown = await as.rev!.request(decisionPath(ids.chuankou, 'no.such|rule|'), {
      method: 'PUT',
      json: { decision: 'confirmed' },
    });
    assert.equal(unknown.status, 404);

    const recheck = await json<{ before: number; after: number }>(
      as.rev!,
      `/api/reports/${ids.chuankou}/recheck`,
      {
        method: 'POST',
      },
    );
    assert.equal(recheck.status, 200);
    assert.equal(recheck.body.after, recheck.body.before);
    const after = await findings(as.rev!, ids.chuankou);
    const kept = after.find((f) => f.key === target.key)!;
    assert.equal(kept.decision?.decision, 'dismissed');
    assert.equal(kept.decision?.comment, '表格为扫描件误差');
    assert.equal(kept.decision?.login, 'rev');

    // Keys of quoted findings carry the sentence: Chinese, punctuation, whatever the report printed.
    const quoted = (await findings(as.rev!, ids.fanrong2023)).find((f) => f.rule === 'similarity.ownPast')!;
    const confirm = await as.rev!.request(decisionPath(ids.fanrong2023, quoted.key), {
      method: 'PUT',
      json: { decision: 'confirmed', comment: '沿用上年' },
    });
    assert.equal(confirm.status, 200);
    assert.equal((await t.store.decisions(ids.fanrong2023)).get(quoted.key)?.decision, 'confirmed');
    await as.rev!.request(decisionPath(ids.fanrong2023, quoted.key), { method: 'DELETE' });

    assert.equal(
      (await as.rev!.request(decisionPath(ids.chuankou, target.key), { method: 'DELETE' })).status,
      200,
    );
    assert.equal((await findings(as.rev!, ids.chuankou)).find((f) => f.key === target.key)!.decision, null);
    const actions = (await t.store.auditLog({ limit: 20 })).map((a) => a.action);
    for (const action of ['decision', 'recheck', 'decision.cleared'])
      assert.ok(actions.includes(action), action);
  });

  it('re-checks a report an older parser read: a new version by this parser, decisions kept', async () => {
    // 振兴街道 2021, stored by "parser version 0".
    const older = await Ingester.create(t.store, { jobs: 1, parserVersion: PARSER_VERSION - 1 });
    let reportId: number;
    try {
      const item = await older.ingestBytes('zhenxing-2021.txt', variant('zhenxing', { year: 2021 }));
      assert.ok(item.ok && item.versionId !== null);
      await older.finishCorpusChecks();
      reportId = (await list(as.admin!, `year=2021&q=${encodeURIComponent('振兴')}`)).reports[0]!.reportId;
    } finally {
      await older.close();
    }
    const target = (await findings(as.rev!, reportId)).find((f) => f.scope === 'report')!;
    await as.rev!.request(decisionPath(reportId, target.key), {
      method: 'PUT',
      json: { decision: 'confirmed' },
    });

    const recheck = await json<{ versionId: number; newVersion: boolean }>(
      as.rev!,
      `/api/reports/${reportId}/recheck`,
      { method: 'POST' },
    );
    assert.equal(recheck.status, 200);
    assert.equal(recheck.body.newVersion, true);
    const { body } = await json<{
      versions: { versionId: number; isCurrent: boolean; parserVersion: number }[];
    }>(as.look!, `/api/reports/${reportId}/versions`);
    assert.deepEqual(body.versions.map((v) => [v.parserVersion, v.isCurrent]).sort(), [
      [PARSER_VERSION - 1, false],
      [PARSER_VERSION, true],
    ]);
    assert.equal(body.versions.find((v) => v.isCurrent)!.versionId, recheck.body.versionId);
    const kept = (await findings(as.rev!, reportId)).find((f) => f.key === target.key);
    assert.equal(kept?.decision?.decision, 'confirmed');
    // The page says what happened.
    const page = await (await as.rev!.request(`/reports/${reportId}/recheck`, { method: 'POST' })).text();
    assert.match(page, /已重新检查/);
  });

  it('re-check runs the corpus checks again: a lost similarity finding comes back', async () => {
    const quoted = (await findings(as.rev!, ids.fanrong2023)).filter((f) => f.scope === 'corpus');
    assert.ok(quoted.some((f) => f.rule === 'similarity.ownPast'));
    const { body: detail } = await json<{ version: { versionId: number } }>(
      as.rev!,
      `/api/reports/${ids.fanrong2023}`,
    );
    const versionId = detail.version.versionId;
    await t.store.saveCorpusChecks({
      checks: [{ versionId, findings: [] }],
      profiles: [],
      done: [versionId],
    });
    assert.equal((await findings(as.rev!, ids.fanrong2023)).filter((f) => f.scope === 'corpus').length, 0);
    const recheck = await json<{ newVersion: boolean }>(as.rev!, `/api/reports/${ids.fanrong2023}/recheck`, {
      method: 'POST',
    });
    assert.equal(recheck.status, 200);
    assert.equal(recheck.body.newVersion, false);
    const back = (await findings(as.rev!, ids.fanrong2023)).filter((f) => f.scope === 'corpus');
    assert.deepEqual(back.map((f) => f.key).sort(), quoted.map((f) => f.key).sort());
  });

  it('keeps the version history; an older version is viewable', async () => {
    const { body } = await json<{
      versions: { versionId: number; isCurrent: boolean; parserVersion: number }[];
    }>(as.look!, `/api/reports/${ids.fanrong2023}/versions`);
    assert.equal(body.versions.length, 2);
    const old = body.versions.find((v) => !v.isCurrent)!;
    const oldReport = await json<{ version: { isCurrent: boolean } }>(
      as.look!,
      `/api/reports/${ids.fanrong2023}?version=${old.versionId}`,
    );
    assert.equal(oldReport.body.version.isCurrent, false);
    const page = await (
      await as.look!.request(`/reports/${ids.fanrong2023}?version=${old.versionId}`)
    ).text();
    assert.match(page, /正在查看旧版本/);
    // A version of another report is not this report's.
    const other = await json(as.look!, `/api/reports/${ids.zhenxing}?version=${old.versionId}`);
    assert.equal(other.status, 404);
  });

  it('compares a body’s latest two years: changed cells, cross-year findings, copied passages', async () => {
    const { status, body } = await json<{
      years: number[];
      from: { year: number };
      to: { year: number };
      changes: { cell: string; old: number | null; new: number | null }[];
      crossYear: FindingJson[];
      copied: (FindingJson & { text: { quote: string } })[];
    }>(as.look!, '/api/compare?body=230881001');
    assert.equal(status, 200);
    assert.deepEqual([body.from.year, body.to.year], [2022, 2023]);
    assert.deepEqual(body.years, [2023, 2022]);
    assert.ok(body.copied.length > 0);
    assert.ok(body.copied.every((f) => f.rule === 'similarity.ownPast' && f.text.quote.length > 0));
    assert.ok(body.crossYear.every((f) => f.rule.startsWith('crossYear.')));
    assert.equal((await json(as.look!, '/api/compare?body=230881002')).status, 404);
    const page = await (await as.look!.request('/compare?body=230881001')).text();
    assert.match(page, /沿用上一年度的段落/);
    assert.match(page, /2023 年度表格/);
    const search = await (await as.look!.request(`/compare?q=${encodeURIComponent('frjd')}`)).text();
    assert.match(search, /繁荣街道办事处/);
  });

  it('renders the pages: list rows with severity icons, tables with cell ids, hostile text as text', async () => {
    const listPage = await (await as.look!.request('/reports?q=hebs&year=&kind=')).text();
    assert.match(listPage, /共 1 份报告/);
    assert.match(listPage, /class="sev sev-error"/);
    const detail = await (await as.look!.request(`/reports/${ids.chuankou}`)).text();
    assert.match(detail, /data-cell="requests\.received\.naturalPerson"/);
    assert.match(detail, /class="official-value flag flag-error"/);
    assert.match(detail, /重新检查|问题/);
    assert.doesNotMatch(
      detail,
      /<form method="post" action="\/reports\/\d+\/recheck"/,
      'viewers get no re-check',
    );
    const hostile = await (await as.look!.request(`/reports/${ids.xinglong}`)).text();
    assert.ok(!hostile.includes('<script>window.__xxgkPwned'), 'script not emitted as markup');
    assert.ok(!hostile.includes('<img src="x"'), 'img not emitted as markup');
    assert.ok(hostile.includes('&lt;script&gt;window.__xxgkPwned'), 'shown as text');
    assert.ok(HOSTILE_NOTE.includes('<script>'));
  });

  it('serves a PDF page as an image, and a missing page as 404', async () => {
    const res = await as.look!.request(`/reports/${ids.pdf}/pages/1`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/png');
    const png = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual([...png.slice(1, 4)], [0x50, 0x4e, 0x47]);
    assert.equal((await as.look!.request(`/reports/${ids.pdf}/pages/99`)).status, 404);
    assert.equal((await as.look!.request(`/reports/${ids.zhenxing}/pages/1`)).status, 404);
  });

  it('a scoped user never sees another region’s report: list, detail, source, page, decision, compare', async () => {
    const h = as.harbin!;
    const all = await list(h, 'limit=200');
    assert.deepEqual(
      all.reports.map((r) => r.reportId),
      [ids.chuankou],
    );
    assert.equal((await list(h, `q=${encodeURIComponent('同江')}`)).total, 0);
    assert.equal((await list(h, 'region=2308')).total, 0);
    const key = (await findings(as.admin!, ids.fanrong2023))[0]!.key;
    const outside = [ids.fanrong2023, ids.zhenxing, ids.pdf];
    for (const id of outside) {
      for (const path of [
        `/api/reports/${id}`,
        `/api/reports/${id}/findings`,
        `/api/reports/${id}/versions`,
        `/reports/${id}`,
        `/reports/${id}/source`,
        `/reports/${id}/pages/1`,
      ])
        assert.equal((await h.request(path)).status, 404, path);
      assert.equal((await h.request(`/api/reports/${id}/recheck`, { method: 'POST' })).status, 404);
      const decide = await h.request(decisionPath(id, key), {
        method: 'PUT',
        json: { decision: 'confirmed' },
      });
      assert.equal(decide.status, 404);
      const form = await h.request(`/reports/${id}/decisions`, {
        form: { _csrf: h.csrf, key, decision: 'confirmed', comment: '' },
      });
      assert.equal(form.status, 404);
    }
    assert.equal((await t.store.decisions(ids.fanrong2023)).size, 0);
    assert.equal((await h.request('/api/compare?body=230881001')).status, 404);
    assert.equal((await h.request('/compare?body=230881001')).status, 404);
    const search = await (await h.request(`/compare?q=${encodeURIComponent('街道')}`)).text();
    assert.doesNotMatch(search, /繁荣街道办事处/);
    // Inside the scope everything works.
    assert.equal((await h.request(`/api/reports/${ids.chuankou}`)).status, 200);
    assert.equal((await h.request(`/reports/${ids.chuankou}/source`)).status, 200);
  });
});
