/**
 * Accounts in the web app, in memory over a real SQLite store: first run, sign-in, rate limiting,
 * sessions, CSRF, roles, security headers, and errors without stack traces.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashPassword, verifyPassword } from '../src/web/auth/password.ts';
import { safeNext } from '../src/web/routes/account.tsx';
import { addUser, Client, openApp, type TestApp } from './support/web.ts';

describe('passwords', () => {
  it('are hashed with scrypt and verified in constant time; the hash never holds the password', async () => {
    const hash = await hashPassword('一二三四五六七八');
    assert.match(hash, /^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    assert.ok(!hash.includes('一二三四'));
    assert.equal(await verifyPassword('一二三四五六七八', hash), true);
    assert.equal(await verifyPassword('一二三四五六七九', hash), false);
    assert.equal(await verifyPassword('x', 'plain-text'), false);
    assert.notEqual(await hashPassword('same'), await hashPassword('same'), 'salted');
  });
});

describe('first run', () => {
  let t: TestApp;
  before(async () => (t = await openApp()));
  after(() => t.close());

  it('sends everyone to the setup page until an administrator exists, then never again', async () => {
    const browser = new Client(t.app);
    let res = await browser.request('/reports');
    assert.equal(res.status, 302);
    assert.match(res.headers.get('location')!, /^\/login\?next=%2Freports/);
    res = await browser.request('/login');
    assert.equal(res.headers.get('location'), '/setup');
    res = await browser.request('/setup', {
      form: { login: 'admin', displayName: '管理员', password: 'short' },
    });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /密码至少 8 位/);
    res = await browser.request('/setup', {
      form: { login: 'admin', displayName: '管理员', password: 'long enough' },
    });
    assert.equal(res.status, 303);
    assert.ok(browser.cookie, 'signed in');
    const users = await t.store.listUsers();
    assert.deepEqual(
      users.map((u) => [u.login, u.role]),
      [['admin', 'admin']],
    );
    const other = new Client(t.app);
    res = await other.request('/setup', {
      form: { login: 'intruder', displayName: 'x', password: 'long enough' },
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/login');
    assert.equal((await t.store.listUsers()).length, 1);
  });
});

describe('sign-in and sessions', () => {
  let t: TestApp;
  before(async () => {
    t = await openApp({ loginLimit: { perLogin: 3, perAddress: 10, windowMs: 60_000 } });
    await addUser(t.store, 'li', 'reviewer');
    await addUser(t.store, 'wang', 'viewer');
  });
  after(() => t.close());

  it('sets an HttpOnly, SameSite, Secure session cookie and stores only its hash', async () => {
    const browser = new Client(t.app);
    const res = await browser.request('/login', {
      form: { login: 'li', password: 'correct horse', next: '/reports' },
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/reports');
    const cookie = res.headers.get('set-cookie')!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.match(cookie, /Secure/);
    const token = /xxgk_session=([^;]+)/.exec(cookie)![1]!;
    const rows = await t.store.db.selectFrom('sessions').select('token_hash').execute();
    assert.ok(rows.length >= 1);
    assert.ok(rows.every((r) => r.token_hash !== token));
  });

  it('refuses a wrong password with one message that does not say which part was wrong', async () => {
    const browser = new Client(t.app);
    const wrong = await browser.request('/login', { form: { login: 'li', password: 'nope nope' } });
    const unknown = await browser.request('/login', { form: { login: 'nobody', password: 'nope nope' } });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.match(await wrong.text(), /用户名或密码不正确/);
    assert.match(await unknown.text(), /用户名或密码不正确/);
    assert.equal(browser.cookie, '');
  });

  it('locks a login out after repeated failures, even with the right password', async () => {
    const browser = new Client(t.app);
    for (let i = 0; i < 3; i++)
      await browser.request('/login', { form: { login: 'wang', password: 'bad password' } });
    const res = await browser.request('/login', { form: { login: 'wang', password: 'correct horse' } });
    assert.equal(res.status, 429);
    assert.match(await res.text(), /登录失败次数过多/);
    const log = await t.store.auditLog();
    assert.ok(log.some((e) => e.action === 'login.failed' && e.target === 'wang'));
  });

  it('ends the session on sign-out', async () => {
    const browser = new Client(t.app);
    await browser.signIn('li');
    const cookie = browser.cookie;
    assert.equal((await browser.request('/api/session')).status, 200);
    const out = await browser.request('/logout', { form: { _csrf: browser.csrf } });
    assert.equal(out.status, 303);
    const stale = new Client(t.app);
    stale.cookie = cookie;
    assert.equal((await stale.request('/api/session')).status, 401);
  });

  it('only returns to local paths after sign-in', () => {
    assert.equal(safeNext('/reports?year=2024'), '/reports?year=2024');
    assert.equal(safeNext('//evil.example/'), '/');
    assert.equal(safeNext('https://evil.example/'), '/');
    assert.equal(safeNext('/\\evil.example'), '/');
  });
});

describe('CSRF, roles and errors', () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await openApp();
    await addUser(t.store, 'root', 'admin');
    await addUser(t.store, 'wang', 'viewer');
    admin = new Client(t.app);
    await admin.signIn('root');
  });
  after(() => t.close());

  it('refuses a change without the session CSRF token, or from another origin', async () => {
    const body = { login: 'zhao', password: 'long enough', role: 'viewer' };
    let res = await admin.request('/api/users', { json: body, headers: { 'x-csrf-token': 'forged' } });
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'csrf');
    res = await admin.request('/api/users', { json: body, headers: { origin: 'https://evil.example' } });
    assert.equal(res.status, 403);
    res = await admin.request('/admin/users', {
      form: { login: 'zhao', password: 'long enough', role: 'viewer' },
      headers: { 'x-csrf-token': '' },
    });
    assert.equal(res.status, 403, 'a form without _csrf');
    res = await admin.request('/api/users', { json: body });
    assert.equal(res.status, 200);
    assert.ok((await t.store.listUsers()).some((u) => u.login === 'zhao'));
  });

  it('answers 401 JSON to the API without a session, and 403 to a role below the route', async () => {
    const anonymous = new Client(t.app);
    const res = await anonymous.request('/api/users');
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { error: { code: 'unauthenticated', message: '请先登录' } });
    const viewer = new Client(t.app);
    await viewer.signIn('wang');
    assert.equal((await viewer.request('/api/users')).status, 403);
    assert.equal((await viewer.request('/admin')).status, 403);
  });

  it('validates API input with a Chinese message', async () => {
    const res = await admin.request('/api/users', { json: { login: 'x', role: 'boss' } });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: { message: string } };
    assert.match(body.error.message, /^请求内容有误/);
  });

  it('sends security headers, and 404s without a stack trace', async () => {
    const res = await admin.request('/no/such/page');
    assert.equal(res.status, 404);
    const html = await res.text();
    assert.match(html, /找不到这个页面/);
    assert.doesNotMatch(html, /\bat .+:\d+:\d+/);
    const csp = res.headers.get('content-security-policy')!;
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  });

  it('sends the security headers on every kind of response: page, redirect, asset, JSON, download', async () => {
    for (const path of [
      '/reports',
      '/',
      '/assets/app.css',
      '/api/session',
      '/api/export?what=records&to=csv',
    ]) {
      const res = await admin.request(path, { redirect: 'manual' });
      assert.ok(res.status < 400, `${path}: ${res.status}`);
      assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/, path);
      assert.equal(res.headers.get('x-frame-options'), 'SAMEORIGIN', path);
      assert.equal(res.headers.get('referrer-policy'), 'same-origin', path);
      assert.ok(res.headers.get('cache-control'), path);
      await res.arrayBuffer();
    }
  });

  it('describes every API route in an OpenAPI document', async () => {
    const res = await admin.request('/api/openapi.json');
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/session']?.get);
    assert.ok(doc.paths['/api/users']?.post);
  });
});
