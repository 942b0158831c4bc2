/**
 * The web app in memory over a real SQLite (or PostgreSQL) store: requests go through `app.request`,
 * with a cookie jar and the CSRF token a browser page would carry.
 */
import type { Hono } from 'hono';
import { createApp, type AppOptions } from '../../src/web/app.tsx';
import type { AppEnv } from '../../src/web/context.ts';
import type { Role, Store } from '../../src/store/index.ts';
import { createUser } from '../../src/web/auth/users.ts';
import { closeUploads } from '../../src/web/upload/service.ts';
import { openFresh, sqliteBackend, type Backend } from './store.ts';

export const ORIGIN = 'http://localhost';

export interface TestApp {
  app: Hono<AppEnv>;
  store: Store;
  close(): Promise<void>;
}

export async function openApp(
  options: Omit<AppOptions, 'store'> = {},
  backend: Backend = sqliteBackend(),
): Promise<TestApp> {
  // As `xxgk serve` opens it: on SQLite, reads in two threads (src/store/sqlite-readers.ts).
  const store = await openFresh(backend, { readers: 2 });
  const app = createApp({ ...options, store });
  return {
    app,
    store,
    close: async () => {
      // The parsing threads an upload or a re-check started keep the process alive until stopped.
      await closeUploads(store);
      await store.close();
      await backend.cleanup();
    },
  };
}

export async function addUser(
  store: Store,
  login: string,
  role: Role,
  scopeBodyId: string | null = null,
  password = 'correct horse',
) {
  const made = await createUser(store, { login, displayName: login, password, role, scopeBodyId });
  if ('problem' in made) throw new Error(made.problem);
  return made;
}

/** A signed-in browser: its session cookie and CSRF token. */
export class Client {
  cookie = '';
  csrf = '';

  constructor(private readonly app: Hono<AppEnv>) {}

  async request(path: string, init: RequestInit & { json?: unknown; form?: Record<string, string> } = {}) {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    const method = init.method ?? (init.json !== undefined || init.form ? 'POST' : 'GET');
    if (method !== 'GET') {
      if (!headers.has('origin')) headers.set('origin', ORIGIN);
      if (this.csrf && !headers.has('x-csrf-token')) headers.set('x-csrf-token', this.csrf);
    }
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    } else if (init.form) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = new URLSearchParams(init.form).toString();
    }
    const res = await this.app.request(`${ORIGIN}${path}`, { ...init, method, headers, body });
    const set = res.headers.get('set-cookie');
    if (set) {
      const value = /xxgk_session=([^;]*)/.exec(set)?.[1] ?? '';
      this.cookie = value ? `xxgk_session=${value}` : '';
    }
    return res;
  }

  /** Signs in through the login form and fetches the CSRF token as a page script would. */
  async signIn(login: string, password = 'correct horse'): Promise<Response> {
    const res = await this.request('/login', { form: { login, password, next: '/' } });
    if (res.status === 303) {
      const session = await this.request('/api/session');
      this.csrf = ((await session.json()) as { csrfToken: string }).csrfToken;
    }
    return res;
  }
}
