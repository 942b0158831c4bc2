/** Whole-registry answers kept briefly (src/web/cache.ts): reused within the TTL, asked again after it or a clear. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AnswerCache } from '../src/web/cache.ts';

test('an answer is reused within its time, computed again after it, after a clear, and after a failure', async () => {
  let clock = 0;
  let computed = 0;
  const cache = new AnswerCache(30_000, () => clock);
  const ask = () => cache.get('counts 2024 *', async () => ++computed);
  assert.equal(await ask(), 1);
  clock = 29_999;
  assert.equal(await ask(), 1, 'reused');
  clock = 30_000;
  assert.equal(await ask(), 2, 'expired');
  cache.clear();
  assert.equal(await ask(), 3, 'cleared');
  await assert.rejects(cache.get('broken', () => Promise.reject(new Error('database away'))));
  assert.equal(await cache.get('broken', async () => 'recovered'), 'recovered', 'a failure is not kept');
});
