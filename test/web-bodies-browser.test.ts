/**
 * 单位与覆盖, 总览 and 导出 in Chromium, as a reviewer uses them: the bodies without a report in red for
 * the chosen year, switching the year, finding a unit by its pinyin initials, the charts as SVG, and an
 * export downloaded through the form.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { liveApp, type LiveApp } from './support/browser.ts';
import { seedStore } from './support/web-data.ts';

describe('单位与覆盖, 总览, 导出 in Chromium', () => {
  let live: LiveApp;
  before(async () => {
    live = await liveApp([{ login: 'root', role: 'admin' }]);
    await seedStore(live.store, { pdf: false });
  });
  after(() => live?.close());

  it('shows a body without a report in red for the chosen year, and switching the year changes the list', async () => {
    const page = await live.signedIn('root');
    await page.goto(`${live.url}/bodies?year=2023`);
    const missing = page.locator('#missing-bodies td.missing');
    const education = missing.filter({ hasText: '教育局' }).first();
    assert.ok(await education.isVisible());
    assert.equal(await education.evaluate((el) => getComputedStyle(el).color), 'rgb(176, 0, 32)');
    const tree = page.locator('#b-230881003 .state');
    assert.equal(await tree.textContent(), '未报告');
    assert.equal(await tree.evaluate((el) => getComputedStyle(el).color), 'rgb(176, 0, 32)');
    assert.ok((await missing.allTextContents()).includes('振兴街道办事处'), '振兴街道 has no 2023 report');

    await Promise.all([page.waitForURL(/year=2020/), page.click('nav.years a:text-is("2020")')]);
    const names2020 = await page.locator('#missing-bodies td.missing').allTextContents();
    assert.ok(!names2020.includes('振兴街道办事处'), '振兴街道 reported for 2020');
    assert.ok(names2020.includes('繁荣街道办事处'), '繁荣街道 has no 2020 report');
    await page.context().close();
  });

  it('finds a unit by its pinyin initials and jumps to it in the tree', async () => {
    const page = await live.signedIn('root');
    await page.goto(`${live.url}/bodies?year=2023`);
    await page.fill('form.body-search input[name=q]', 'jyj');
    const suggestion = page.locator('#body-suggestions li', { hasText: '同江市人民政府' });
    await suggestion.waitFor();
    await Promise.all([page.waitForURL(/at=230881003/), suggestion.locator('a').click()]);
    const node = page.locator('#b-230881003 .node.focus');
    assert.ok(await node.isVisible(), 'the found body is shown, its branch opened');
    assert.equal(await page.locator('#b-230881003 .name').textContent(), '教育局');
    await page.context().close();
  });

  it('shows the overview charts as SVG with their formulas', async () => {
    const page = await live.signedIn('root');
    await page.goto(`${live.url}/overview`);
    for (const id of ['years', 'regions', 'outcomes', 'rates'])
      assert.ok(await page.locator(`#chart-${id} svg`).isVisible(), `chart ${id}`);
    assert.ok(await page.locator('#rate-table td.formula', { hasText: '予以公开率 =' }).isVisible());
    await page.context().close();
  });

  it('downloads an export from the form', async () => {
    const page = await live.signedIn('root');
    await page.goto(`${live.url}/export`);
    await page.check('input[name=what][value=coverage]');
    await page.selectOption('select[name=to]', 'csv');
    await page.selectOption('select[name=year]', '2023');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-form button')]);
    assert.match(download.suggestedFilename(), /2023年度-未报告单位\.csv$/);
    const bytes = readFileSync((await download.path())!);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.match(bytes.toString('utf8'), /230881003,教育局/);
    await page.context().close();
  });
});
