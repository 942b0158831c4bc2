/**
 * `xxgk check` over a batch also runs the checks across reports: a body's consecutive years (carry-over) and
 * sections copied from its previous report. `--no-corpus` turns them off.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(import.meta.dirname, '..');
const THIS_YEAR = readFileSync(
  join(ROOT, 'fixtures/reports/tab-rows-2021-subtotal-column-transposed-reviews/report.txt'),
  'utf8',
);
const PROBLEMS =
  '一是公开内容不够全面，部分栏目更新不够及时，政策解读的形式比较单一，解读的深度和广度还需要进一步拓展。二是依申请公开办理的规范化水平有待提升，答复文书的格式和用语还不够统一。下一步，我局将加强培训，完善制度，提升公开质量。';
const SHORT_PROBLEMS = '一是公开内容不够全面。下一步，我局将加强培训，提升公开质量。';

const dir = mkdtempSync(join(tmpdir(), 'xxgk-batch-'));
writeFileSync(join(dir, '2022.txt'), THIS_YEAR.replace(SHORT_PROBLEMS, PROBLEMS));
writeFileSync(
  join(dir, '2021.txt'),
  THIS_YEAR.replace(SHORT_PROBLEMS, PROBLEMS)
    .replaceAll('2022年', '2021年')
    .replace('2023年1月16日', '2022年1月18日')
    // Last year carried 3 forward; this year's report says 1 was carried over.
    .replace(
      '四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t0\t1',
      '四、结转下年度继续办理\t3\t0\t0\t0\t0\t0\t0\t3',
    ),
);

function check(...args: string[]) {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/xxgk.js'), 'check', dir, '--json', ...args], {
    encoding: 'utf8',
  });
  const lines = run.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { file: string; findings: Array<{ rule: string; cells: string[] }> });
  return new Map(lines.map((l) => [l.file.endsWith('2022.txt') ? 2022 : 2021, l.findings]));
}

test('a batch finds the carry-over break and the copied section on the later report', () => {
  const findings = check();
  const later = findings.get(2022)!;
  const carry = later.filter((f) => f.rule === 'crossYear.carry');
  assert.deepEqual(
    carry
      .map((f) => f.cells)
      .flat()
      .sort(),
    ['requests.carriedOver.naturalPerson', 'requests.carriedOver.total'],
  );
  assert.ok(
    later.some((f) => f.rule === 'similarity.ownPast'),
    'section 五 copied from 2021',
  );
  assert.ok(
    !findings.get(2021)!.some((f) => f.rule.startsWith('crossYear.')),
    'no earlier year to compare 2021 with',
  );
});

test('--no-corpus checks each report on its own', () => {
  const findings = check('--no-corpus');
  for (const list of findings.values()) {
    assert.ok(!list.some((f) => f.rule.startsWith('crossYear.') || f.rule.startsWith('similarity.')));
  }
});
