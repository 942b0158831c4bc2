/**
 * SQLite with reading threads (src/store/sqlite-readers.ts), as `xxgk serve` opens it: SELECTs answered by
 * worker threads with their own connections, writes and transactions on the main connection. Real files,
 * real threads.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { Store } from '../src/store/index.ts';
import { sql } from '../src/store/kysely.ts';
import { ReaderPool } from '../src/store/sqlite-readers.ts';
import { newVersion } from './support/store.ts';
import { variant } from './support/variants.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function openWithReaders(): Promise<{ store: Store; file: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-readers-'));
  dirs.push(dir);
  const file = join(dir, 'xxgk.db');
  const store = await Store.open({ kind: 'sqlite', file }, { readers: 2 });
  await sql`create table probe (n integer not null)`.execute(store.db);
  return { store, file };
}

const count = async (store: Store) =>
  (await sql<{ n: number }>`select count(*) as n from probe`.execute(store.db)).rows[0]!.n;

test('a long read runs off the main thread: timers keep firing while it runs', async () => {
  const { store } = await openWithReaders();
  try {
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    // A recursive count to three million: a few hundred milliseconds of SQLite.
    const r = await sql<{ n: number }>`
      with recursive c(i) as (select 1 union all select i + 1 from c where i < 3000000)
      select count(*) as n from c`.execute(store.db);
    running = false;
    assert.equal(r.rows[0]!.n, 3_000_000);
    // On the main connection the query would hold the thread and no tick would run until it ended.
    assert.ok(ticks > 10, `only ${ticks} event-loop turns while the query ran`);
  } finally {
    await store.close();
  }
});

test('reads see what was committed, not an open transaction; a writer waits for the transaction', async () => {
  const { store } = await openWithReaders();
  try {
    let releaseTransaction!: () => void;
    const paused = new Promise<void>((resolve) => (releaseTransaction = resolve));
    let inside!: () => void;
    const opened = new Promise<void>((resolve) => (inside = resolve));
    const transaction = store.db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into probe (n) values (1)`.execute(trx);
        // Inside the transaction its own write is seen.
        assert.equal((await sql<{ n: number }>`select count(*) as n from probe`.execute(trx)).rows[0]!.n, 1);
        inside();
        await paused;
        throw new Error('roll back');
      })
      .catch((e: Error) => e.message);
    await opened;
    // Outside, the uncommitted row is not seen, and the read does not wait for the transaction.
    assert.equal(await count(store), 0);
    // A write outside the transaction must not land inside it (it would be rolled back with it).
    const write = sql`insert into probe (n) values (2)`.execute(store.db);
    releaseTransaction();
    assert.equal(await transaction, 'roll back');
    await write;
    const rows = await sql<{ n: number }>`select n from probe`.execute(store.db);
    assert.deepEqual(
      rows.rows.map((r) => r.n),
      [2],
    );
  } finally {
    await store.close();
  }
});

test('the store works through the reading threads: save, read back, blobs as bytes, errors kept', async () => {
  const { store } = await openWithReaders();
  try {
    const bytes = variant('fanrong');
    const version = await newVersion(bytes, 'fanrong.txt');
    const saved = await store.saveVersion(version);
    assert.equal(saved.status, 'newReport');
    // Read right after the write: the reading threads see the commit.
    const stored = await store.sourceBytes(version.source.sha256);
    assert.deepEqual(Buffer.from(stored!), bytes);
    const counts = await store.counts();
    assert.equal(counts.reports, 1);
    await assert.rejects(sql`select * from no_such_table`.execute(store.db), /no such table/);
  } finally {
    await store.close();
  }
});

test('closing stops the threads and leaves the file at rest in rollback-journal mode', async () => {
  const { store, file } = await openWithReaders();
  await count(store);
  await store.close();
  const db = new Database(file, { readonly: true });
  try {
    assert.equal(db.pragma('journal_mode', { simple: true }), 'delete');
  } finally {
    db.close();
  }
});

test('an in-memory database keeps every query on its one connection (another would be empty)', async () => {
  const store = await Store.open({ kind: 'sqlite', file: ':memory:' }, { readers: 2 });
  try {
    await sql`create table probe (n integer not null)`.execute(store.db);
    await sql`insert into probe (n) values (7)`.execute(store.db);
    assert.equal(await count(store), 1);
  } finally {
    await store.close();
  }
});

test('reading threads that cannot open the file fail every read with the reason, without respawning', async () => {
  const pool = new ReaderPool({ file: join(tmpdir(), 'xxgk-no-such-dir', 'none.db'), busyTimeoutMs: 100 }, 2);
  try {
    const first = (await pool.read('select 1', []).catch((e: unknown) => e)) as Error;
    assert.match(first.message, /unable to open|does not exist|directory/i);
    // Later reads fail at once with the same reason: no new thread is started to fail again.
    assert.equal(await pool.read('select 1', []).catch((e: unknown) => e), first);
  } finally {
    await pool.close();
  }
});
