/**
 * The web app's store queries (web-reports.ts, web-bodies.ts) in the store contract: every one, through
 * `Store`, on SQLite, on a real PostgreSQL server (never skipped), and on a PostgreSQL database whose
 * default collation is Chinese (ICU 「zh」, pinyin order, as a server set up in China would have it). The
 * same registry and real reports go into each, and every answer must be the same on all three: search by
 * name (ASCII letters in any case) and by pinyin initials, every filter, every sort (ties, NULLs and
 * Chinese text ordered the same), paging, scopes, tree counts with sub-unit rollups, comparison data.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import {
  subtreeRange,
  validateUnits,
  type ReportListFilter,
  type ReportSort,
  type Store,
  type StoreLocation,
} from '../src/store/index.ts';
import { newVersion, openFresh, postgresBackend, sqliteBackend, type Backend } from './support/store.ts';
import { variant } from './support/variants.ts';
import { registryRows, seedStore, type SeededIds } from './support/web-data.ts';

/** The standard PostgreSQL backend's server again, with a database whose default collation is pinyin. */
function chineseCollation(standard: Backend): Backend {
  return {
    name: 'PostgreSQL',
    location: async (): Promise<StoreLocation> => {
      const fresh = await standard.location();
      if (fresh.kind !== 'postgres') throw new Error('expected a PostgreSQL location');
      const admin = new URL(fresh.url);
      admin.pathname = '/postgres';
      const name = `xxgk_zh_${process.pid}_${Date.now().toString(36)}`;
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      try {
        await client.query(
          `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'zh' LOCALE 'C'`,
        );
      } finally {
        await client.end();
      }
      const url = new URL(fresh.url);
      url.pathname = `/${name}`;
      return { kind: 'postgres', url: url.toString() };
    },
    cleanup: async () => {},
  };
}

interface Db {
  name: string;
  store: Store;
  ids: SeededIds['reports'] & { abc2021: number; abc2022: number; xyz: number };
  /** Report id → 「agency·year」, version id → 「agency·year#n」: ids may differ between databases. */
  label: Map<number, string>;
  versionLabel: Map<number, string>;
  /** Version ids by report label, oldest first. */
  versions: Map<string, number[]>;
}

const sqlite = sqliteBackend();
const postgres = postgresBackend();
const zh = chineseCollation(postgres);
const dbs: Db[] = [];

/** A body under 同江市 named with Latin capitals, and two years of its reports; an unmatched Latin agency. */
async function seed(backend: Backend, name: string): Promise<Db> {
  const store = await openFresh(backend);
  const seeded = (await seedStore(store)).reports;
  const rows = registryRows();
  rows.push({
    line: 99,
    id: '230881004',
    parentId: '230881',
    name: 'ABC园区管理委员会',
    kind: '其他',
    level: '单位',
  });
  await store.importUnits(validateUnits(rows));
  const abc = { bodyId: '230881004', confidence: 1, method: 'manual' as const };
  const save = async (bytes: Uint8Array, file: string, body: typeof abc | null) => {
    const saved = await store.saveVersion(await newVersion(bytes, file, { body }));
    assert.ok(saved.reportId, file);
    return saved.reportId;
  };
  const ids = {
    ...seeded,
    abc2021: await save(variant('fanrong', { street: 'ABC园区', year: 2021 }), 'abc-2021.txt', abc),
    abc2022: await save(variant('fanrong', { street: 'ABC园区', year: 2022 }), 'abc-2022.txt', abc),
    xyz: await save(variant('zhenxing', { street: 'XYZ开发区', year: 2021 }), 'xyz-2021.txt', null),
  };
  const label = new Map<number, string>();
  const versionLabel = new Map<number, string>();
  const versions = new Map<string, number[]>();
  for (const r of (await store.listReports({ range: null, limit: 500 })).rows) {
    const l = `${r.agency ?? '?'}·${r.year ?? '?'}`;
    assert.ok(![...label.values()].includes(l), `labels are unique: ${l}`);
    label.set(r.reportId, l);
    const history = (await store.history(r.reportId)).map((h) => h.versionId).sort((a, b) => a - b);
    versions.set(l, history);
    history.forEach((v, i) => versionLabel.set(v, `${l}#${i + 1}`));
  }
  return { name, store, ids, label, versionLabel, versions };
}

before(async () => {
  dbs.push(await seed(sqlite, 'SQLite'));
  dbs.push(await seed(postgres, 'PostgreSQL'));
  dbs.push(await seed(zh, 'PostgreSQL (zh collation)'));
});

after(async () => {
  for (const db of dbs) await db.store.close();
  await sqlite.cleanup();
  await postgres.cleanup();
});

/** Runs `question` on every database; asserts they all answer as SQLite does (and as `expected`). */
async function same<T>(question: (db: Db) => Promise<T>, expected?: T, message = ''): Promise<T> {
  const answers: T[] = [];
  for (const db of dbs) answers.push(await question(db));
  const [first, ...rest] = answers;
  rest.forEach((answer, i) =>
    assert.deepEqual(answer, first, `${dbs[i + 1]!.name} differs from ${dbs[0]!.name} ${message}`),
  );
  if (expected !== undefined) assert.deepEqual(first, expected, message);
  return first!;
}

/** Every report with a body or an agency name. */
const ALL_NAMED = [
  '兴元市城市管理局·2019',
  '大李庄乡人民政府·2020',
  '孝义市振兴街道办事处·2020',
  '松北区船口街道·2020',
  '同江市ABC园区·2021',
  '孝义市XYZ开发区办事处·2021',
  '同江市ABC园区·2022',
  '同江市繁荣街道·2022',
  '同江市兴隆街道·2023',
  '同江市繁荣街道·2023',
];

const range = (path: string) => subtreeRange(path);
const HARBIN = range('/23/2301/');
const TONGJIANG = range('/23/2308/230881/');
const JIAMUSI = range('/23/2308/');

/** The list as labels, and its total. */
async function list(db: Db, filter: Partial<ReportListFilter>) {
  const l = await db.store.listReports({ range: null, limit: 500, ...filter });
  return { total: l.total, rows: l.rows.map((r) => db.label.get(r.reportId)!) };
}

async function listRows(db: Db, filter: Partial<ReportListFilter>) {
  const l = await db.store.listReports({ range: null, limit: 500, ...filter });
  return l.rows.map((r) => ({
    ...r,
    reportId: db.label.get(r.reportId),
    versionId: db.versionLabel.get(r.versionId),
  }));
}

describe('report list', () => {
  test('every report, ordered by year then agency (NULL first, code-point order), with counts and paths', async () => {
    const all = await same((db) => list(db, {}), {
      total: 11,
      rows: [
        '兴元市城市管理局·2019',
        '?·2020',
        '大李庄乡人民政府·2020',
        '孝义市振兴街道办事处·2020',
        '松北区船口街道·2020',
        '同江市ABC园区·2021',
        '孝义市XYZ开发区办事处·2021',
        '同江市ABC园区·2022',
        '同江市繁荣街道·2022',
        '同江市兴隆街道·2023',
        '同江市繁荣街道·2023',
      ],
    });
    assert.equal(all.rows.length, 11);
    const rows = await same((db) => listRows(db, {}));
    const chuankou = rows.find((r) => r.reportId === '松北区船口街道·2020')!;
    assert.deepEqual(chuankou.bodyPath, ['黑龙江省人民政府', '哈尔滨市人民政府', '松北区人民政府']);
    assert.equal(chuankou.bodyId, '230109001');
    assert.ok(chuankou.errors > 0 && typeof chuankou.errors === 'number');
    const fanrong = rows.find((r) => r.reportId === '同江市繁荣街道·2023')!;
    assert.equal(fanrong.versionId, '同江市繁荣街道·2023#2', 'the current version is the corrected one');
    const unmatched = rows.find((r) => r.reportId === '孝义市XYZ开发区办事处·2021')!;
    assert.deepEqual([unmatched.bodyId, unmatched.bodyPath], [null, []]);
  });

  test('search: a body’s name or pinyin initials at any level, ASCII letters in any case', async () => {
    const cases: [string, string[]][] = [
      ['哈尔滨', ['松北区船口街道·2020']],
      ['hebs', ['松北区船口街道·2020']],
      ['HEBS', ['松北区船口街道·2020']],
      [
        '黑龙江',
        [
          '松北区船口街道·2020',
          '同江市ABC园区·2021',
          '同江市ABC园区·2022',
          '同江市繁荣街道·2022',
          '同江市兴隆街道·2023',
          '同江市繁荣街道·2023',
        ],
      ],
      [
        '同江',
        [
          '同江市ABC园区·2021',
          '同江市ABC园区·2022',
          '同江市繁荣街道·2022',
          '同江市兴隆街道·2023',
          '同江市繁荣街道·2023',
        ],
      ],
      [
        'tjs',
        [
          '同江市ABC园区·2021',
          '同江市ABC园区·2022',
          '同江市繁荣街道·2022',
          '同江市兴隆街道·2023',
          '同江市繁荣街道·2023',
        ],
      ],
      ['繁荣', ['同江市繁荣街道·2022', '同江市繁荣街道·2023']],
      ['frjd', ['同江市繁荣街道·2022', '同江市繁荣街道·2023']],
      ['230881002', ['同江市兴隆街道·2023']],
      // Name only (initials have no Chinese): PostgreSQL's LIKE alone would miss the capitals.
      ['abc园区', ['同江市ABC园区·2021', '同江市ABC园区·2022']],
      ['ABC园区', ['同江市ABC园区·2021', '同江市ABC园区·2022']],
      ['Abcyq', ['同江市ABC园区·2021', '同江市ABC园区·2022']],
      // Unmatched reports by the agency they print.
      ['大李庄', ['大李庄乡人民政府·2020']],
      ['xyz', ['孝义市XYZ开发区办事处·2021']],
      ['xYz开发', ['孝义市XYZ开发区办事处·2021']],
      ['城市管理', ['兴元市城市管理局·2019']],
      // Wildcards are dropped, not obeyed: 「%」 is an empty search within every name.
      ['%', ALL_NAMED],
      ['不存在的单位', []],
    ];
    for (const [query, rows] of cases)
      await same((db) => list(db, { query }), { total: rows.length, rows }, query);
    // Initials match bodies under 孝义市 and 松北区 too: 教育局 has no reports, its siblings' are not found.
    await same((db) => list(db, { query: 'jyj' }), { total: 0, rows: [] });
  });

  test('filters: region, year, kind, rule, severity, each alone and together', async () => {
    const count = async (filter: Partial<ReportListFilter>) =>
      same((db) => list(db, filter), undefined, JSON.stringify(filter));
    assert.equal((await count({ region: JIAMUSI })).total, 5);
    assert.equal((await count({ region: JIAMUSI, year: 2023 })).total, 2);
    assert.equal((await count({ year: 2020 })).total, 4);
    assert.equal((await count({ year: 1999 })).total, 0);
    assert.deepEqual((await count({ kind: 'other' })).rows, ['同江市ABC园区·2021', '同江市ABC园区·2022']);
    assert.deepEqual((await count({ kind: 'township' })).rows, ['大李庄乡人民政府·2020']);
    assert.equal((await count({ kind: 'subdistrict' })).total, 5);
    assert.deepEqual((await count({ kind: 'department' })).rows, [
      '兴元市城市管理局·2019',
      '孝义市XYZ开发区办事处·2021',
    ]);
    assert.deepEqual((await count({ rule: 'similarity.ownPast' })).rows, ['同江市繁荣街道·2023']);
    assert.deepEqual((await count({ rule: 'similarity.peer' })).rows, [
      '同江市兴隆街道·2023',
      '同江市繁荣街道·2023',
    ]);
    const errors = await count({ severity: 'error' });
    assert.ok(errors.rows.includes('松北区船口街道·2020') && errors.rows.includes('大李庄乡人民政府·2020'));
    assert.deepEqual((await count({ rule: 'requests.balance', severity: 'error' })).rows, [
      '松北区船口街道·2020',
    ]);
    assert.equal((await count({ rule: 'requests.balance', severity: 'info' })).total, 0);
    assert.deepEqual(
      (await count({ region: TONGJIANG, kind: 'subdistrict', query: 'xl', year: 2023 })).rows,
      ['同江市兴隆街道·2023'],
    );
  });

  test('scope: a scoped list never shows another subtree’s report, nor an unmatched one', async () => {
    await same((db) => list(db, { range: HARBIN }), { total: 1, rows: ['松北区船口街道·2020'] });
    await same((db) => list(db, { range: HARBIN, query: '同江' }), { total: 0, rows: [] });
    await same((db) => list(db, { range: HARBIN, query: '大李庄' }), { total: 0, rows: [] });
    await same((db) => list(db, { range: HARBIN, region: TONGJIANG }), { total: 0, rows: [] });
    await same((db) => list(db, { range: TONGJIANG, query: 'abc' }), {
      total: 2,
      rows: ['同江市ABC园区·2021', '同江市ABC园区·2022'],
    });
    // A range ending where another begins: 230881 must not take in 2308810…, nor 2308 take 23081….
    const tongjiang = await same((db) => list(db, { range: TONGJIANG }));
    assert.equal(tongjiang.total, 5);
    await same((db) => list(db, { range: range('/23/2308/230881/230881001/') }), {
      total: 2,
      rows: ['同江市繁荣街道·2022', '同江市繁荣街道·2023'],
    });
  });

  test('every sort, both ways: the same order on each database, ties broken by the report', async () => {
    const sorts: ReportSort[] = ['year', 'agency', 'errors', 'published'];
    const orders: Record<string, string[]> = {};
    for (const sort of sorts)
      for (const descending of [false, true]) {
        const all = await same((db) => list(db, { sort, descending }), undefined, `${sort} ${descending}`);
        assert.equal(all.rows.length, 11);
        orders[`${sort}-${descending ? 'desc' : 'asc'}`] = all.rows;
        // Pages of 3 put together are the whole list; each page gives the full total.
        for (const size of [3, 4]) {
          const pages: string[] = [];
          for (let offset = 0; offset < 11; offset += size) {
            const page = await same((db) => list(db, { sort, descending, offset, limit: size }));
            assert.equal(page.total, 11);
            pages.push(...page.rows);
          }
          assert.deepEqual(pages, all.rows, `${sort} ${descending} by ${size}`);
        }
      }
    // Agencies in code-point order, the unknown one smallest: not pinyin (大 松 孝) on any database.
    assert.deepEqual(orders['agency-asc'], [
      '?·2020',
      '兴元市城市管理局·2019',
      '同江市ABC园区·2022',
      '同江市ABC园区·2021',
      '同江市兴隆街道·2023',
      '同江市繁荣街道·2023',
      '同江市繁荣街道·2022',
      '大李庄乡人民政府·2020',
      '孝义市XYZ开发区办事处·2021',
      '孝义市振兴街道办事处·2020',
      '松北区船口街道·2020',
    ]);
    assert.deepEqual(orders['agency-desc']!.slice(-1), ['?·2020'], 'NULL last descending');
    const published = await same((db) => listRows(db, { sort: 'published' }));
    const dates = published.map((r) => r.publishedOn);
    assert.equal(dates[0], null, 'unknown dates first ascending');
    assert.deepEqual(
      dates.filter((d) => d !== null),
      dates.filter((d) => d !== null).sort(),
    );
    const latest = await same((db) => listRows(db, { sort: 'published', descending: true }));
    assert.equal(latest.at(-1)!.publishedOn, null, 'unknown dates last descending');
    const byErrors = await same((db) => listRows(db, { sort: 'errors', descending: true }));
    assert.equal(byErrors[0]!.reportId, '松北区船口街道·2020');
    const pairs = byErrors.map((r) => [r.errors, r.warnings] as const);
    for (let i = 1; i < pairs.length; i++)
      assert.ok(
        pairs[i]![0] < pairs[i - 1]![0] ||
          (pairs[i]![0] === pairs[i - 1]![0] && pairs[i]![1] <= pairs[i - 1]![1]),
      );
    // Ties (same year; same errors and warnings; same date) come in report order on every database.
    const ties = byErrors.filter((r) => r.errors === 0 && r.warnings === 1).map((r) => r.reportId);
    assert.ok(ties.length >= 2, 'the data has ties');
    const year = await same((db) => list(db, { sort: 'year', descending: true }));
    assert.deepEqual(year.rows.slice(0, 2), ['同江市兴隆街道·2023', '同江市繁荣街道·2023']);
  });
});

describe('report detail', () => {
  test('header: in scope, outside it, unmatched for a scoped viewer, unknown', async () => {
    await same(
      async (db) => {
        const h = await db.store.reportHeader(db.ids.chuankou, null);
        return (
          h && {
            ...h,
            reportId: db.label.get(h.reportId),
            currentVersionId: db.versionLabel.get(h.currentVersionId!),
          }
        );
      },
      {
        reportId: '松北区船口街道·2020',
        agency: '松北区船口街道',
        agencyKind: 'subdistrict',
        year: 2020,
        bodyId: '230109001',
        bodyName: '船口街道办事处',
        bodyPath: ['黑龙江省人民政府', '哈尔滨市人民政府', '松北区人民政府'],
        matchMethod: (await dbs[0]!.store.reportHeader(dbs[0]!.ids.chuankou, null))!.matchMethod,
        currentVersionId: '松北区船口街道·2020#1',
      },
    );
    await same(async (db) => (await db.store.reportHeader(db.ids.chuankou, HARBIN))?.bodyId, '230109001');
    await same(async (db) => db.store.reportHeader(db.ids.chuankou, TONGJIANG), null);
    await same(async (db) => db.store.reportHeader(db.ids.xyz, HARBIN), null);
    await same(async (db) => (await db.store.reportHeader(db.ids.xyz, null))?.matchMethod, null);
    await same(async (db) => db.store.reportHeader(999_999, null), null);
  });

  test('versions: current and old, with source; another report’s version is not found', async () => {
    const version = async (db: Db, reportId: number, versionId: number) => {
      const v = await db.store.reportVersion(reportId, versionId);
      return (
        v && {
          ...v,
          versionId: db.versionLabel.get(v.versionId),
          reportId: db.label.get(v.reportId),
          createdAt: typeof v.createdAt,
          record: {
            agency: v.record.agency,
            year: v.record.year,
            tables: Object.keys(v.record.tables).length,
          },
        }
      );
    };
    const [old, current] = await same(async (db) => {
      const [first, second] = db.versions.get('同江市繁荣街道·2023')!;
      return [await version(db, db.ids.fanrong2023, first!), await version(db, db.ids.fanrong2023, second!)];
    });
    assert.equal(old!.isCurrent, false);
    assert.equal(current!.isCurrent, true);
    assert.equal(current!.record.year, 2023);
    assert.equal(typeof current!.source.size, 'number');
    assert.equal(current!.source.kind, 'text');
    await same(async (db) => version(db, db.ids.zhenxing, db.versions.get('同江市繁荣街道·2023')![0]!), null);
    await same(async (db) => {
      const pdf = db.versions.get('兴元市城市管理局·2019')![0]!;
      return (await db.store.reportVersion(db.ids.pdf, pdf))?.source.kind;
    }, 'pdf');
  });

  test('findings: errors first, with cells, quotes and the related report', async () => {
    const findings = async (db: Db, reportId: number) => {
      const header = await db.store.reportHeader(reportId, null);
      const list = await db.store.versionFindings(header!.currentVersionId!);
      return list.map(({ id, ...f }) => ({
        ...f,
        id: typeof id,
        related: f.related && {
          ...f.related,
          versionId: db.versionLabel.get(f.related.versionId),
          reportId: db.label.get(f.related.reportId),
        },
      }));
    };
    const chuankou = await same((db) => findings(db, db.ids.chuankou));
    const severities = chuankou.map((f) => f.severity);
    assert.deepEqual(
      severities,
      [...severities].sort((a, b) => (a === b ? 0 : a === 'error' ? -1 : b === 'error' ? 1 : a < b ? 1 : -1)),
    );
    assert.ok(chuankou.some((f) => f.cells.length > 0 && f.expected !== null && f.actual !== null));
    const fanrong = await same((db) => findings(db, db.ids.fanrong2023));
    const ownPast = fanrong.filter((f) => f.rule === 'similarity.ownPast');
    assert.ok(ownPast.length > 0);
    for (const f of ownPast) {
      assert.equal(f.scope, 'corpus');
      assert.equal(f.related?.reportId, '同江市繁荣街道·2022');
      assert.ok(f.text && f.text.quote.length > 0);
    }
    await same(async (db) => db.store.versionFindings(999_999), []);
  });
});

describe('comparison', () => {
  test('a body’s years, latest first, within the scope', async () => {
    const years = (db: Db, bodyId: string, scope: [string, string] | null) =>
      db.store
        .bodyYears(bodyId, scope)
        .then((ys) => ys.map((y) => [y.year, db.label.get(y.reportId), db.versionLabel.get(y.versionId)]));
    await same(
      (db) => years(db, '230881001', null),
      [
        [2023, '同江市繁荣街道·2023', '同江市繁荣街道·2023#2'],
        [2022, '同江市繁荣街道·2022', '同江市繁荣街道·2022#1'],
      ],
    );
    await same(
      (db) => years(db, '230881004', TONGJIANG),
      [
        [2022, '同江市ABC园区·2022', '同江市ABC园区·2022#1'],
        [2021, '同江市ABC园区·2021', '同江市ABC园区·2021#1'],
      ],
    );
    await same((db) => years(db, '230881001', HARBIN), []);
    await same((db) => years(db, '230881003', null), []);
  });

  test('bodies with two years or more: search by name in any case and by initials, scoped', async () => {
    const both = [
      {
        id: '230881001',
        name: '繁荣街道办事处',
        path: ['黑龙江省人民政府', '佳木斯市人民政府', '同江市人民政府'],
        years: 2,
      },
      {
        id: '230881004',
        name: 'ABC园区管理委员会',
        path: ['黑龙江省人民政府', '佳木斯市人民政府', '同江市人民政府'],
        years: 2,
      },
    ];
    await same((db) => db.store.comparableBodies('', null), both);
    await same((db) => db.store.comparableBodies('', TONGJIANG), both);
    await same((db) => db.store.comparableBodies('', null, 1), both.slice(0, 1));
    await same((db) => db.store.comparableBodies('frjd', null), both.slice(0, 1));
    await same((db) => db.store.comparableBodies('繁荣', null), both.slice(0, 1));
    await same((db) => db.store.comparableBodies('abc园', null), both.slice(1));
    await same((db) => db.store.comparableBodies('aBc', TONGJIANG), both.slice(1));
    await same((db) => db.store.comparableBodies('230881004', null), both.slice(1));
    await same((db) => db.store.comparableBodies('', HARBIN), []);
    await same((db) => db.store.comparableBodies('兴隆', null), [], 'one year only');
  });

  test('report years and region choices', async () => {
    await same((db) => db.store.reportYears(), [2023, 2022, 2021, 2020, 2019]);
    const all = await same((db) => db.store.regionChoices(null));
    assert.deepEqual(
      all.map((c) => [c.id, c.depth]),
      [
        ['14', 0],
        ['1411', 1],
        ['141181', 2],
        ['23', 0],
        ['2301', 1],
        ['230109', 2],
        ['2308', 1],
        ['230881', 2],
      ],
    );
    await same(
      async (db) => (await db.store.regionChoices(JIAMUSI)).map((c) => `${c.id} ${c.name} ${c.level}`),
      ['2308 佳木斯市人民政府 city', '230881 同江市人民政府 county'],
    );
  });
});

describe('bodies and activity', () => {
  test('tree counts roll sub-units up, per year and within a scope', async () => {
    const counts = (db: Db, year: number, scope: [string, string] | null) =>
      db.store
        .bodyCounts({ year, range: scope })
        .then((cs) => cs.map((c) => `${c.id} ${c.reported ? '✓' : '·'} ${c.reportedBodies}/${c.bodies}`));
    await same(
      (db) => counts(db, 2023, null),
      [
        '14 · 0/5',
        '1411 · 0/4',
        '141181 · 0/3',
        '141181001 · 0/1',
        '141181002 · 0/1',
        '23 · 2/11',
        '2301 · 0/4',
        '230109 · 0/3',
        '230109001 · 0/1',
        '230109002 · 0/1',
        '2308 · 2/6',
        '230881 · 2/5',
        '230881001 ✓ 1/1',
        '230881002 ✓ 1/1',
        '230881003 · 0/1',
        '230881004 · 0/1',
      ],
    );
    await same(
      (db) => counts(db, 2022, TONGJIANG),
      ['230881 · 2/5', '230881001 ✓ 1/1', '230881002 · 0/1', '230881003 · 0/1', '230881004 ✓ 1/1'],
    );
    await same(
      (db) => counts(db, 2020, null).then((c) => c.filter((x) => /^(14|23|230109) /.test(x))),
      ['14 · 1/5', '23 · 1/11', '230109 · 1/3'],
    );
    const one = await same((db) =>
      db.store.bodyCounts({ year: 2021, range: range('/23/2308/230881/230881004/') }),
    );
    assert.deepEqual(one, [
      {
        id: '230881004',
        parentId: '230881',
        name: 'ABC园区管理委员会',
        kind: 'other',
        level: 'body',
        path: '/23/2308/230881/230881004/',
        reported: true,
        bodies: 1,
        reportedBodies: 1,
      },
    ]);
  });

  test('years on record and activity by year, all and scoped', async () => {
    await same((db) => db.store.yearsOnRecord(null), [2023, 2022, 2021, 2020, 2019]);
    await same((db) => db.store.yearsOnRecord(TONGJIANG), [2023, 2022, 2021]);
    await same((db) => db.store.yearsOnRecord(HARBIN), [2020]);
    await same((db) => db.store.yearsOnRecord(range('/23/2301/230109/230109002/')), []);
    const all = await same((db) => db.store.activityByYear(null));
    assert.deepEqual(
      all.map((y) => [y.year, y.reports]),
      [
        [2019, 1],
        [2020, 4],
        [2021, 2],
        [2022, 2],
        [2023, 2],
      ],
    );
    assert.ok(all.every((y) => typeof y.findings === 'number' && y.errors <= y.findings));
    const harbin = await same((db) => db.store.activityByYear(HARBIN));
    assert.equal(harbin.length, 1);
    assert.equal(harbin[0]!.errors, all.find((y) => y.year === 2020)!.errors - 1, '大李庄 has one error');
    await same(
      async (db) => [...(await db.store.activityByYear(TONGJIANG))].map((y) => [y.year, y.reports]),
      [
        [2021, 1],
        [2022, 2],
        [2023, 2],
      ],
    );
  });

  test('activity by body: matched reports only, per year and scope', async () => {
    const byBody = (db: Db, year: number, scope: [string, string] | null) =>
      db.store
        .activityByBody({ year, range: scope })
        .then((m) =>
          [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, v]) => [id, v.reports, v.findings]),
        );
    const y2023 = await same((db) => byBody(db, 2023, null));
    assert.deepEqual(
      y2023.map(([id, reports]) => [id, reports]),
      [
        ['230881001', 1],
        ['230881002', 1],
      ],
    );
    assert.ok(y2023.every(([, , findings]) => (findings as number) > 0));
    await same((db) => byBody(db, 2020, HARBIN).then((r) => r.map(([id, n]) => [id, n])), [['230109001', 1]]);
    await same((db) => byBody(db, 2020, TONGJIANG), []);
    await same((db) => byBody(db, 2021, null).then((r) => r.map(([id, n]) => [id, n])), [['230881004', 1]]);
  });

  test('child bodies in registry order', async () => {
    const ids = (db: Db, parent: string | null) =>
      db.store.childBodies(parent).then((bs) => bs.map((b) => b.id));
    await same((db) => ids(db, null), ['14', '23']);
    await same((db) => ids(db, '23'), ['2301', '2308']);
    await same((db) => ids(db, '230881'), ['230881001', '230881002', '230881003', '230881004']);
    await same((db) => ids(db, '230881004'), []);
    await same((db) => ids(db, 'nope'), []);
  });

  test('scoped search by name (any case) and initials, with ancestors', async () => {
    const found = (db: Db, q: string, scope: [string, string] | null, limit?: number) =>
      db.store
        .searchBodiesIn(q, scope, limit)
        .then((bs) => bs.map((b) => `${b.id} ${b.ancestors.join('/')}`));
    await same(
      (db) => found(db, 'jyj', null),
      [
        '141181002 山西省人民政府/吕梁市人民政府/孝义市人民政府',
        '230109002 黑龙江省人民政府/哈尔滨市人民政府/松北区人民政府',
        '230881003 黑龙江省人民政府/佳木斯市人民政府/同江市人民政府',
      ],
    );
    await same(
      (db) => found(db, 'JYJ', TONGJIANG),
      ['230881003 黑龙江省人民政府/佳木斯市人民政府/同江市人民政府'],
    );
    await same(
      (db) => found(db, 'jyj', null, 2),
      [
        '141181002 山西省人民政府/吕梁市人民政府/孝义市人民政府',
        '230109002 黑龙江省人民政府/哈尔滨市人民政府/松北区人民政府',
      ],
    );
    await same(
      (db) => found(db, 'abc园区', null),
      ['230881004 黑龙江省人民政府/佳木斯市人民政府/同江市人民政府'],
    );
    await same((db) => found(db, 'Abc园区', HARBIN), []);
    await same(
      (db) => found(db, '教育局', HARBIN),
      ['230109002 黑龙江省人民政府/哈尔滨市人民政府/松北区人民政府'],
    );
    await same((db) => found(db, '  ', null), []);
    await same((db) => found(db, '2301', null), ['2301 黑龙江省人民政府']);
    const withAncestors = await same(async (db) =>
      db.store
        .withAncestors(await db.store.childBodies('230109'))
        .then((bs) => bs.map((b) => [b.id, b.ancestors])),
    );
    assert.deepEqual(withAncestors, [
      ['230109001', ['黑龙江省人民政府', '哈尔滨市人民政府', '松北区人民政府']],
      ['230109002', ['黑龙江省人民政府', '哈尔滨市人民政府', '松北区人民政府']],
    ]);
  });
});

describe('re-check', () => {
  test('replacing a version’s report findings keeps its corpus findings, on every database', async () => {
    const rules = async (db: Db) => {
      const v = (await db.store.reportHeader(db.ids.fanrong2023, null))!.currentVersionId!;
      return (await db.store.versionFindings(v)).map((f) => `${f.scope} ${f.severity} ${f.rule}`);
    };
    const before = await same(rules);
    await same(
      async (db) => {
        const v = (await db.store.reportHeader(db.ids.fanrong2023, null))!.currentVersionId!;
        await db.store.replaceReportFindings(v, [
          { rule: 'table.rowShort', severity: 'error', message: '测试', cells: ['requests.received.total'] },
        ]);
        return rules(db);
      },
      ['report error table.rowShort', ...before.filter((r) => r.startsWith('corpus '))],
    );
    await same((db) => list(db, { severity: 'error', region: TONGJIANG }), {
      total: 1,
      rows: ['同江市繁荣街道·2023'],
    });
  });
});
