/** 上传 in a real browser: pick the five sample reports and a broken file, see each outcome, retry the failure. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { liveApp, type LiveApp } from './support/browser.ts';

const SEEDS = readdirSync('fixtures/reports')
  .filter((d) => d.startsWith('seed-'))
  .sort()
  .map((d) => ({
    name: `${d}.txt`,
    mimeType: 'text/plain',
    buffer: readFileSync(`fixtures/reports/${d}/report.txt`),
  }));

let live: LiveApp;

before(async () => {
  live = await liveApp([{ login: 'rev', role: 'reviewer' }]);
});

after(async () => {
  await live?.close();
});

test('a reviewer uploads the five samples and a broken file through the file input', async () => {
  const page = await live.signedIn('rev');
  await page.goto(`${live.url}/upload`);
  assert.equal(await page.locator('h1').textContent(), '上传报告');
  const broken = { name: '空白.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) };
  await page.setInputFiles('#pick-files', [...SEEDS, broken]);

  const rows = page.locator('#upload-results tbody tr');
  await page.waitForFunction(
    () =>
      document.querySelectorAll('#upload-results tbody tr[data-outcome]:not([data-outcome=""])').length === 6,
    undefined,
    { timeout: 120_000 },
  );
  assert.equal(await rows.count(), 6);
  for (const seed of SEEDS) {
    const row = rows.filter({ hasText: seed.name });
    assert.equal(await row.getAttribute('data-outcome'), 'newReport', seed.name);
    assert.match((await row.locator('.outcome').textContent()) ?? '', /新报告/);
    assert.match((await row.locator('a').getAttribute('href')) ?? '', /^\/reports\/\d+$/);
  }
  const failed = rows.filter({ hasText: '空白.txt' });
  assert.equal(await failed.getAttribute('data-outcome'), 'failed');
  assert.match((await failed.locator('.reason').textContent()) ?? '', /[\u4e00-\u9fff]/);
  const retry = failed.getByRole('button', { name: '重试' });
  assert.equal(await retry.count(), 1);
  assert.match(
    (await page.locator('#upload-summary').textContent()) ?? '',
    /已完成 6 \/ 6 个文件：新报告 5，失败 1/,
  );
  await page.locator('#recent-failures tbody tr', { hasText: '空白.txt' }).waitFor();

  // Retrying sends the file again; an unreadable file stays failed with its reason.
  await retry.click();
  await page.waitForFunction(() => {
    const row = Array.from(document.querySelectorAll('#upload-results tbody tr')).find((r) =>
      r.textContent?.includes('空白.txt'),
    ) as HTMLElement | undefined;
    return row?.dataset.outcome === 'failed' && row.querySelector('button.retry') !== null;
  });
  assert.equal((await live.store.counts()).reports, 5);
});
