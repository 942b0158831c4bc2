/**
 * Golden cases: the five real seed reports (fixtures/reports/seed-*). Every cell and metadata field must
 * match the hand-checked values (a list means any of those is right), and each seed must produce the
 * findings a reviewer expects of it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkBytes } from '../src/pipeline/index.ts';
import { flattenTables } from '../src/record/index.ts';

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'reports');
const seeds = readdirSync(ROOT).filter((d) => d.startsWith('seed-'));

interface Expected {
  file: string;
  agency: string | null | Array<string | null>;
  year: number;
  format: string;
  publishedOn: string | null;
  cells: Record<string, unknown>;
}

const accepts = (expected: unknown, actual: unknown): boolean =>
  expected === '?' ||
  (Array.isArray(expected) ? expected.some((e) => accepts(e, actual)) : expected === actual);

async function check(dir: string) {
  const bytes = readFileSync(join(ROOT, dir, 'report.txt'));
  const expected = JSON.parse(readFileSync(join(ROOT, dir, 'expected.json'), 'utf8')) as Expected;
  return { expected, result: await checkBytes(bytes, expected.file) };
}
const checked = new Map(await Promise.all(seeds.map(async (dir) => [dir, await check(dir)] as const)));
const load = (dir: string) => checked.get(dir)!;

test('there are five seed cases', () => assert.equal(seeds.length, 5));

for (const dir of seeds) {
  test(`${dir}: metadata and every cell as hand-checked`, () => {
    const { expected, result } = load(dir);
    const { record } = result;
    assert.ok(accepts(expected.agency, record.agency), `agency ${record.agency}`);
    assert.equal(record.year, expected.year);
    assert.equal(record.format, expected.format);
    assert.equal(record.publishedOn, expected.publishedOn);
    const cells = flattenTables(record.tables);
    const wrong = Object.entries(expected.cells).filter(
      ([id, v]) => !accepts(v, id in cells ? cells[id] : '?absent'),
    );
    assert.deepEqual(
      wrong.map(([id, v]) => `${id}: expected ${JSON.stringify(v)}, got ${cells[id]}`),
      [],
    );
    assert.deepEqual(
      Object.keys(cells).filter((id) => !(id in expected.cells)),
      [],
      'no cells beyond the official ones',
    );
    assert.deepEqual(
      record.sections.map((s) => s.number),
      [1, 2, 3, 4, 5, 6],
    );
  });
}

const rulesOf = (dir: string) => new Set(load(dir).result.findings.map((f) => f.rule));
const IDENTITY_RULES = ['requests.balance', 'requests.outcomeSum', 'requests.rowTotal', 'reviews.total'];

test('seed 000 and 003 (all zeros, consistent): no identity findings, no errors', () => {
  for (const dir of seeds.filter((d) => /seed-00[03]/.test(d))) {
    const { result } = load(dir);
    for (const rule of IDENTITY_RULES) assert.ok(!rulesOf(dir).has(rule), `${dir} ${rule}`);
    assert.deepEqual(
      result.findings.filter((f) => f.severity === 'error').map((f) => f.rule),
      [],
    );
  }
});

test('seed 001: short rows are said, not shifted; 「我镇」 in a 乡 report', () => {
  const dir = seeds.find((d) => d.startsWith('seed-001'))!;
  const { result } = load(dir);
  const short = result.findings.find((f) => f.rule === 'table.rowShort');
  assert.ok(short, 'table.rowShort finding');
  assert.equal(short.severity, 'error');
  assert.ok(short.cells!.includes('requests.granted.naturalPerson'));
  assert.ok(short.cells!.includes('requests.carriedForward.total'));
  assert.ok(!short.cells!.includes('requests.received.total'), 'row 一 prints all seven');
  const self = result.findings.find((f) => f.rule === 'content.selfReference');
  assert.ok(self, 'content.selfReference finding');
  assert.match(self.text!.quote, /我镇/);
  assert.equal(result.record.agencyKind, 'township');
});

test('seed 002: dated before the year ended; blank cells; empty column headers', () => {
  const dir = seeds.find((d) => d.startsWith('seed-002'))!;
  const { result } = load(dir);
  const rules = rulesOf(dir);
  assert.ok(rules.has('date.beforeYearEnd'));
  assert.ok(rules.has('cell.blank'));
  assert.ok(rules.has('table.columnMissing'));
  const blank = result.findings.filter((f) => f.rule === 'cell.blank').flatMap((f) => f.cells ?? []);
  assert.ok(blank.includes('requests.granted.commercial'));
  assert.ok(blank.includes('active.regulations.published'));
  assert.ok(!blank.includes('requests.granted.total'), 'a printed 2 is not blank');
});

test('seed 004: the blank outcome rows are blank-cell findings, not zeros', () => {
  const dir = seeds.find((d) => d.startsWith('seed-004'))!;
  const { result } = load(dir);
  const blank = result.findings.filter((f) => f.rule === 'cell.blank').flatMap((f) => f.cells ?? []);
  assert.ok(blank.includes('requests.granted.naturalPerson'));
  assert.ok(blank.includes('requests.other.total'));
  assert.ok(!blank.includes('requests.unavailable.notHeld.naturalPerson'));
});
