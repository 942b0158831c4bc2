/**
 * 上传 in memory: real files through POST /api/uploads, each with the outcome the ingester gives, failures
 * kept apart with their reason, the audit log written, roles and CSRF enforced, slow parses cut off.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { boundaryOf, MultipartError, readMultipart } from '../src/web/upload/multipart.ts';
import { closeUploads } from '../src/web/upload/service.ts';
import { addUser, Client, openApp, type TestApp } from './support/web.ts';

const SEEDS = readdirSync('fixtures/reports')
  .filter((d) => d.startsWith('seed-'))
  .sort()
  .map((d) => `fixtures/reports/${d}/report.txt`);

interface Result {
  name: string;
  outcome: string;
  label: string;
  reportId: number | null;
  reason: string | null;
  sha256: string | null;
}

function form(files: { name: string; bytes: Uint8Array }[]): FormData {
  const data = new FormData();
  for (const f of files) data.append('files', new Blob([Buffer.from(f.bytes)]), f.name);
  return data;
}

async function upload(client: Client, files: { name: string; bytes: Uint8Array }[]) {
  return client.request('/api/uploads', { method: 'POST', body: form(files) });
}

async function results(res: Response): Promise<Result[]> {
  assert.equal(res.status, 200, await res.clone().text());
  return ((await res.json()) as { results: Result[] }).results;
}

let t: TestApp;
let reviewer: Client;
const MAX = 100_000;

before(async () => {
  t = await openApp({ settings: { maxUploadBytes: MAX, maxUploadFiles: 10 } });
  await addUser(t.store, 'rev', 'reviewer');
  await addUser(t.store, 'view', 'viewer');
  reviewer = new Client(t.app);
  await reviewer.signIn('rev');
});

after(async () => {
  await closeUploads(t.store);
  await t.close();
});

test('files of every kind get the right outcome, and failures are never stored as reports', async () => {
  const seed = readFileSync(SEEDS[0]!);
  const binary = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
  const list = await results(
    await upload(reviewer, [
      { name: '振兴街道2020年报.txt', bytes: seed },
      { name: '空文件.txt', bytes: new Uint8Array(0) },
      { name: '乱码.pdf', bytes: binary },
      { name: '太大.txt', bytes: new Uint8Array(MAX + 1).fill(0x41) },
      {
        name: '通知.txt',
        bytes: Buffer.from('关于召开春季运动会的通知\n\n各单位：定于四月举行春季运动会，请做好准备。\n'),
      },
      { name: '程序.exe', bytes: Buffer.from('MZ') },
    ]),
  );
  const by = Object.fromEntries(list.map((r) => [r.name, r]));
  assert.equal(list.length, 6);
  assert.equal(by['振兴街道2020年报.txt']!.outcome, 'newReport');
  assert.equal(by['振兴街道2020年报.txt']!.label, '新报告');
  assert.ok(by['振兴街道2020年报.txt']!.reportId! > 0);
  for (const name of ['空文件.txt', '乱码.pdf', '太大.txt', '通知.txt', '程序.exe']) {
    const r = by[name]!;
    assert.equal(r.outcome, 'failed', name);
    assert.equal(r.label, '失败');
    assert.equal(r.reportId, null);
    assert.match(r.reason ?? '', /[\u4e00-\u9fff]/, `${name}: a Chinese reason`);
  }
  assert.match(by['太大.txt']!.reason!, /大小上限/);
  assert.match(by['程序.exe']!.reason!, /不支持的文件类型/);

  const counts = await t.store.counts();
  assert.equal(counts.reports, 1, 'only the report is stored');
  const unreadable = (await t.store.listUnreadable()).map((u) => u.name).sort();
  assert.deepEqual(unreadable, ['乱码.pdf', '空文件.txt', '通知.txt'].sort());
  const recent = await (await reviewer.request('/api/uploads/failures')).json();
  assert.equal((recent as { failures: unknown[] }).failures.length, 3);
});

test('uploading the same file again gives 未变化; the same bytes twice in one request 重复', async () => {
  const seed = readFileSync(SEEDS[0]!);
  const [again] = await results(await upload(reviewer, [{ name: 'again.txt', bytes: seed }]));
  assert.equal(again!.outcome, 'unchanged');
  assert.equal(again!.label, '未变化');
  assert.ok(again!.reportId! > 0, 'links to the stored report');

  const other = readFileSync(SEEDS[1]!);
  const twice = await results(
    await upload(reviewer, [
      { name: 'a.txt', bytes: other },
      { name: 'b.txt', bytes: other },
    ]),
  );
  assert.deepEqual(twice.map((r) => r.label).sort(), ['新报告', '重复'].sort());
});

test('every uploaded file is audit-logged with its name, sha256 and outcome', async () => {
  const log = (await t.store.auditLog({ limit: 100 })).filter((a) => a.action === 'upload');
  const seedEntry = log.find((a) => a.target === '振兴街道2020年报.txt');
  assert.ok(seedEntry);
  const detail = seedEntry.detail as { sha256: string; outcome: string };
  assert.match(detail.sha256, /^[0-9a-f]{64}$/);
  assert.equal(detail.outcome, 'newReport');
  assert.equal(seedEntry.login, 'rev');
  assert.ok(
    log.some((a) => a.target === '空文件.txt' && (a.detail as { outcome: string }).outcome === 'failed'),
  );
});

test('a viewer cannot upload, and an upload without the CSRF token is refused', async () => {
  const viewer = new Client(t.app);
  await viewer.signIn('view');
  const seed = readFileSync(SEEDS[2]!);
  assert.equal((await upload(viewer, [{ name: 'x.txt', bytes: seed }])).status, 403);
  assert.equal((await viewer.request('/upload')).status, 403);

  const noToken = await reviewer.request('/api/uploads', {
    method: 'POST',
    body: form([{ name: 'x.txt', bytes: seed }]),
    headers: { 'x-csrf-token': 'wrong' },
  });
  assert.equal(noToken.status, 403);
  assert.equal((await t.store.counts()).reports, 2, 'nothing stored by refused requests');
});

test('limits: too many files and a body over the limit are refused whole', async () => {
  const many = Array.from({ length: 11 }, (_, i) => ({ name: `${i}.txt`, bytes: Buffer.from('x') }));
  const res = await upload(reviewer, many);
  assert.equal(res.status, 413);
  assert.match(((await res.json()) as { error: { message: string } }).error.message, /最多上传 10 个文件/);

  const declared = await reviewer.request('/api/uploads', {
    method: 'POST',
    body: 'x',
    headers: { 'content-type': 'multipart/form-data; boundary=b', 'content-length': String(50_000_000) },
  });
  assert.equal(declared.status, 413);
  const notMultipart = await reviewer.request('/api/uploads', { json: { files: [] } });
  assert.equal(notMultipart.status, 415);
});

test('the page shows the drop zone, both pickers and the recent failures', async () => {
  const res = await reviewer.request('/upload');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /id="drop-zone"/);
  assert.match(html, /type="file" multiple/);
  assert.match(html, /webkitdirectory/);
  assert.match(html, /空文件\.txt/);
  const spec = (await (await reviewer.request('/api/openapi.json')).json()) as {
    paths: Record<string, { post?: { requestBody?: { content: Record<string, unknown> } } }>;
  };
  assert.ok(spec.paths['/api/uploads']?.post?.requestBody?.content['multipart/form-data']);
});

test('a parse over the time limit is reported as 解析超时 and recorded as unreadable', async () => {
  const slow = await openApp({ settings: { parseSeconds: 0.001 } });
  try {
    await addUser(slow.store, 'rev', 'reviewer');
    const client = new Client(slow.app);
    await client.signIn('rev');
    const [r] = await results(await upload(client, [{ name: '慢.txt', bytes: readFileSync(SEEDS[3]!) }]));
    assert.equal(r!.outcome, 'failed');
    assert.match(r!.reason!, /解析超时/);
    assert.equal((await slow.store.counts()).reports, 0);
    assert.match((await slow.store.listUnreadable())[0]!.zh, /解析超时/);
  } finally {
    await closeUploads(slow.store);
    await slow.close();
  }
});

test('the multipart reader finds every file whatever the chunk sizes, and refuses cut-off bodies', async () => {
  const files = [
    { name: '一.txt', bytes: readFileSync(SEEDS[0]!) },
    { name: 'b"2.md', bytes: Buffer.from('\r\n--not-the-boundary\r\n') },
    { name: '三.pdf', bytes: new Uint8Array(0) },
  ];
  const request = new Request('http://x/', { method: 'POST', body: form(files) });
  const boundary = boundaryOf(request.headers.get('content-type') ?? undefined);
  const whole = new Uint8Array(await request.arrayBuffer());
  const limits = { maxFileBytes: 1_000_000, maxFiles: 10, maxTotalBytes: 10_000_000 };
  const streamOf = (bytes: Uint8Array, size: number) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += size) controller.enqueue(bytes.subarray(i, i + size));
        controller.close();
      },
    });
  for (const size of [1, 7, 64, 4096, whole.length]) {
    const parts = [];
    for await (const part of readMultipart(streamOf(whole, size), boundary, limits)) parts.push(part);
    assert.deepEqual(
      parts.map((p) => (p.kind === 'file' ? [p.name, Buffer.from(p.bytes).toString('hex')] : p.kind)),
      files.map((f) => [f.name, Buffer.from(f.bytes).toString('hex')]),
      `chunks of ${size} bytes`,
    );
  }
  await assert.rejects(
    async () => {
      for await (const _ of readMultipart(streamOf(whole.subarray(0, 500), 100), boundary, limits));
    },
    (e: unknown) => e instanceof MultipartError && e.status === 400,
  );
});
