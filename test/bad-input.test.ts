/**
 * Bad input, as the core issue lists it: empty file, binary garbage, an unrelated document, a report cut off
 * halfway, a 50 MB file, broken HTML, wrong and mixed encodings. Each gives a clear one-line message in Chinese
 * and English, no stack trace, and the other files of the batch are still processed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { encodeGb18030 } from '../src/synthetic/gb18030.ts';

const ROOT = join(import.meta.dirname, '..');
const SEED = readFileSync(
  join(ROOT, 'fixtures/reports/seed-000-subdistrict-2019-tab-cell-lines/report.txt'),
  'utf8',
);

function xxgk(args: string[]) {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/xxgk.js'), ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'xxgk-bad-'));
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const bad = {
  empty: file('empty.txt', ''),
  binary: file(
    'garbage.txt',
    Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256),
  ),
  unrelated: file(
    'notice.txt',
    '关于做好2021年春节期间值班工作的通知\n\n各科室：\n\n春节将至，请各科室安排好值班人员，确保通讯畅通。\n\n办公室\n2021年2月1日\n',
  ),
  truncated: file('cut.txt', SEED.slice(0, Math.floor(SEED.length * 0.45))),
  huge: file('huge.txt', ''),
};
truncateSync(bad.huge, 50 * 1024 * 1024);
const good = {
  brokenHtml: file(
    'broken.html',
    `<html><body><p>${SEED.split('\n')
      .filter((l) => !l.startsWith('\t'))
      .slice(0, 3)
      .join('</p><p>')}<table><tr><td>unclosed`,
  ),
  gbk: file('gbk.txt', encodeGb18030(SEED)),
  mixed: file(
    'mixed.txt',
    Buffer.concat([Buffer.from(SEED, 'utf8'), Buffer.from(encodeGb18030('\n注：本报告由办公室编制。\n'))]),
  ),
  seed: file('seed.txt', SEED),
};

test('each unusable file gets one line in Chinese and English on stderr, and no stack trace', () => {
  for (const [what, path] of Object.entries(bad)) {
    const run = xxgk(['check', path, '--no-progress']);
    assert.equal(run.code, 2, `${what}: exit 2`);
    const lines = run.stderr
      .trim()
      .split('\n')
      .filter((l) => l.includes(path));
    assert.equal(lines.length, 1, `${what}: one line naming the file: ${run.stderr}`);
    assert.match(
      lines[0]!,
      /[\u4e00-\u9fff].*\([A-Za-z][^)]*\)/,
      `${what}: Chinese then English: ${lines[0]}`,
    );
    assert.doesNotMatch(run.stderr + run.stdout, /\n\s+at |Error:/, `${what}: no stack trace`);
  }
});

test('a batch with every kind of bad input still checks the good files', () => {
  const run = xxgk(['check', '--json', '--no-progress', ...Object.values(bad), ...Object.values(good)]);
  const lines = run.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { file: string; error?: string; agency?: string });
  const byFile = new Map(lines.map((l) => [l.file, l]));
  for (const path of Object.values(bad)) assert.ok(byFile.get(path)?.error, `${path} reported as unusable`);
  assert.equal(byFile.get(good.seed)?.agency, '孝义市振兴街道办事处');
  assert.equal(
    byFile.get(good.gbk)?.agency,
    '孝义市振兴街道办事处',
    'GB18030 bytes are detected, not assumed',
  );
  assert.equal(
    byFile.get(good.mixed)?.agency,
    '孝义市振兴街道办事处',
    'mixed encodings decode by the majority',
  );
  assert.ok(byFile.has(good.brokenHtml), 'broken HTML is read, not refused');
  assert.equal(run.code, 1, 'some files unusable, others read: exit 1');
});

test('the unrelated document and the truncated report say what they are', () => {
  assert.match(xxgk(['parse', bad.unrelated]).stderr, /不是政府信息公开工作年度报告/);
  assert.match(xxgk(['parse', bad.truncated]).stderr, /报告不完整/);
  assert.match(xxgk(['parse', bad.huge]).stderr, /文件过大/);
  assert.match(xxgk(['parse', bad.empty]).stderr, /文件为空/);
});
