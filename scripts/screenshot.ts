/**
 * docs/screenshots/report.png: the 报告详情 page of a seeded report with findings, one of them clicked so
 * its cells are highlighted, 1366 pixels wide in Debian's Chromium (playwright-core). Run:
 * `node --import tsx scripts/screenshot.ts`.
 */
import { mkdirSync } from 'node:fs';
import { liveApp } from '../test/support/browser.ts';
import { seedStore } from '../test/support/web-data.ts';

const OUT = 'docs/screenshots/report.png';

async function main(): Promise<void> {
  const live = await liveApp([{ login: 'reviewer', role: 'reviewer' }]);
  try {
    const { reports } = await seedStore(live.store, { pdf: false });
    const page = await live.signedIn('reviewer');
    await page.goto(`${live.url}/reports/${reports.chuankou}`);
    const finding = page.locator('li.finding[data-cells]:not([data-cells=""]) button.locate').first();
    await finding.click();
    // The page scrolls smoothly to the highlighted cell: let it settle, then picture the page from the
    // top (findings, source and the first tables) in one image taller than the window.
    await page.waitForTimeout(1000);
    mkdirSync('docs/screenshots', { recursive: true });
    await page.screenshot({ path: OUT, fullPage: true, clip: { x: 0, y: 0, width: 1366, height: 1500 } });
    await page.context().close();
    process.stdout.write(`wrote ${OUT}\n`);
  } finally {
    await live.close();
  }
}

await main();
