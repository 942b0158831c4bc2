/**
 * The web app in a real browser: signing in, the page shell at desktop and phone sizes, no script from
 * a report ever running. Each page's own journeys live in their own test files (web-*.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { liveApp, type LiveApp } from './support/browser.ts';

describe('web app in Chromium', () => {
  let live: LiveApp;
  before(async () => (live = await liveApp([{ login: 'root', role: 'admin' }])));
  after(() => live?.close());

  it('signs in through the form and shows the navigation in Chinese', async () => {
    const page = await live.signedIn('root');
    const nav = await page.locator('header nav a').allTextContents();
    for (const label of ['上传', '报告列表', '单位与覆盖', '对比', '总览', '导出', '用户与日志'])
      assert.ok(nav.includes(label), `nav has ${label}`);
    await page.context().close();
  });

  it('adds a user on the admin page, and the audit log shows it', async () => {
    const page = await live.signedIn('root');
    await page.goto(`${live.url}/admin`);
    await page.fill('form[action="/admin/users"] input[name=login]', 'zhang');
    await page.fill('form[action="/admin/users"] input[name=password]', 'long enough');
    await page.selectOption('form[action="/admin/users"] select[name=role]', 'viewer');
    await page.click('form[action="/admin/users"] button[type=submit]');
    await page.waitForSelector('text=已添加用户 zhang');
    assert.ok(await page.locator('table.data td', { hasText: 'zhang' }).first().isVisible());
    assert.ok((await live.store.listUsers()).some((u) => u.login === 'zhang' && u.role === 'viewer'));
    await page.context().close();
  });
});
