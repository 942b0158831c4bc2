/**
 * The command line, tested by running the real binary (bin/xxgk.js) as a user would.
 * Fixtures: test/fixtures/cli/ (see its README).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FX = 'test/fixtures/cli';
const CLEAN = `${FX}/good/xiaoyi-zhenxing-2020.txt`;
const FORMAT_2021 = `${FX}/good/tongjiang-fanrong-2023.txt`;
const SUMS_WRONG = `${FX}/errors/xiaoyi-zhenxing-2020-sums-wrong.txt`;
const DATED_EARLY = `${FX}/errors/songbei-chuankou-2020-dated-early.txt`;
const EMPTY = `${FX}/bad/empty.txt`;
const BINARY = `${FX}/bad/binary.txt`;
const MISSING = `${FX}/no-such-report.txt`;
const HOSTILE = `${FX}/hostile/hostile-title.html`;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function xxgk(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, ['bin/xxgk.js', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', XXGK_DEBUG: '', ...env },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A stack frame line (「    at foo (file.js:1:2)」): must never reach a user. */
const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|<anonymous>)$/m;

function assertUsageError(r: Run, pattern: RegExp): void {
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, STACK_FRAME);
  assert.equal(r.stderr.trim().split('\n').length, 1, `one line expected:\n${r.stderr}`);
  assert.equal(r.stdout, '');
}

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('help, version and usage errors', () => {
  test('--help exits 0 and lists the commands, in Chinese', () => {
    const r = xxgk(['--help']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /parse/);
    assert.match(r.stdout, /check/);
    assert.match(r.stdout, /用法/);
    assert.match(r.stdout, /命令/);
  });

  test('each command has --help', () => {
    for (const cmd of ['parse', 'check']) {
      const r = xxgk([cmd, '--help']);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /选项/);
    }
    const check = xxgk(['check', '--help']);
    for (const flag of ['--json', '--format', '--out', '--local-deadline', '--no-progress']) {
      assert.ok(check.stdout.includes(flag), `check --help names ${flag}`);
    }
    assert.match(xxgk(['help', 'parse']).stdout, /--jsonl/);
  });

  test('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = xxgk(['--version']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout.trim(), pkg.version);
  });

  test('an unknown option is one Chinese line, exit 2, no stack trace', () => {
    assertUsageError(xxgk(['check', '--bogus', CLEAN]), /未知选项 --bogus/);
    assertUsageError(xxgk(['--bogus']), /未知选项/);
  });

  test('an unknown command, a missing argument or a missing option value is a usage error', () => {
    assertUsageError(xxgk(['inspect', CLEAN]), /未知命令 inspect/);
    assertUsageError(xxgk(['check']), /缺少要处理的文件或目录/);
    assertUsageError(xxgk(['check', CLEAN, '--format']), /缺少取值/);
  });

  test('no command at all shows the help on stderr and exits 2', () => {
    const r = xxgk([]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /check/);
    assert.equal(r.stdout, '');
  });

  test('bad option values are usage errors', () => {
    assertUsageError(xxgk(['check', '--format', 'xml', CLEAN]), /--format 只能是 text、json 或 html/);
    assertUsageError(xxgk(['check', '--json', '--format', 'html', CLEAN]), /互相矛盾/);
    assertUsageError(xxgk(['check', '--local-deadline', '13-40', CLEAN]), /--local-deadline 应写作 月-日/);
    assertUsageError(xxgk(['parse', '--json', '--jsonl', CLEAN]), /不能同时使用/);
  });

  test('parse --json with several files suggests --jsonl', () => {
    assertUsageError(xxgk(['parse', '--json', CLEAN, FORMAT_2021]), /--jsonl/);
    assertUsageError(xxgk(['parse', '--json', `${FX}/good`]), /--jsonl/);
  });

  test('--out into a directory that does not exist is a usage error, before any work', () => {
    assertUsageError(xxgk(['check', CLEAN, '--out', `${FX}/no-such-dir/out.txt`]), /无法写入输出文件/);
  });

  test('an empty directory holds no reports: exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-empty-'));
    try {
      const r = xxgk(['check', dir]);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /没有找到报告文件/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('parse', () => {
  test('one file → one pretty JSON record', () => {
    const r = xxgk(['parse', CLEAN]);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.startsWith('{\n'), 'pretty printed');
    const record = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.equal(record.schema, 'xxgk/report@1');
    assert.equal(record.agency, '孝义市振兴街道办事处');
    assert.equal(record.year, 2020);
    assert.equal(record.format, '2019');
    const tables = record.tables as { requests: { received: { total: number } } };
    assert.equal(tables.requests.received.total, 0, 'nested tables, as the schema prints them');
  });

  test('--json and --jsonl for one file print the same record', () => {
    const pretty = JSON.parse(xxgk(['parse', '--json', CLEAN]).stdout) as unknown;
    const line = xxgk(['parse', '--jsonl', CLEAN]).stdout;
    assert.equal(line.trim().split('\n').length, 1);
    assert.deepEqual(JSON.parse(line), pretty);
  });

  test('a directory → one line per report, in sorted order', () => {
    const r = xxgk(['parse', `${FX}/good`]);
    assert.equal(r.status, 0, r.stderr);
    const records = jsonLines(r.stdout);
    assert.equal(records.length, 2);
    assert.deepEqual(
      records.map((x) => (x.source as { name: string }).name),
      ['tongjiang-fanrong-2023.txt', 'xiaoyi-zhenxing-2020.txt'],
    );
  });

  test('unreadable files: named on stderr, an error line in jsonl, the batch goes on, exit 1', () => {
    const r = xxgk(['parse', CLEAN, EMPTY, BINARY, MISSING, FORMAT_2021]);
    assert.equal(r.status, 1, r.stderr);
    const lines = jsonLines(r.stdout);
    assert.equal(lines.length, 5);
    assert.equal(lines[0]!.schema, 'xxgk/report@1');
    assert.deepEqual(
      lines.slice(1, 4).map((l) => l.file),
      [EMPTY, BINARY, MISSING],
    );
    for (const l of lines.slice(1, 4)) assert.equal(typeof l.error, 'string');
    assert.equal(lines[4]!.schema, 'xxgk/report@1');
    for (const bad of [EMPTY, BINARY, MISSING]) {
      assert.match(r.stderr, new RegExp(`^xxgk: ${bad.replace(/[.]/g, '\\.')}: \\S.* \\(.+\\)$`, 'm'));
    }
    assert.doesNotMatch(r.stderr, STACK_FRAME);
  });

  test('one unreadable file alone: exit 2, nothing on stdout', () => {
    const r = xxgk(['parse', MISSING]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /no-such-report\.txt/);
  });
});

describe('check', () => {
  test('a clean report → exit 0, a header and the summary line', () => {
    const r = xxgk(['check', CLEAN]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^■ .*xiaoyi-zhenxing-2020\.txt｜孝义市振兴街道办事处｜2020 年度｜2019 版表格$/m);
    assert.match(r.stdout, /^共检查 1 份报告（0 份无法读取）：错误 0 项，警告 \d+ 项，提示 \d+ 项$/m);
    assert.doesNotMatch(r.stdout, /\u001b\[/, 'no colours when stdout is not a terminal');
  });

  test('a report whose sums do not add up → error findings, exit 1', () => {
    const r = xxgk(['check', SUMS_WRONG]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /✖ 错误/);
    assert.match(r.stdout, /错误 [1-9]\d* 项/);
    const [line] = jsonLines(xxgk(['check', '--json', SUMS_WRONG]).stdout);
    const rules = (line!.findings as { rule: string; severity: string }[]).filter(
      (f) => f.severity === 'error',
    );
    assert.ok(
      rules.some((f) => f.rule === 'requests.balance' || f.rule === 'requests.rowTotal'),
      JSON.stringify(rules),
    );
  });

  test('a report dated before the end of its year → exit 1', () => {
    const r = xxgk(['check', '--json', DATED_EARLY]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const [line] = jsonLines(r.stdout);
    const rules = (line!.findings as { rule: string }[]).map((f) => f.rule);
    assert.ok(rules.includes('date.beforeYearEnd'), rules.join(', '));
  });

  test('--json: one line per report in the shape checks.md gives', () => {
    const r = xxgk(['check', '--json', CLEAN, SUMS_WRONG]);
    assert.equal(r.status, 1);
    const lines = jsonLines(r.stdout);
    assert.equal(lines.length, 2);
    for (const line of lines) {
      assert.deepEqual(Object.keys(line), ['file', 'agency', 'year', 'format', 'findings']);
      for (const f of line.findings as Record<string, unknown>[]) {
        assert.deepEqual(Object.keys(f), [
          'rule',
          'severity',
          'message',
          'cells',
          'text',
          'expected',
          'actual',
        ]);
        assert.ok(['error', 'warning', 'info'].includes(f.severity as string));
        assert.ok(Array.isArray(f.cells));
        assert.equal(typeof f.message, 'string');
      }
    }
    assert.equal(lines[0]!.file, CLEAN);
    assert.equal(lines[0]!.agency, '孝义市振兴街道办事处');
    assert.equal(lines[0]!.year, 2020);
    assert.equal(lines[0]!.format, '2019');
    assert.deepEqual(xxgk(['check', '--format', 'json', CLEAN, SUMS_WRONG]).stdout, r.stdout);
  });

  test('bad files in a batch with good ones: the others are checked, stderr names the bad ones, exit 1', () => {
    const r = xxgk(['check', '--json', CLEAN, EMPTY, BINARY, MISSING]);
    assert.equal(r.status, 1, r.stderr);
    const lines = jsonLines(r.stdout);
    assert.deepEqual(
      lines.map((l) => l.file),
      [CLEAN, EMPTY, BINARY, MISSING],
    );
    assert.ok(Array.isArray(lines[0]!.findings));
    for (const l of lines.slice(1)) {
      assert.deepEqual(Object.keys(l), ['file', 'error']);
      assert.match(l.error as string, /\S/);
    }
    for (const bad of [EMPTY, BINARY, MISSING]) assert.ok(r.stderr.includes(`xxgk: ${bad}: `), r.stderr);
    assert.doesNotMatch(r.stderr, STACK_FRAME);

    const text = xxgk(['check', CLEAN, EMPTY, BINARY, MISSING]);
    assert.equal(text.status, 1);
    assert.match(text.stdout, /共检查 4 份报告（3 份无法读取）/);
  });

  test('only unreadable files: exit 2', () => {
    const r = xxgk(['check', EMPTY, BINARY, MISSING]);
    assert.equal(r.status, 2);
    assert.match(r.stdout, /共检查 3 份报告（3 份无法读取）/);
  });

  test('--local-deadline is accepted', () => {
    const r = xxgk(['check', '--local-deadline', '02-15', '--json', CLEAN]);
    assert.equal(r.status, 0, r.stderr);
  });

  test('--out writes the output to a file and nothing to stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-out-'));
    try {
      const out = join(dir, 'findings.jsonl');
      const r = xxgk(['check', '--json', CLEAN, '--out', out]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, '');
      assert.equal(jsonLines(readFileSync(out, 'utf8')).length, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--format html: one page, nothing from a hostile report left unescaped', () => {
    const r = xxgk(['check', '--format', 'html', HOSTILE, CLEAN, MISSING]);
    assert.equal(r.status, 1, r.stderr);
    const page = r.stdout;
    assert.ok(page.startsWith('<!DOCTYPE html>'));
    assert.equal(page.match(/<html[\s>]/g)?.length, 1);
    assert.equal(page.match(/<\/html>/g)?.length, 1);
    assert.doesNotMatch(page, /<script/i);
    assert.doesNotMatch(page, /<img/i);
    assert.doesNotMatch(page, /<link|src=["']?https?:|@import/i, 'self-contained');
    assert.match(page, /共检查 3 份报告（1 份无法读取）/);
    assert.match(page, /no-such-report\.txt/);
    const [hostile] = jsonLines(xxgk(['check', '--json', HOSTILE]).stdout);
    const agency = hostile!.agency as string | null;
    if (agency !== null && agency.includes('<')) {
      assert.ok(page.includes(agency.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')));
    }
    assert.match(page, /&lt;script&gt;/, 'the hostile title shows as text');
  });
});

describe('many files', () => {
  let dir = '';
  const COUNT = 23;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'xxgk-many-'));
    for (let i = 0; i < COUNT; i++) {
      const sub = join(dir, i % 2 ? 'b' : 'a');
      mkdirSync(sub, { recursive: true });
      copyFileSync(join(ROOT, CLEAN), join(sub, `report-${String(i).padStart(2, '0')}.txt`));
    }
    mkdirSync(join(dir, '.hidden'));
    copyFileSync(join(ROOT, CLEAN), join(dir, '.hidden', 'skipped.txt'));
    mkdirSync(join(dir, 'node_modules'));
    copyFileSync(join(ROOT, CLEAN), join(dir, 'node_modules', 'skipped.txt'));
    writeFileSync(join(dir, 'notes.json'), '{}');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a directory of more than 20 files: one JSON line each on stdout, in sorted order, no progress output there', () => {
    const r = xxgk(['check', '--json', dir]);
    assert.equal(r.status, 0, r.stderr);
    const lines = jsonLines(r.stdout);
    assert.equal(lines.length, COUNT);
    const files = lines.map((l) => l.file as string);
    assert.deepEqual(files, [...files].sort());
    assert.ok(files.every((f) => /report-\d\d\.txt$/.test(f)));
    assert.equal(r.stderr, '', 'no bar when stderr is not a terminal');
  });

  test('in a directory, a file of unknown type that is not a report is skipped with a note', () => {
    const sub = mkdtempSync(join(tmpdir(), 'xxgk-probe-'));
    try {
      copyFileSync(join(ROOT, CLEAN), join(sub, 'report.txt'));
      copyFileSync(join(ROOT, BINARY), join(sub, 'scan.bin'));
      const r = xxgk(['check', '--json', sub]);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(
        jsonLines(r.stdout).map((l) => l.file),
        [join(sub, 'report.txt')],
      );
      assert.match(r.stderr, /跳过 1 个不像年报的文件/);
    } finally {
      rmSync(sub, { recursive: true, force: true });
    }
  });

  test('with stderr on a terminal the bar goes there, never to stdout', (t) => {
    const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      t.skip('script(1) is not available to give the process a terminal');
      return;
    }
    const out = join(dir, 'out.jsonl');
    // script(1) runs the command on a pseudo-terminal; stdout alone is redirected to a file.
    const cmd = `'${process.execPath}' bin/xxgk.js parse --jsonl '${dir}' > '${out}'`;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '' },
      timeout: 60_000,
    });
    assert.equal(r.status, 0, r.stdout);
    const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean);
    assert.equal(lines.length, COUNT);
    for (const l of lines) assert.equal((JSON.parse(l) as { schema: string }).schema, 'xxgk/report@1');
    assert.match(r.stdout, /进度/, 'the terminal (stderr) saw the progress bar');

    const quiet = spawnSync(
      'script',
      ['-qec', cmd.replace(' parse ', ' parse --no-progress '), '/dev/null'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    assert.equal(quiet.status, 0);
    assert.doesNotMatch(quiet.stdout, /进度/);
  });
});
