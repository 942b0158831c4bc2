/**
 * 报告详情 and 报告列表 in Chromium: a finding clicked highlights its cell, a dismissal with a comment
 * survives 重新检查, a search by pinyin initials finds a district's reports, and a report whose text
 * carries `<script>` and `<img onerror>` shows them as text without running anything.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { liveApp, type LiveApp } from './support/browser.ts';
import { seedStore, type SeededIds } from './support/web-data.ts';

describe('reports in Chromium', () => {
  let live: LiveApp;
  let ids: SeededIds['reports'];
  before(async () => {
    live = await liveApp([
      { login: 'rev', role: 'reviewer' },
      { login: 'look', role: 'viewer' },
    ]);
    ids = (await seedStore(live.store, { pdf: false })).reports;
  });
  after(() => live?.close());

  it('clicks a finding to highlight its cell, dismisses it with a comment, re-checks, keeps the decision', async () => {
    const page = await live.signedIn('rev');
    await page.goto(`${live.url}/reports/${ids.chuankou}`);
    // Cells with findings are marked before any click.
    assert.ok((await page.locator('td.flag').count()) > 0);
    const item = page.locator('li.finding[data-cells]:not([data-cells=""])').first();
    const cell = (await item.getAttribute('data-cells'))!.split(' ')[0]!;
    const key = (await item.getAttribute('data-finding-key'))!;
    await item.locator('button.locate').click();
    const td = page.locator(`td[data-cell="${cell}"]`);
    await page.waitForFunction(
      (id) => document.querySelector(`td[data-cell="${id}"]`)?.classList.contains('hit'),
      cell,
    );
    assert.ok(await td.isVisible());
    // Scrolled to (smoothly: wait until the cell is inside the window).
    await page.waitForFunction((id) => {
      const r = document.querySelector(`td[data-cell="${id}"]`)!.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    }, cell);

    await item.locator('input[name=comment]').fill('扫描件识别误差，不是报告的问题');
    await Promise.all([page.waitForNavigation(), item.locator('button[value=dismissed]').click()]);
    const decided = page.locator(`li.finding[data-finding-key="${key.replace(/["\\]/g, '\\$&')}"]`);
    assert.match(await decided.locator('.decision').innerText(), /已驳回：扫描件识别误差，不是报告的问题/);

    await Promise.all([page.waitForNavigation(), page.click('button:has-text("重新检查")')]);
    assert.match(await page.locator('p.notice').innerText(), /已重新检查/);
    assert.match(await decided.locator('.decision').innerText(), /已驳回：扫描件识别误差/);
    await page.context().close();
  });

  it('finds a district’s reports by the pinyin initials of a city', async () => {
    const page = await live.signedIn('look');
    await page.goto(`${live.url}/reports`);
    await page.fill('input[name=q]', 'hebs');
    await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
    assert.match(await page.locator('.list-total').innerText(), /共 1 份报告/);
    const rows = await page.locator('table.report-list tbody tr').allInnerTexts();
    assert.equal(rows.length, 1);
    assert.match(rows[0]!, /松北区船口街道/);
    assert.match(rows[0]!, /哈尔滨市人民政府/);
    await page.click('table.report-list a:has-text("松北区船口街道")');
    await page.waitForURL(`**/reports/${ids.chuankou}`);
    await page.context().close();
  });

  it('shows a report’s markup as text and runs none of it', async () => {
    const page = await live.signedIn('look');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${live.url}/reports/${ids.xinglong}`);
    await page.waitForLoadState('load');
    const source = await page.locator('.source-text').innerText();
    assert.ok(source.includes('<script>window.__xxgkPwned = 1</script>'), 'script shown as text');
    assert.ok(source.includes('<img src="x" onerror="window.__xxgkPwned = 2">'), 'img shown as text');
    assert.equal(await page.locator('main img').count(), 0);
    assert.equal(
      await page.evaluate(() => (window as unknown as { __xxgkPwned?: number }).__xxgkPwned),
      undefined,
    );
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  it('stacks source and tables on a phone', async () => {
    const page = await live.signedIn('look', { width: 390, height: 844 });
    await page.goto(`${live.url}/reports/${ids.fanrong2023}`);
    const source = await page.locator('.pane-source').boundingBox();
    const tables = await page.locator('.pane-tables').boundingBox();
    assert.ok(source && tables);
    assert.ok(tables.y >= source.y + source.height - 1, 'tables below the source');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390 + 1, `no sideways scrolling of the page (${width})`);
    await page.context().close();
  });
});
