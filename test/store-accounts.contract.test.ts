/**
 * The web app's tables in the store contract: users, sessions, decisions on findings and the audit log,
 * on SQLite and on a real PostgreSQL server (never skipped).
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { findingKey } from '../src/diagnostics/index.ts';
import type { Store } from '../src/store/index.ts';
import { newVersion, openFresh, postgresBackend, sqliteBackend, type Backend } from './support/store.ts';
import { variant } from './support/variants.ts';

const USER = { displayName: '李审核', passwordHash: 'scrypt$1$1$1$salt$hash', role: 'reviewer' as const };

for (const backend of [sqliteBackend(), postgresBackend()] as Backend[]) {
  describe(`accounts on ${backend.name}`, () => {
    after(() => backend.cleanup());

    async function withStore(run: (store: Store) => Promise<void>) {
      const store = await openFresh(backend);
      try {
        await run(store);
      } finally {
        await store.close();
      }
    }

    test('users: unique logins, scope kept, hash only given back for checking', async () => {
      await withStore(async (store) => {
        assert.equal(await store.countUsers(), 0);
        const li = await store.addUser({ ...USER, login: 'li', scopeBodyId: '230881' });
        assert.ok(li);
        assert.equal(li.scopeBodyId, '230881');
        assert.equal(await store.addUser({ ...USER, login: 'li', scopeBodyId: null }), null);
        assert.equal(await store.countUsers(), 1);
        assert.ok(!('passwordHash' in (await store.user(li.id))!));
        assert.equal((await store.credentials('li'))!.passwordHash, USER.passwordHash);
        assert.equal(await store.credentials('nobody'), null);
      });
    });

    test('sessions: found by token hash until they expire; a new password ends them', async () => {
      await withStore(async (store) => {
        const li = (await store.addUser({ ...USER, login: 'li', scopeBodyId: null }))!;
        const now = '2026-01-01T00:00:00.000Z';
        await store.createSession({
          tokenHash: 'h1',
          userId: li.id,
          csrfToken: 'c1',
          createdAt: now,
          expiresAt: '2026-01-01T12:00:00.000Z',
        });
        assert.equal((await store.session('h1', now))!.user.login, 'li');
        assert.equal((await store.session('h1', now))!.csrfToken, 'c1');
        assert.equal(await store.session('h1', '2026-01-01T12:00:00.001Z'), null, 'expired');
        assert.equal(await store.session('h2', now), null);
        await store.setPassword(li.id, 'scrypt$new');
        assert.equal(await store.session('h1', now), null, 'ended by the new password');
      });
    });

    test('decisions hold per report and finding key, across versions; the audit log keeps who did what', async () => {
      await withStore(async (store) => {
        const li = (await store.addUser({ ...USER, login: 'li', scopeBodyId: null }))!;
        const first = await store.saveVersion(await newVersion(variant('fanrong'), 'a.txt'));
        const reportId = first.reportId!;
        const f = { rule: 'requests.rowTotal', cells: ['requests.received.total'] };
        const key = findingKey(f);
        await store.decide({
          reportId,
          findingKey: key,
          decision: 'dismissed',
          comment: '已核实',
          userId: li.id,
        });
        await store.decide({
          reportId,
          findingKey: key,
          decision: 'confirmed',
          comment: '复核',
          userId: li.id,
        });
        const edited = variant('fanrong', { note: '另外说明：本年度报告于发布后作了更正。' });
        const second = await store.saveVersion(await newVersion(edited, 'b.txt'));
        assert.equal(second.reportId, reportId, 'a new version of the same report');
        const decisions = await store.decisions(reportId);
        assert.equal(decisions.size, 1);
        assert.equal(decisions.get(key)!.decision, 'confirmed');
        assert.equal(decisions.get(key)!.login, 'li');
        await store.undecide(reportId, key);
        assert.equal((await store.decisions(reportId)).size, 0);

        await store.audit({
          userId: li.id,
          action: 'decision',
          target: String(reportId),
          detail: { key },
        });
        await store.audit({ userId: null, action: 'user.add', target: 'wang', detail: { via: 'cli' } });
        const log = await store.auditLog();
        assert.deepEqual(
          log.map((e) => [e.action, e.login]),
          [
            ['user.add', null],
            ['decision', 'li'],
          ],
        );
        assert.deepEqual(log[1]!.detail, { key });
      });
    });
  });
}
