/**
 * Golden cases beyond the seeds (fixtures/reports/<case>/ other than seed-*): each holds a report, the record
 * recognition must give back (expected.json: metadata, every cell, the cells left undetermined) and the
 * findings the checks must produce (findings.json: rule, severity, cells). Regenerated only on purpose; review
 * the diff like code.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkBytes } from '../src/pipeline/index.ts';
import { flattenTables } from '../src/record/index.ts';

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'reports');
const cases = readdirSync(ROOT).filter(
  (d) => !d.startsWith('seed-') && existsSync(join(ROOT, d, 'findings.json')),
);

interface Expected {
  file: string;
  agency: string | null;
  year: number | null;
  format: string;
  publishedOn: string | null;
  undetermined: string[];
  cells: Record<string, number | null>;
}

test('there are golden cases beyond the seeds', () => assert.ok(cases.length >= 2));

for (const dir of cases) {
  test(`${dir}: record and findings as reviewed`, async () => {
    const expected = JSON.parse(readFileSync(join(ROOT, dir, 'expected.json'), 'utf8')) as Expected;
    const findings = JSON.parse(readFileSync(join(ROOT, dir, 'findings.json'), 'utf8')) as unknown[];
    const result = await checkBytes(readFileSync(join(ROOT, dir, expected.file)), expected.file);
    const { record } = result;
    assert.deepEqual(
      { agency: record.agency, year: record.year, format: record.format, publishedOn: record.publishedOn },
      {
        agency: expected.agency,
        year: expected.year,
        format: expected.format,
        publishedOn: expected.publishedOn,
      },
    );
    assert.deepEqual(flattenTables(record.tables), expected.cells);
    const undetermined = Object.entries(record.origins ?? {})
      .filter(([, o]) => o.undetermined)
      .map(([id]) => id);
    assert.deepEqual(undetermined, expected.undetermined);
    assert.deepEqual(
      result.findings.map((f) => ({ rule: f.rule, severity: f.severity, cells: f.cells ?? [] })),
      findings,
    );
  });
}
