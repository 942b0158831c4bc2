/**
 * `xxgk ingest` and `xxgk reparse`, run as the binary: idempotence, versions with history, unreadable
 * files, a kill -9 midway, a locked or read-only SQLite file, and PostgreSQL going away mid-ingest.
 */
import assert from 'node:assert/strict';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, describe, test } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { PARSER_VERSION } from '../src/pipeline/version.ts';
import { createRng, deriveSeed, randomRecord, renderReport } from '../src/synthetic/index.ts';
import { CorpusIndex, Ingester, ParserPool } from '../src/ingest/index.ts';
import { ByteBudget } from '../src/ingest/byte-budget.ts';
import { Store, type StoreCounts, type StoreLocation } from '../src/store/index.ts';
import { ROOT, sleep, STACK_FRAME, xxgk, xxgkChild } from './support/cli.ts';
import { startPostgres, type PostgresServer } from './support/postgres.ts';
import { streetName, variant } from './support/variants.ts';

const temp: string[] = [];
after(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-ingest-'));
  temp.push(dir);
  return dir;
}

/** A folder of reports: four bodies and years made from the seeds, an empty file and a binary one. */
function corpus(): { dir: string; reports: string; db: string } {
  const dir = tempDir();
  const reports = join(dir, 'reports');
  mkdirSync(reports);
  writeFileSync(join(reports, 'fanrong-2023.txt'), variant('fanrong'));
  writeFileSync(join(reports, 'fanrong-2022.txt'), variant('fanrong', { year: 2022 }));
  writeFileSync(join(reports, 'xinglong-2023.txt'), variant('fanrong', { street: '兴隆街道' }));
  writeFileSync(join(reports, 'zhenxing-2020.txt'), variant('zhenxing'));
  copyFileSync(join(ROOT, 'test/fixtures/cli/bad/empty.txt'), join(reports, 'empty.txt'));
  copyFileSync(join(ROOT, 'test/fixtures/cli/bad/binary.txt'), join(reports, 'binary.txt'));
  return { dir, reports, db: join(dir, 'db', 'xxgk.db') };
}

async function counts(location: StoreLocation): Promise<StoreCounts> {
  const store = await Store.open(location, { readOnly: true });
  try {
    return await store.counts();
  } finally {
    await store.close();
  }
}

const sqlite = (file: string): StoreLocation => ({ kind: 'sqlite', file });

describe('xxgk ingest into SQLite', () => {
  test('stores every report once, records unreadable files, and changes nothing the second time', async () => {
    const { reports, db } = corpus();
    const first = xxgk(['ingest', reports, '--db', db]);
    assert.equal(first.status, 1, `unreadable files make the run exit 1\n${first.stderr}`);
    assert.match(first.stdout, /新报告 4 份/);
    assert.match(first.stdout, /无法读取 2 个文件/);
    assert.match(first.stderr, /empty\.txt: 文件为空/);
    assert.match(first.stderr, /binary\.txt: /);
    assert.doesNotMatch(first.stderr, STACK_FRAME);
    const before = await counts(sqlite(db));
    assert.equal(before.reports, 4);
    assert.equal(before.versions, 4);
    assert.equal(before.sources, 4);
    assert.equal(before.unreadable, 2, 'unreadable files are recorded, never stored as reports');

    const again = xxgk(['ingest', reports, '--db', db]);
    assert.equal(again.status, 1);
    assert.match(again.stdout, /新报告 0 份，新版本 0 份，已入库未变 4 份/);
    assert.match(again.stderr, /empty\.txt: 文件为空/, 'unreadable files are listed again');
    assert.deepEqual(await counts(sqlite(db)), before, 'zero new rows');
  });

  test('a changed file is a new version of its report; the old version is kept', async () => {
    const { reports, db } = corpus();
    assert.equal(xxgk(['ingest', reports, '--db', db]).status, 1);
    writeFileSync(
      join(reports, 'fanrong-2023.txt'),
      variant('fanrong', { note: '报告发布后更正了一处笔误。' }),
    );
    const r = xxgk(['ingest', join(reports, 'fanrong-2023.txt'), '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /新报告 0 份，新版本 1 份/);
    const store = await Store.open(sqlite(db));
    try {
      const c = await store.counts();
      assert.equal(c.reports, 4);
      assert.equal(c.versions, 5);
      assert.equal(c.currentVersions, 4);
      const changed = [];
      for await (const row of store.reportRows({ year: 2023 })) changed.push(row);
      const fanrong = changed.find((row) => row.agency === '同江市繁荣街道')!;
      const history = await store.history(fanrong.reportId);
      assert.deepEqual(
        history.map((h) => h.isCurrent),
        [false, true],
      );
    } finally {
      await store.close();
    }
  });

  test('the same bytes under two names are stored once', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), variant('fanrong'));
    writeFileSync(join(dir, 'b.txt'), variant('fanrong'));
    const r = xxgk(['ingest', dir, '--db', join(dir, 'x.db')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /新报告 1 份.*重复文件 1 个/);
  });

  test('reparse re-reads sources read by an older parser and keeps the old versions', async () => {
    const { reports, db } = corpus();
    xxgk(['ingest', reports, '--db', db]);
    const raw = new SqliteDatabase(db);
    raw.prepare('update report_versions set parser_version = ?').run(PARSER_VERSION - 1);
    raw.prepare('update sources set parsed_with = ?').run(PARSER_VERSION - 1);
    raw.close();
    const r = xxgk(['reparse', '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /新版本 4 份/);
    const c = await counts(sqlite(db));
    assert.equal(c.versions, 8);
    assert.equal(c.currentVersions, 4);
    assert.equal(c.reports, 4);
    const none = xxgk(['reparse', '--db', db]);
    assert.equal(none.status, 0);
    assert.match(none.stdout, /所有报告均已由当前解析器/);
    const known = xxgk(['ingest', reports, '--db', db]);
    assert.match(known.stdout, /已入库未变 4 份/);
  });

  test('kill -9 midway leaves only whole reports, and a second run completes', async () => {
    const dir = tempDir();
    const reports = join(dir, 'reports');
    mkdirSync(reports);
    const n = 240;
    for (let i = 0; i < n; i++) {
      const bytes = variant(i % 2 ? 'fanrong' : 'zhenxing', { street: streetName(i), year: 2021 + (i % 4) });
      writeFileSync(join(reports, `${String(i).padStart(3, '0')}.txt`), bytes);
    }
    const db = join(dir, 'xxgk.db');
    const { child, done } = xxgkChild(['ingest', reports, '--db', db, '--no-progress']);
    let seen = 0;
    for (let waited = 0; waited < 120_000 && seen < 10; waited += 25) {
      await sleep(25);
      try {
        const probe = new SqliteDatabase(db, { readonly: true, fileMustExist: true });
        seen = (probe.prepare('select count(*) as n from report_versions').get() as { n: number }).n;
        probe.close();
      } catch {
        // Not created yet, or mid-migration.
      }
    }
    child.kill('SIGKILL');
    await done;
    const c = await counts(sqlite(db));
    assert.ok(c.versions >= 10 && c.versions < n, `killed midway: ${c.versions} of ${n} stored`);
    assert.equal(c.cells, c.versions, 'every stored version has its cells');
    assert.equal(c.sources, c.versions, 'no source without its version');
    assert.equal(c.reports, c.versions, 'no report without its version');
    assert.equal(c.currentVersions, c.reports);

    const rerun = xxgk(['ingest', reports, '--db', db, '--no-progress']);
    assert.equal(rerun.status, 0, rerun.stderr);
    assert.match(rerun.stdout, new RegExp(`已入库未变 ${c.versions} 份`));
    const end = await counts(sqlite(db));
    assert.equal(end.versions, n);
    assert.equal(end.reports, n);
    assert.equal(end.cells, n);
  });

  test('a database locked by another program: a clear message, exit 2', () => {
    const { reports, db } = corpus();
    xxgk(['ingest', join(reports, 'fanrong-2023.txt'), '--db', db]);
    const holder = new SqliteDatabase(db);
    holder.exec('begin immediate');
    try {
      const r = xxgk(['ingest', reports, '--db', db, '--no-progress'], { XXGK_BUSY_TIMEOUT: '300' });
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /数据库正被其他程序使用.*\(database is locked/);
      assert.doesNotMatch(r.stderr, STACK_FRAME);
    } finally {
      holder.exec('rollback');
      holder.close();
    }
  });

  test('a read-only database file: a clear message, exit 2', () => {
    const { dir, reports, db } = corpus();
    xxgk(['ingest', join(reports, 'fanrong-2023.txt'), '--db', db]);
    // Root writes through file modes: run the binary as nobody then.
    const asRoot = process.getuid?.() === 0;
    chmodSync(dir, 0o755);
    chmodSync(reports, 0o755);
    chmodSync(join(dir, 'db'), asRoot ? 0o755 : 0o555);
    chmodSync(db, 0o444);
    try {
      const r = xxgk(['ingest', reports, '--db', db], {}, asRoot ? { uid: 65534, gid: 65534 } : {});
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /数据库文件只读，无法写入.*\(database file is read-only/);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      // Reading it still works.
      const read = xxgk(
        ['export', '--to', 'jsonl', '--db', db],
        {},
        asRoot ? { uid: 65534, gid: 65534 } : {},
      );
      assert.equal(read.status, 0, read.stderr);
      assert.equal(read.stdout.trim().split('\n').length, 1);
    } finally {
      chmodSync(join(dir, 'db'), 0o755);
      chmodSync(db, 0o644);
    }
  });

  test('usage mistakes are one line', () => {
    const r = xxgk(['ingest', 'x', '--jobs', '0']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--jobs 应为 1 到 256 的整数/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });
});

describe('xxgk ingest into PostgreSQL', () => {
  let server: PostgresServer | null = null;
  after(async () => {
    await server?.stop();
  });

  test('the server goes away mid-ingest: retried, resumed, every report stored once', async () => {
    server = await startPostgres();
    const url = await server.createDatabase();
    const dir = tempDir();
    const n = 300;
    for (let i = 0; i < n; i++) {
      const bytes = variant(i % 2 ? 'fanrong' : 'zhenxing', { street: streetName(i), year: 2021 + (i % 4) });
      writeFileSync(join(dir, `${String(i).padStart(3, '0')}.txt`), bytes);
    }
    const { child, done } = xxgkChild(['ingest', dir, '--db', url, '--no-progress'], {
      XXGK_DB_RETRY_SECONDS: '90',
    });
    let seen = 0;
    for (let waited = 0; waited < 120_000 && seen < 10; waited += 25) {
      await sleep(25);
      const client = new pg.Client({ connectionString: url });
      try {
        await client.connect();
        seen = Number((await client.query('select count(*) as n from report_versions')).rows[0].n);
      } catch {
        // Not migrated yet.
      } finally {
        await client.end().catch(() => {});
      }
    }
    if (server.external) {
      child.kill('SIGKILL');
      assert.fail('XXGK_TEST_PG gives a server this test cannot stop: run it with a throwaway cluster');
    }
    server.kill();
    await sleep(1500);
    server.start();
    const r = await done;
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /与 PostgreSQL 的连接中断.*正在重试/);
    assert.match(r.stderr, /数据库已恢复连接/);
    const c = await counts({ kind: 'postgres', url });
    assert.equal(c.versions, n);
    assert.equal(c.reports, n);
    assert.equal(c.sources, n);
    assert.equal(c.cells, n);
  });
});

/** The tab-rows fixture (a department's 2022 report) with a 五 long enough to compare, moved to other years. */
const DEPARTMENT = readFileSync(
  join(ROOT, 'fixtures/reports/tab-rows-2021-subtotal-column-transposed-reviews/report.txt'),
  'utf8',
).replace(
  '一是公开内容不够全面。下一步，我局将加强培训，提升公开质量。',
  '一是公开内容不够全面，部分栏目更新不够及时，政策解读的形式比较单一，解读的深度和广度还需要进一步拓展。二是依申请公开办理的规范化水平有待提升，答复文书的格式和用语还不够统一。下一步，我局将加强培训，完善制度，提升公开质量。',
);
const DEPARTMENT_2024 = DEPARTMENT.replaceAll('2023年', '2025年').replaceAll('2022年', '2024年');
/** The year before, carrying 3 requests forward where the 2024 report says 1 was carried over. */
const DEPARTMENT_2023 = DEPARTMENT.replaceAll('2023年', '2024年')
  .replaceAll('2022年', '2023年')
  .replace(
    '四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t0\t1',
    '四、结转下年度继续办理\t3\t0\t0\t0\t0\t0\t0\t3',
  );

interface CorpusRow {
  version: number;
  agency: string;
  year: number;
  rule: string;
  related: number | null;
  relatedYear: number | null;
  relatedAgency: string | null;
  message: string;
}

/** The corpus findings of the current versions, in a stable order. */
function corpusRows(db: string): CorpusRow[] {
  const raw = new SqliteDatabase(db, { readonly: true });
  try {
    return raw
      .prepare(
        `select v.id as version, v.agency, v.year, f.rule, f.related_version_id as related,
                rv.year as relatedYear, rv.agency as relatedAgency, f.message
           from findings f join report_versions v on v.id = f.version_id
           left join report_versions rv on rv.id = f.related_version_id
          where f.scope = 'corpus' and v.is_current = 1
          order by v.agency, v.year, f.rule, f.message`,
      )
      .all() as CorpusRow[];
  } finally {
    raw.close();
  }
}

function pendingCount(db: string): number {
  const raw = new SqliteDatabase(db, { readonly: true });
  try {
    return (raw.prepare('select count(*) as n from corpus_pending').get() as { n: number }).n;
  } finally {
    raw.close();
  }
}

describe('corpus checks at ingest (SQLite)', () => {
  test('a carry-over break found at ingest names last year; a late previous year updates the next', () => {
    const dir = tempDir();
    const db = join(dir, 'xxgk.db');
    writeFileSync(join(dir, '2024.txt'), DEPARTMENT_2024);
    writeFileSync(join(dir, '2023.txt'), DEPARTMENT_2023);

    // 2024 first: nothing to compare it with yet.
    const first = xxgk(['ingest', join(dir, '2024.txt'), '--db', db, '--no-progress']);
    assert.equal(first.status, 0, first.stderr);
    assert.ok(!corpusRows(db).some((r) => r.rule === 'crossYear.carry'));

    // 2023 arrives late: the 2024 report is checked again against it.
    const late = xxgk(['ingest', join(dir, '2023.txt'), '--db', db, '--no-progress']);
    assert.equal(late.status, 0, late.stderr);
    assert.match(late.stdout, /跨报告检查.*检查 1 份.*更新了 1 份相关报告/);
    const rows = corpusRows(db);
    const carry = rows.filter((r) => r.rule === 'crossYear.carry');
    assert.ok(carry.length > 0, JSON.stringify(rows, null, 1));
    assert.ok(
      carry.every((r) => r.year === 2024 && r.relatedYear === 2023),
      'the finding belongs to the later report and names last year’s',
    );
    assert.match(carry[0]!.message, /上年结转.*2023 年报告 四、结转下年度继续办理/);
    const ownPast = rows.filter((r) => r.rule === 'similarity.ownPast');
    assert.ok(ownPast.length > 0, 'the 2024 text copies 2023');
    assert.ok(ownPast.every((r) => r.year === 2024 && r.relatedYear === 2023));
    assert.equal(pendingCount(db), 0);
  });

  test('a section copied between two bodies of one year is found on both, each naming the other', () => {
    const dir = tempDir();
    const db = join(dir, 'xxgk.db');
    writeFileSync(join(dir, 'fanrong.txt'), variant('fanrong'));
    writeFileSync(join(dir, 'xinglong.txt'), variant('fanrong', { street: '兴隆街道' }));
    const r = xxgk(['ingest', dir, '--db', db, '--no-progress']);
    assert.equal(r.status, 0, r.stderr);
    const peer = corpusRows(db).filter((row) => row.rule === 'similarity.peer');
    const fanrong = peer.filter((row) => row.agency === '同江市繁荣街道');
    const xinglong = peer.filter((row) => row.agency === '同江市兴隆街道');
    assert.ok(fanrong.length > 0 && xinglong.length > 0, JSON.stringify(peer, null, 1));
    assert.ok(fanrong.every((row) => row.relatedAgency === '同江市兴隆街道'));
    assert.ok(xinglong.every((row) => row.relatedAgency === '同江市繁荣街道'));
  });

  test('the first reports are checked again once the corpus can tell boilerplate: as a full recomputation', () => {
    // Below 500 reports every sentence counts as a report's own (docs/corpus.md): the synthetic narrative's
    // stock sentences make peer findings that the discount removes once the corpus is larger. The corpus
    // passes 500 in the second run: the first run's reports are checked again from their records, the
    // second run's from the profiles it made.
    const dir = tempDir();
    const reports = join(dir, 'reports');
    for (const part of ['a', 'b']) mkdirSync(join(reports, part), { recursive: true });
    for (let i = 0; i < 560; i++) {
      const rng = createRng(deriveSeed(20261122, i, 'ingest-test'));
      const file = renderReport(randomRecord(rng, { year: 2023, format: '2021' }), 'tab-rows', rng);
      const part = i < 300 ? 'a' : 'b';
      writeFileSync(join(reports, part, `${String(i).padStart(3, '0')}-${file.name}`), file.bytes);
    }
    // And a real copy, which must stay found.
    writeFileSync(join(reports, 'b', 'fanrong.txt'), variant('fanrong'));
    writeFileSync(join(reports, 'b', 'xinglong.txt'), variant('fanrong', { street: '兴隆街道' }));
    const db = join(dir, 'xxgk.db');
    const runs = [join(reports, 'a'), reports].map((folder) => {
      const run = xxgk(['ingest', folder, '--db', db, '--no-progress']);
      assert.ok(run.status === 0 || run.status === 1, run.stderr);
      return run;
    });
    assert.match(runs[0]!.stdout, /新报告 300 份/);
    assert.match(runs[1]!.stdout, /新报告 262 份/);
    const atFirst = runs.reduce(
      (sum, run) => sum + Number(/跨报告检查.*发现问题 (\d+) 项/.exec(run.stdout)?.[1]),
      0,
    );
    const incremental = corpusRows(db).map(({ version: _, related: __, ...row }) => row);
    const peers = incremental.filter((r) => r.rule === 'similarity.peer');
    assert.ok(atFirst > peers.length + 20, `stock sentences matched while the corpus was small: ${atFirst}`);
    assert.ok(peers.some((r) => r.agency === '同江市繁荣街道' && r.relatedAgency === '同江市兴隆街道'));
    assert.ok(peers.some((r) => r.agency === '同江市兴隆街道' && r.relatedAgency === '同江市繁荣街道'));
    assert.equal(pendingCount(db), 0);

    // The same corpus checked from scratch, every report against the whole of it.
    const raw = new SqliteDatabase(db);
    raw.exec(`delete from findings where scope = 'corpus'`);
    raw.exec('insert into corpus_pending select id from report_versions where is_current = 1');
    raw.close();
    const full = xxgk(['ingest', reports, '--db', db, '--no-progress']);
    assert.ok(full.status === 0 || full.status === 1, full.stderr);
    assert.match(full.stdout, /跨报告检查.*检查 562 份/);
    assert.deepEqual(
      corpusRows(db).map(({ version: _, related: __, ...row }) => row),
      incremental,
    );
  });

  test('a similarity index kept across ingesters (the web app) takes in what another process stored', async () => {
    const dir = tempDir();
    const db = join(dir, 'xxgk.db');
    writeFileSync(join(dir, 'fanrong.txt'), variant('fanrong'));
    writeFileSync(join(dir, 'xinglong.txt'), variant('fanrong', { street: '兴隆街道' }));
    writeFileSync(join(dir, 'dongfang.txt'), variant('fanrong', { street: '东方街道' }));
    const store = await Store.open({ kind: 'sqlite', file: db });
    const pool = new ParserPool(1);
    const index = new CorpusIndex(store);
    const upload = async (name: string) => {
      const ingester = await Ingester.create(store, { jobs: 1, pool, corpusIndex: index });
      await ingester.ingestFile(join(dir, name));
      await ingester.finishCorpusChecks();
      await ingester.close();
    };
    try {
      await upload('fanrong.txt');
      assert.equal(index.versionOf.size, 1);
      // Meanwhile, `xxgk ingest` in another process stores a report the server's index has not seen.
      assert.equal(xxgk(['ingest', join(dir, 'xinglong.txt'), '--db', db, '--no-progress']).status, 0);
      await upload('dongfang.txt');
      assert.equal(index.versionOf.size, 3, 'the other process’s report was taken in');
      const peers = corpusRows(db).filter(
        (r) => r.rule === 'similarity.peer' && r.agency === '同江市东方街道',
      );
      assert.ok(peers.length > 0);
    } finally {
      await pool.close();
      await store.close();
    }
  });

  test('re-ingest changes nothing; a reparse and an interrupted run leave the findings as they were', async () => {
    const dir = tempDir();
    const db = join(dir, 'xxgk.db');
    writeFileSync(join(dir, '2023.txt'), DEPARTMENT_2023);
    writeFileSync(join(dir, '2024.txt'), DEPARTMENT_2024);
    writeFileSync(join(dir, 'fanrong.txt'), variant('fanrong'));
    writeFileSync(join(dir, 'xinglong.txt'), variant('fanrong', { street: '兴隆街道' }));
    assert.equal(xxgk(['ingest', dir, '--db', db, '--no-progress']).status, 0);
    const findings = corpusRows(db).map(({ version: _, related: __, ...row }) => row);
    assert.ok(findings.some((r) => r.rule === 'crossYear.carry'));
    assert.ok(findings.some((r) => r.rule === 'similarity.peer'));
    const before = await counts(sqlite(db));

    const again = xxgk(['ingest', dir, '--db', db, '--no-progress']);
    assert.equal(again.status, 0, again.stderr);
    assert.doesNotMatch(again.stdout, /跨报告检查/, 'nothing new to check');
    assert.deepEqual(await counts(sqlite(db)), before, 'zero new rows');

    // A run killed after storing versions but before their corpus checks: marked, no corpus findings.
    const raw = new SqliteDatabase(db);
    raw.exec(`delete from findings where scope = 'corpus'`);
    raw.exec('insert into corpus_pending select id from report_versions where is_current = 1');
    raw.close();
    const completed = xxgk(['ingest', dir, '--db', db, '--no-progress']);
    assert.equal(completed.status, 0, completed.stderr);
    assert.match(completed.stdout, /跨报告检查.*检查 4 份/);
    assert.deepEqual(
      corpusRows(db).map(({ version: _, related: __, ...row }) => row),
      findings,
    );
    assert.equal(pendingCount(db), 0);

    // A parser upgrade: every report becomes a new version, and the findings name the new versions.
    const upgrade = new SqliteDatabase(db);
    upgrade.prepare('update report_versions set parser_version = ?').run(PARSER_VERSION - 1);
    upgrade.prepare('update sources set parsed_with = ?').run(PARSER_VERSION - 1);
    upgrade.close();
    const reparse = xxgk(['reparse', '--db', db, '--no-progress']);
    assert.equal(reparse.status, 0, reparse.stderr);
    const after = corpusRows(db);
    assert.deepEqual(
      after.map(({ version: _, related: __, ...row }) => row),
      findings,
    );
    const check = new SqliteDatabase(db, { readonly: true });
    const current = new Set(
      (check.prepare('select id from report_versions where is_current = 1').all() as { id: number }[]).map(
        (r) => r.id,
      ),
    );
    check.close();
    assert.ok(
      after.every((r) => r.related === null || current.has(r.related)),
      'the findings name the other reports’ new versions',
    );
    assert.equal(pendingCount(db), 0);
  });
});

describe('the parsing threads', () => {
  const requests = (count: number) =>
    Array.from({ length: count }, (_, i) => ({
      street: streetName(i),
      bytes: variant('fanrong', { street: streetName(i) }),
    }));

  test('a worker holding several files answers each request with its own report, in order', async () => {
    // One worker: a .doc, whose reading waits on LibreOffice, then text files that would be done before it.
    const pool = new ParserPool(1, { depth: 4 });
    try {
      const doc = readFileSync(join(ROOT, 'fixtures/reports/legacy-office-2021-doc-odt-rtf/report.doc'));
      const files = requests(5);
      const responses = await Promise.all([
        pool.parse(doc, 'report.doc'),
        ...files.map((f) => pool.parse(f.bytes, `${f.street}.txt`)),
      ]);
      const first = responses[0]!;
      assert.ok(first.ok, 'the .doc was read');
      assert.equal(first.report.sourceKind, 'docx', 'the first answer is the .doc’s');
      responses.slice(1).forEach((response, i) => {
        assert.ok(response.ok, `file ${i} was read`);
        assert.equal(response.report.agency, `同江市${files[i]!.street}`);
      });
    } finally {
      await pool.close();
    }
  });

  test('files queued behind one that runs out of time are read by another worker, each answered', async () => {
    // Every file runs out of 1 ms: each worker is replaced with files still queued behind the one it read.
    const pool = new ParserPool(2, { depth: 4, timeLimitMs: 1 });
    try {
      const files = requests(8);
      const responses = await Promise.all(files.map((f) => pool.parse(f.bytes, `${f.street}.txt`)));
      assert.equal(responses.length, 8);
      for (const response of responses) {
        assert.ok(!response.ok && 'unusable' in response, JSON.stringify(response));
        assert.equal(response.unusable.code, 'timeout');
      }
    } finally {
      await pool.close();
    }
  });
});

describe('the byte budget of files in flight', () => {
  test('files wait for room in the order they asked; one larger than the budget goes alone', async () => {
    const budget = new ByteBudget(100);
    const started: string[] = [];
    const take = (name: string, bytes: number) => budget.take(bytes).then(() => started.push(name));
    await take('a', 60);
    const waiting = [take('b', 50), take('huge', 500), take('c', 10)];
    await sleep(5);
    // c would fit beside a, but b and the huge file asked first.
    assert.deepEqual(started, ['a']);
    budget.give(60);
    await sleep(5);
    assert.deepEqual(started, ['a', 'b'], 'the huge file waits until nothing is held');
    assert.equal(budget.held, 50);
    budget.give(50);
    await sleep(5);
    assert.deepEqual(started, ['a', 'b', 'huge']);
    assert.equal(budget.held, 500);
    budget.give(500);
    await Promise.all(waiting);
    assert.deepEqual(started, ['a', 'b', 'huge', 'c']);
    assert.equal(budget.held, 10);
  });

  test('an ingest with room for one file at a time stores every report and refuses the unreadable', async () => {
    const { reports, db } = corpus();
    const store = await Store.open({ kind: 'sqlite', file: db });
    const ingester = await Ingester.create(store, { jobs: 2, bytesInFlight: 1 });
    try {
      // All at once, as the batch runs them: each waits for the one before to be stored or refused.
      const names = readdirSync(reports).sort();
      const items = await Promise.all(names.map((name) => ingester.ingestFile(join(reports, name))));
      await ingester.finishCorpusChecks();
      assert.deepEqual(
        items.map((item) => [basename(item.file), item.ok]),
        names.map((name) => [name, name !== 'empty.txt' && name !== 'binary.txt']),
      );
    } finally {
      await ingester.close();
      await store.close();
    }
    const stored = await counts({ kind: 'sqlite', file: db });
    assert.equal(stored.versions, 4);
    assert.equal(stored.unreadable, 2);
  });
});

describe('the pace of the corpus checks', () => {
  test('stored files wait while the corpus checks lag: the backlog stays bounded, every report is checked', async () => {
    // Where the corpus checks run slower than the saves (PostgreSQL), the reports waiting for them, each with
    // its profile and sentences, grew with the corpus. With no backlog allowed, a stored file's answer waits
    // while a round is running, so no file answers with a whole round waiting behind the one being written.
    const dir = tempDir();
    const reports = join(dir, 'reports');
    mkdirSync(reports);
    for (let i = 0; i < 400; i++) {
      const rng = createRng(deriveSeed(20261123, i, 'ingest-pace'));
      const file = renderReport(randomRecord(rng, { year: 2023, format: '2021' }), 'tab-rows', rng);
      writeFileSync(join(reports, `${String(i).padStart(3, '0')}-${file.name}`), file.bytes);
    }
    const db = join(dir, 'xxgk.db');
    const store = await Store.open({ kind: 'sqlite', file: db });
    const ingester = await Ingester.create(store, { jobs: 2, corpusBacklog: 0 });
    const waitingAtAnswers: number[] = [];
    try {
      const names = readdirSync(reports);
      const items = await Promise.all(
        names.map(async (name) => {
          const item = await ingester.ingestFile(join(reports, name));
          waitingAtAnswers.push(ingester.corpusWaiting);
          return item;
        }),
      );
      assert.ok(items.every((item) => item.ok && item.status === 'newReport'));
      assert.ok(
        Math.max(...waitingAtAnswers) < 100,
        `reports waiting for their corpus checks when a file answered: up to ${Math.max(...waitingAtAnswers)}`,
      );
      await ingester.finishCorpusChecks();
      assert.equal(ingester.corpusTally.checked, 400);
    } finally {
      await ingester.close();
      await store.close();
    }
    assert.equal(pendingCount(db), 0);
  });
});
