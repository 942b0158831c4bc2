/** `xxgk samples load` as a binary: the five sample reports and their registry, and nothing more the second time. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Store } from '../src/store/index.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'xxgk-samples-'));
const db = join(dir, 'xxgk.db');

after(() => rmSync(dir, { recursive: true, force: true }));

function load() {
  const r = spawnSync(process.execPath, ['bin/xxgk.js', 'samples', 'load', '--db', db], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, XXGK_DEBUG: '' },
    timeout: 120_000,
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

async function snapshot() {
  const store = await Store.open({ kind: 'sqlite', file: db }, { readOnly: true });
  try {
    return {
      counts: await store.counts(),
      unmatched: await store.unmatchedReports(),
      missing2020: (await store.coverage({ year: 2020 })).missing.map((b) => b.name),
    };
  } finally {
    await store.close();
  }
}

test('loads the five sample reports, matched to the sample registry, with a body missing its report', async () => {
  assert.match(load(), /新入库 5 份/);
  const first = await snapshot();
  assert.equal(first.counts.reports, 5);
  assert.equal(first.counts.bodies, 20);
  assert.equal(first.counts.unreadable, 0);
  assert.deepEqual(first.unmatched, [], 'every sample report has its body');
  assert.ok(first.missing2020.includes('教育局'), 'the coverage view shows a body with no report');

  assert.match(load(), /新入库 0 份，已存在 5 份/);
  assert.deepEqual(await snapshot(), first, 'running it again changes nothing');
});
