/**
 * The store contract: every case runs on SQLite (a real temp file) and on a real PostgreSQL server
 * (a throwaway cluster, or XXGK_TEST_PG). When PostgreSQL cannot be started its half fails: it is never
 * skipped (style.md habit 6).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { Ingester } from '../src/ingest/index.ts';
import { parseRecord } from '../src/record/index.ts';
import {
  CELL_IDS,
  Store,
  StoreError,
  validateUnits,
  type NewVersion,
  type ReportRow,
  type Store as StoreType,
  type StoredRecord,
  type UnitRow,
} from '../src/store/index.ts';
import { COUNT_CELLS_001, MONEY_CELLS_001 } from '../src/store/migrations/001-initial.ts';
import { newVersion, openFresh, postgresBackend, sqliteBackend, type Backend } from './support/store.ts';
import { variant } from './support/variants.ts';

const REGISTRY: [string, string, string, string, string][] = [
  ['14', '', '山西省人民政府', '人民政府', '省'],
  ['1411', '14', '吕梁市人民政府', '人民政府', '市'],
  ['141181', '1411', '孝义市人民政府', '人民政府', '县'],
  ['141181001', '141181', '振兴街道办事处', '街道', '单位'],
  ['141181002', '141181', '教育局', '部门', '单位'],
  ['23', '', '黑龙江省人民政府', '人民政府', '省'],
  ['2308', '23', '佳木斯市人民政府', '人民政府', '市'],
  ['230881', '2308', '同江市人民政府', '人民政府', '县'],
  ['230881001', '230881', '繁荣街道办事处', '街道', '单位'],
  ['230881002', '230881', '兴隆街道办事处', '街道', '单位'],
  ['230881003', '230881', '教育局', '部门', '单位'],
];

function registry(rows = REGISTRY) {
  const units: UnitRow[] = rows.map(([id, parentId, name, kind, level], i) => ({
    line: i + 2,
    id,
    parentId,
    name,
    kind,
    level,
  }));
  return validateUnits(units);
}

/** Imports the registry; the save it returns matches each report to its body first, as ingest does. */
async function savingMatched(store: StoreType) {
  await store.importUnits(registry());
  const matcher = await store.matcher();
  return async (bytes: Buffer, name: string) => {
    const v = await newVersion(bytes, name);
    return store.saveVersion({ ...v, body: matcher.match(v.record.agency!, v.record.agencyKind).best });
  };
}

const FANRONG_2023 = variant('fanrong');
const FANRONG_2023_EDITED = variant('fanrong', { note: '另外说明：本年度报告于发布后作了更正。' });
const FANRONG_2022 = variant('fanrong', { year: 2022 });
const XINGLONG_2023 = variant('fanrong', { street: '兴隆街道' });
const ZHENXING_2020 = variant('zhenxing');

async function withStore(backend: Backend, run: (store: StoreType) => Promise<void>): Promise<void> {
  const store = await openFresh(backend);
  try {
    await run(store);
  } finally {
    await store.close();
  }
}

for (const backend of [sqliteBackend(), postgresBackend()]) {
  describe(`store contract on ${backend.name}`, () => {
    after(() => backend.cleanup());

    test('a new database gets the schema; opening it again changes nothing', async () => {
      const location = await backend.location();
      const first = await Store.open(location);
      const counts = await first.counts();
      assert.deepEqual(
        Object.values(counts),
        Object.values(counts).map(() => 0),
      );
      await first.close();
      const again = await Store.open(location);
      assert.deepEqual(await again.counts(), counts);
      await again.close();
    });

    if (backend.name === 'PostgreSQL') {
      test('records and source bytes are compressed with lz4, not pglz (migration 006)', async () => {
        const location = await backend.location();
        const store = await Store.open(location);
        await store.saveVersion(await newVersion(FANRONG_2023, 'fanrong.txt'));
        await store.close();
        const client = new pg.Client({ connectionString: (location as { url: string }).url });
        await client.connect();
        try {
          const columns = await client.query<{ attname: string; attcompression: string }>(
            `select attname, attcompression from pg_attribute
              where (attrelid = 'report_versions'::regclass and attname = 'record')
                 or (attrelid = 'sources'::regclass and attname = 'bytes') order by attname`,
          );
          assert.deepEqual(
            columns.rows.map((r) => [r.attname, r.attcompression]),
            [
              ['bytes', 'l'],
              ['record', 'l'],
            ],
          );
          // The stored record is large enough to be compressed, and was, with lz4.
          const stored = await client.query<{ method: string | null }>(
            'select pg_column_compression(record) as method from report_versions',
          );
          assert.deepEqual(
            stored.rows.map((r) => r.method),
            ['lz4'],
          );
        } finally {
          await client.end();
        }
      });
    }

    if (backend.name === 'PostgreSQL') {
      test('every pooled connection runs without JIT (a region sum would compile for seconds)', async () => {
        const store = await Store.open(await backend.location());
        try {
          // Four at once: the pool opens a connection for each, and each must have the setting.
          const settings = await Promise.all(
            [1, 2, 3, 4].map(
              async () => (await sql<{ jit: string }>`show jit`.execute(store.db)).rows[0]?.jit,
            ),
          );
          assert.deepEqual(settings, ['off', 'off', 'off', 'off']);
        } finally {
          await store.close();
        }
      });
    }

    test('opening read-only never creates the schema', async () => {
      const location = await backend.location();
      await assert.rejects(Store.open(location, { readOnly: true }), StoreError);
    });

    test('the cell columns are the catalogue: a new official cell needs a migration', () => {
      assert.deepEqual(new Set([...COUNT_CELLS_001, ...MONEY_CELLS_001]), new Set(CELL_IDS));
      assert.equal(COUNT_CELLS_001.length + MONEY_CELLS_001.length, CELL_IDS.length);
    });

    test('first version, the same bytes again, a changed file, the same content from another source', () =>
      withStore(backend, async (store) => {
        const first = await store.saveVersion(await newVersion(FANRONG_2023, 'fanrong.txt'));
        assert.equal(first.status, 'newReport');
        const again = await store.saveVersion(await newVersion(FANRONG_2023, 'copy-of-fanrong.txt'));
        assert.equal(again.status, 'known');
        // The same text with other line ends: other bytes, the same report word for word.
        const crlf = Buffer.from(FANRONG_2023.toString('utf8').replaceAll('\n', '\r\n'));
        const twin = await store.saveVersion(await newVersion(crlf, 'fanrong-crlf.txt'));
        assert.equal(twin.status, 'sameContent');
        assert.equal(twin.versionId, first.versionId);
        const edited = await store.saveVersion(await newVersion(FANRONG_2023_EDITED, 'fanrong-v2.txt'));
        assert.equal(edited.status, 'newVersion');
        assert.equal(edited.reportId, first.reportId);
        const history = await store.history(first.reportId!);
        assert.deepEqual(
          history.map((h) => [h.versionId, h.isCurrent]),
          [
            [first.versionId, false],
            [edited.versionId, true],
          ],
        );
        const counts = await store.counts();
        assert.equal(counts.sources, 3);
        assert.equal(counts.reports, 1);
        assert.equal(counts.versions, 2);
        assert.equal(counts.currentVersions, 1);
        assert.equal(counts.cells, 2);
      }));

    test("a matched body's changed file is a new version of that year's report, not another year's", () =>
      withStore(backend, async (store) => {
        const save = await savingMatched(store);
        const y2023 = await save(FANRONG_2023, 'a.txt');
        const y2022 = await save(FANRONG_2022, 'b.txt');
        assert.equal(y2022.status, 'newReport');
        const edited2023 = await save(FANRONG_2023_EDITED, 'c.txt');
        assert.equal(edited2023.status, 'newVersion');
        assert.equal(edited2023.reportId, y2023.reportId);
        const edited2022 = await save(
          variant('fanrong', { year: 2022, note: '另外说明：已更正。' }),
          'd.txt',
        );
        assert.equal(edited2022.status, 'newVersion');
        assert.equal(edited2022.reportId, y2022.reportId);
        const y2024 = await save(variant('fanrong', { year: 2024 }), 'e.txt');
        assert.equal(y2024.status, 'newReport');
        assert.equal((await store.counts()).reports, 3);
      }));

    test('a record is read back as written, and validated', () =>
      withStore(backend, async (store) => {
        const v = await newVersion(ZHENXING_2020, 'zhenxing.txt');
        await store.saveVersion(v);
        const records: StoredRecord[] = [];
        for await (const r of store.currentRecords({})) records.push(r);
        assert.equal(records.length, 1);
        assert.deepEqual(records[0]!.record, parseRecord(JSON.parse(v.record.json)));
        const rows: ReportRow[] = [];
        for await (const r of store.reportRows({})) rows.push(r);
        assert.deepEqual(
          CELL_IDS.map((id) => rows[0]!.cells[id]),
          v.cells,
        );
      }));

    test('a save that fails midway leaves nothing behind', () =>
      withStore(backend, async (store) => {
        const v = await newVersion(FANRONG_2023, 'fanrong.txt');
        const broken = {
          ...v,
          findings: [{ rule: 'x', severity: 'error', message: null }],
        } as unknown as typeof v;
        await assert.rejects(store.saveVersion(broken));
        const counts = await store.counts();
        assert.deepEqual(
          [counts.sources, counts.reports, counts.versions, counts.cells, counts.findings],
          [0, 0, 0, 0, 0],
        );
        assert.equal((await store.saveVersion(v)).status, 'newReport');
      }));

    test('findings by rule, severity, year and subtree, a page at a time', () =>
      withStore(backend, async (store) => {
        await store.importUnits(registry());
        const matcher = await store.matcher();
        for (const [bytes, name] of [
          [FANRONG_2023, 'a.txt'],
          [FANRONG_2022, 'b.txt'],
          [ZHENXING_2020, 'c.txt'],
        ] as const) {
          const v = await newVersion(bytes, name);
          await store.saveVersion({ ...v, body: matcher.match(v.record.agency!, v.record.agencyKind).best });
        }
        const all = await store.findingsPage({ limit: 1000 });
        assert.ok(all.length >= 2, `findings: ${all.map((f) => f.rule).join(', ')}`);
        assert.ok(all.every((f, i) => i === 0 || f.id > all[i - 1]!.id));
        const rule = all[0]!.rule;
        const byRule = await store.findingsPage({ rule, limit: 1000 });
        assert.ok(byRule.length > 0 && byRule.every((f) => f.rule === rule));
        const errors = await store.findingsPage({ severity: 'error', limit: 1000 });
        assert.ok(errors.every((f) => f.severity === 'error'));
        const of2022 = await store.findingsPage({ year: 2022, limit: 1000 });
        assert.ok(of2022.length > 0 && of2022.every((f) => f.year === 2022));
        const tongjiang = await store.findingsPage({ range: await store.subtree('230881'), limit: 1000 });
        assert.ok(tongjiang.length > 0 && tongjiang.every((f) => f.bodyId === '230881001'));
        const page1 = await store.findingsPage({ limit: 1 });
        const page2 = await store.findingsPage({ limit: 1, afterId: page1[0]!.id });
        assert.deepEqual(
          [...page1, ...page2].map((f) => f.id),
          all.slice(0, 2).map((f) => f.id),
        );
        const f = all[0]!;
        assert.equal(typeof f.message, 'string');
        assert.ok(Array.isArray(f.cells));
        assert.equal(f.scope, 'report');
      }));

    test('unreadable files are recorded once', () =>
      withStore(backend, async (store) => {
        const file = {
          sha256: 'a'.repeat(64),
          name: 'empty.txt',
          path: '/tmp/empty.txt',
          code: 'input.empty',
          zh: '文件为空',
          en: 'file is empty',
          parserVersion: 1,
        };
        assert.equal(await store.recordUnreadable(file), true);
        assert.equal(await store.recordUnreadable(file), false);
        assert.equal(await store.recordUnreadable({ ...file, sha256: null, path: '/tmp/missing.txt' }), true);
        assert.equal(
          await store.recordUnreadable({ ...file, sha256: null, path: '/tmp/missing.txt' }),
          false,
        );
        assert.equal((await store.knownUnreadable()).get('a'.repeat(64))?.zh, '文件为空');
        assert.equal((await store.listUnreadable()).length, 2);
        assert.equal((await store.counts()).reports, 0);
      }));

    test('units: paths for subtrees; importing again replaces the registry and re-matches reports', () =>
      withStore(backend, async (store) => {
        await store.saveVersion(await newVersion(FANRONG_2023, 'a.txt'));
        const result = await store.importUnits(registry());
        assert.deepEqual(result, { bodies: REGISTRY.length, removed: 0, matched: 1, unmatched: 0 });
        assert.equal((await store.body('230881001'))?.path, '/23/2308/230881/230881001/');
        const fewer = REGISTRY.filter(([id]) => id !== '230881001');
        const second = await store.importUnits(registry(fewer));
        assert.deepEqual(second, { bodies: fewer.length, removed: 1, matched: 0, unmatched: 1 });
        assert.equal(await store.body('230881001'), null);
      }));

    test('names repeat under different parents: matching uses the ancestors', () =>
      withStore(backend, async (store) => {
        await store.importUnits(registry());
        const matcher = await store.matcher();
        assert.equal(matcher.match('同江市教育局').best?.bodyId, '230881003');
        assert.equal(matcher.match('孝义市教育局').best?.bodyId, '141181002');
        const bare = matcher.match('教育局');
        assert.equal(bare.best, null);
        assert.deepEqual(bare.candidates.map((c) => c.bodyId).sort(), ['141181002', '230881003']);
        assert.equal(matcher.match('同江市繁荣街道').best?.bodyId, '230881001');
        assert.equal(matcher.match('佳木斯市同江市兴隆街道办事处').best?.bodyId, '230881002');
      }));

    test('a reviewer matches a report by id, or an agency name for every year', () =>
      withStore(backend, async (store) => {
        await store.importUnits(registry());
        const odd = Buffer.from(FANRONG_2023.toString('utf8').replaceAll('同江市繁荣街道', '繁荣社区'));
        const saved = await store.saveVersion(await newVersion(odd, 'odd.txt'));
        const unmatched = await store.unmatchedReports();
        assert.equal(unmatched.length, 1);
        assert.equal(unmatched[0]!.reportId, saved.reportId);
        assert.equal(await store.acceptMatch({ reportId: saved.reportId! }, 'no-such-body'), null);
        assert.equal(await store.acceptMatch({ agency: unmatched[0]!.agency! }, '230881001'), 1);
        assert.deepEqual(await store.unmatchedReports(), []);
        // The alias holds for reports that arrive later.
        const matcher = await store.matcher();
        assert.equal(matcher.match(unmatched[0]!.agency!).best?.method, 'alias');
        // A new registry import keeps a reviewer's match.
        await store.importUnits(registry());
        assert.deepEqual(await store.unmatchedReports(), []);
      }));

    test('coverage: bodies without a current report for the year, everywhere or in a subtree', () =>
      withStore(backend, async (store) => {
        await store.importUnits(registry());
        const matcher = await store.matcher();
        for (const [bytes, name] of [
          [FANRONG_2023, 'a.txt'],
          [XINGLONG_2023, 'b.txt'],
          [FANRONG_2022, 'c.txt'],
        ] as const) {
          const v = await newVersion(bytes, name);
          await store.saveVersion({ ...v, body: matcher.match(v.record.agency!, v.record.agencyKind).best });
        }
        const all = await store.coverage({ year: 2023 });
        assert.equal(all.bodies, REGISTRY.length);
        assert.equal(all.reported, 2);
        assert.ok(!all.missing.some((b) => b.id === '230881001' || b.id === '230881002'));
        const county = await store.coverage({ year: 2023, range: await store.subtree('230881') });
        assert.deepEqual(
          county.missing.map((b) => b.id),
          ['230881', '230881003'],
        );
        assert.deepEqual(county.missing[1]!.ancestors, [
          '黑龙江省人民政府',
          '佳木斯市人民政府',
          '同江市人民政府',
        ]);
        const earlier = await store.coverage({ year: 2022, range: await store.subtree('230881') });
        assert.deepEqual(
          earlier.missing.map((b) => b.id),
          ['230881', '230881002', '230881003'],
        );
      }));

    test('region totals sum every cell over current reports', () =>
      withStore(backend, async (store) => {
        await store.importUnits(registry());
        const matcher = await store.matcher();
        const saved: NewVersion[] = [];
        for (const [bytes, name] of [
          [FANRONG_2023, 'a.txt'],
          [XINGLONG_2023, 'b.txt'],
          [ZHENXING_2020, 'c.txt'],
        ] as const) {
          const v = await newVersion(bytes, name);
          saved.push(v);
          await store.saveVersion({ ...v, body: matcher.match(v.record.agency!, v.record.agencyKind).best });
        }
        const received = CELL_IDS.indexOf('requests.received.total');
        const one = saved[0]!.cells[received] ?? 0;
        const totals = await store.regionTotals({ year: 2023, range: await store.subtree('230881') });
        assert.equal(totals.reports, 2);
        assert.equal(totals.cells['requests.received.total'], 2 * one);
        const nowhere = await store.regionTotals({ year: 2023, range: await store.subtree('141181') });
        assert.equal(nowhere.reports, 0);
        assert.equal(nowhere.cells['requests.received.total'], 0);
        const everywhere = await store.regionTotals({ year: 2023 });
        assert.equal(everywhere.reports, 2);
        // A new version replaces the old one in the sums.
        await store.saveVersion(await newVersion(FANRONG_2023_EDITED, 'a2.txt'));
        assert.equal((await store.regionTotals({ year: 2023 })).reports, 2);
      }));

    test('corpus checks: last and next year, reports of a year, corpus findings replaced', () =>
      withStore(backend, async (store) => {
        const save = await savingMatched(store);
        const y2022 = await save(FANRONG_2022, 'a.txt');
        const y2023 = await save(FANRONG_2023, 'b.txt');
        await save(XINGLONG_2023, 'c.txt');
        const previous = await store.neighbourReport(y2023.versionId!, -1);
        assert.equal(previous?.versionId, y2022.versionId);
        assert.equal(previous?.record.year, 2022);
        assert.equal((await store.neighbourReport(y2022.versionId!, 1))?.versionId, y2023.versionId);
        assert.equal(await store.neighbourReport(y2022.versionId!, -1), null);
        const of2023 = await store.reportsOfYear(2023, { limit: 1 });
        const next = await store.reportsOfYear(2023, { afterVersionId: of2023[0]!.versionId });
        assert.equal(of2023.length + next.length, 2);

        const finding = {
          rule: 'crossYear.carry',
          severity: 'error' as const,
          message: '表三 二、上年结转 自然人列：上年结转下年度为 1，本年上年结转为 0',
          cells: ['requests.carriedOver.naturalPerson'],
          expected: 1,
          actual: 0,
          relatedVersionId: y2022.versionId,
        };
        await store.saveCorpusFindings(y2023.versionId!, [
          finding,
          { ...finding, cells: ['requests.carriedOver.total'] },
        ]);
        await store.saveCorpusFindings(y2023.versionId!, [finding]);
        const corpus = await store.findingsPage({ scope: 'corpus' });
        assert.equal(corpus.length, 1);
        assert.equal(corpus[0]!.relatedVersionId, y2022.versionId);
        assert.equal(corpus[0]!.versionId, y2023.versionId);
        const own = await store.findingsPage({ scope: 'report', limit: 1000 });
        assert.ok(own.every((f) => f.scope === 'report'));
      }));

    test('versions read by an older parser are listed for reparse; a reparse replaces the current version', () =>
      withStore(backend, async (store) => {
        const old = await store.saveVersion(await newVersion(FANRONG_2023, 'a.txt', { parserVersion: 1 }));
        await store.saveVersion(await newVersion(ZHENXING_2020, 'b.txt', { parserVersion: 2 }));
        const stale = await store.staleVersions(2);
        assert.deepEqual(
          stale.map((s) => s.versionId),
          [old.versionId],
        );
        const bytes = await store.sourceBytes(stale[0]!.sha256);
        assert.deepEqual(Buffer.from(bytes!), FANRONG_2023);
        const again = await store.saveVersion(
          await newVersion(bytes!, 'a.txt', { parserVersion: 2, replaces: old.versionId! }),
        );
        assert.equal(again.status, 'newVersion');
        assert.deepEqual(await store.staleVersions(2), []);
        const history = await store.history(old.reportId!);
        assert.deepEqual(
          history.map((h) => [h.parserVersion, h.isCurrent]),
          [
            [1, false],
            [2, true],
          ],
        );
        assert.equal((await store.knownSources(2)).has(stale[0]!.sha256), true);
        assert.equal((await store.knownSources(1)).size, 0);
        // The same answer one hash at a time (uploads ask so).
        assert.equal(await store.isKnownSource(stale[0]!.sha256, 2), true);
        assert.equal(await store.isKnownSource(stale[0]!.sha256, 1), false);
        assert.equal(await store.isKnownSource('0'.repeat(64), 2), false);
      }));

    test('bodies are found by name or pinyin initials', () =>
      withStore(backend, async (store) => {
        await store.importUnits(registry());
        assert.deepEqual(
          (await store.searchBodies('繁荣')).map((b) => b.id),
          ['230881001'],
        );
        assert.deepEqual(
          (await store.searchBodies('jyj')).map((b) => b.id),
          ['141181002', '230881003'],
        );
        assert.deepEqual(
          (await store.searchBodies('230881001')).map((b) => b.id),
          ['230881001'],
        );
      }));
  });
}

/** The corpus findings of current versions: the report, the rule, and the other report it names. */
async function corpusFindingsOf(store: StoreType) {
  const rows = await store.db
    .selectFrom('findings as f')
    .innerJoin('report_versions as v', 'v.id', 'f.version_id')
    .leftJoin('report_versions as rv', 'rv.id', 'f.related_version_id')
    .select([
      'v.agency',
      'v.year',
      'f.rule',
      'f.message',
      'rv.agency as relatedAgency',
      'rv.year as relatedYear',
    ])
    .where('f.scope', '=', 'corpus')
    .where('v.is_current', '=', 1)
    .execute();
  return rows
    .map((r) => `${r.agency} ${r.year} ${r.rule} → ${r.relatedAgency} ${r.relatedYear}: ${r.message}`)
    .sort();
}

/** Ingests files one after the other, as `xxgk ingest` does, and finishes the corpus checks. */
async function ingestFiles(store: StoreType, files: string[]) {
  const ingester = await Ingester.create(store, { jobs: 1 });
  try {
    for (const file of files) assert.ok((await ingester.ingestFile(file)).ok);
    await ingester.finishCorpusChecks();
  } finally {
    await ingester.close();
  }
  return ingester.corpusTally;
}

for (const backend of [sqliteBackend(), postgresBackend()]) {
  describe(`corpus checks at ingest on ${backend.name}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-corpus-'));
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await backend.cleanup();
    });
    const file = (name: string, bytes: Uint8Array) => {
      writeFileSync(join(dir, name), bytes);
      return join(dir, name);
    };

    test('late years, copied peers, re-ingest and an interrupted run keep the corpus findings current', () =>
      withStore(backend, async (store) => {
        const fanrong = file('fanrong-2023.txt', FANRONG_2023);
        const xinglong = file('xinglong-2023.txt', XINGLONG_2023);
        const earlier = file('fanrong-2022.txt', FANRONG_2022);
        assert.equal((await ingestFiles(store, [fanrong, xinglong])).checked, 2);
        const peers = await corpusFindingsOf(store);
        assert.ok(
          peers.some((f) => f.startsWith('同江市繁荣街道 2023 similarity.peer → 同江市兴隆街道 2023')),
        );
        assert.ok(
          peers.some((f) => f.startsWith('同江市兴隆街道 2023 similarity.peer → 同江市繁荣街道 2023')),
        );

        // Last year arrives late: this year's report now also copies its own past.
        const late = await ingestFiles(store, [earlier]);
        assert.deepEqual([late.checked, late.rechecked], [1, 1]);
        const all = await corpusFindingsOf(store);
        assert.ok(
          all.some((f) => f.startsWith('同江市繁荣街道 2023 similarity.ownPast → 同江市繁荣街道 2022')),
        );
        assert.ok(!all.some((f) => f.startsWith('同江市繁荣街道 2022')), 'nothing to compare 2022 with');

        const counts = await store.counts();
        assert.equal((await ingestFiles(store, [fanrong, xinglong, earlier])).checked, 0);
        assert.deepEqual(await store.counts(), counts, 're-ingest adds no row');

        // A run stopped between storing versions and checking them: the next run completes the checks.
        await store.db.deleteFrom('findings').where('scope', '=', 'corpus').execute();
        await store.db
          .insertInto('corpus_pending')
          .columns(['version_id'])
          .expression((eb) => eb.selectFrom('report_versions').select('id').where('is_current', '=', 1))
          .execute();
        assert.equal((await ingestFiles(store, [])).checked, 3);
        assert.deepEqual(await corpusFindingsOf(store), all);
        assert.deepEqual(await store.pendingCorpusChecks(), []);

        // Versions marked again (their findings predate the corpus telling boilerplate), twice over.
        const current = await store.db
          .selectFrom('report_versions')
          .select('id')
          .where('is_current', '=', 1)
          .execute();
        const versions = current.map((r) => Number(r.id)).sort((a, b) => a - b);
        await store.markCorpusPending(versions);
        await store.markCorpusPending(versions.slice(0, 1));
        assert.deepEqual(await store.pendingCorpusChecks(), versions);
        assert.equal((await ingestFiles(store, [])).checked, 3);
        assert.deepEqual(await corpusFindingsOf(store), all);
        assert.deepEqual(await store.pendingCorpusChecks(), []);
      }));
  });
}
