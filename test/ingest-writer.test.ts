/**
 * The ingest writer's group commit (decision 006): saves held for `groupCommitMs` share a transaction, and a
 * save is never left waiting, whatever the writer was doing when its wait ended. On a real SQLite file.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Writer } from '../src/ingest/index.ts';
import { sleep } from './support/cli.ts';
import { newVersion, openFresh, sqliteBackend } from './support/store.ts';
import { streetName, variant } from './support/variants.ts';

const backend = sqliteBackend();
after(() => backend.cleanup());

const report = (i: number) =>
  newVersion(variant('fanrong', { street: streetName(i), year: 2021 + (i % 4) }), `${i}.txt`);

/** Fails instead of hanging when a save is never written. */
function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not written within ${ms} ms`)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

describe('ingest writer', () => {
  test('saves arriving within the wait are written together, each as its own report', async () => {
    const store = await openFresh(backend);
    try {
      const writer = new Writer(store, { groupCommitMs: 30 });
      const versions = await Promise.all([0, 1, 2, 3, 4].map(report));
      const saved = await within(5000, Promise.all(versions.map((v) => writer.save(v))), 'group');
      assert.deepEqual(
        saved.map((s) => s.status),
        ['newReport', 'newReport', 'newReport', 'newReport', 'newReport'],
      );
      assert.equal(new Set(saved.map((s) => s.reportId)).size, 5);
      assert.equal((await store.counts()).versions, 5);
    } finally {
      await store.close();
    }
  });

  test('a save whose wait ends while another write runs is still written, and so is the next one', async () => {
    const store = await openFresh(backend);
    try {
      const writer = new Writer(store, { groupCommitMs: 10 });
      const [first, second] = await Promise.all([report(10), report(11)]);
      // The wait of `first` ends during this write; the writer takes it up when the write is done.
      const busy = writer.run(() => sleep(100));
      const firstSaved = writer.save(first);
      await busy;
      assert.equal((await within(5000, firstSaved, 'first save')).status, 'newReport');
      assert.equal((await within(5000, writer.save(second), 'next save')).status, 'newReport');
      assert.equal((await store.counts()).versions, 2);
    } finally {
      await store.close();
    }
  });
});
