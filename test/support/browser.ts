/**
 * A real browser against a real server: Debian's Chromium driven by playwright-core, the app served on
 * a free port over a fresh SQLite file. Chromium is required (installed by .ci/run): a missing browser
 * fails the test loudly rather than skipping it.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Store } from '../../src/store/index.ts';
import { startServer, type RunningServer } from '../../src/web/server.ts';
import { openFresh, sqliteBackend } from './store.ts';
import { addUser } from './web.ts';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function chromiumPath(): string {
  const found = process.env.XXGK_CHROMIUM ?? CHROMIUM.find((p) => existsSync(p));
  if (!found)
    throw new Error(
      'Chromium not found: install the Debian package `chromium` (see .ci/run) or set XXGK_CHROMIUM',
    );
  return found;
}

export interface LiveApp {
  url: string;
  store: Store;
  browser: Browser;
  /** A new page (1366×768 unless told otherwise) signed in as `login` (password `correct horse`). */
  signedIn(login: string, viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

export async function liveApp(
  users: { login: string; role: 'admin' | 'reviewer' | 'viewer'; scope?: string }[],
): Promise<LiveApp> {
  const backend = sqliteBackend();
  // As `xxgk serve` opens it: reads in two threads (src/store/sqlite-readers.ts).
  const store = await openFresh(backend, { readers: 2 });
  for (const u of users) await addUser(store, u.login, u.role, u.scope ?? null);
  const server: RunningServer = await startServer({ store, port: 0, hostname: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
  return {
    url: server.url,
    store,
    browser,
    async signedIn(login, viewport = { width: 1366, height: 768 }) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN' });
      const page = await context.newPage();
      await page.goto(`${server.url}/login`);
      await page.fill('input[name=login]', login);
      await page.fill('input[name=password]', 'correct horse');
      await Promise.all([
        page.waitForURL((u) => !u.pathname.startsWith('/login')),
        page.click('button[type=submit]'),
      ]);
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
      await store.close();
      await backend.cleanup();
    },
  };
}
