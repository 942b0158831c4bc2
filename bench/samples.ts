/**
 * Writes synthetic reports to a directory for a look by eye: every layout of the first cases of the
 * round-trip corpus (same seeds as test/synthetic.test.ts), with each record as JSON beside its files.
 *
 *   node --import tsx bench/samples.ts <dir> [cases=3] [seed=20250101]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng, deriveSeed, LAYOUT_NAMES, randomRecord, renderReport } from '../src/synthetic/index.ts';

const [dir, cases = '3', seed = '20250101'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node --import tsx bench/samples.ts <dir> [cases=3] [seed=20250101]');
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
for (let i = 0; i < Number(cases); i++) {
  const record = randomRecord(createRng(deriveSeed(Number(seed), i, 'record')));
  writeFileSync(join(dir, `${i}.record.json`), JSON.stringify(record, null, 1));
  for (const layout of LAYOUT_NAMES) {
    const file = renderReport(record, layout, createRng(deriveSeed(Number(seed), i, `${layout}:utf-8`)));
    writeFileSync(join(dir, `${i}.${layout}.${file.name.split('.').pop()}`), file.bytes);
  }
}
console.log(`wrote ${Number(cases)} cases × ${LAYOUT_NAMES.length} layouts to ${dir}`);
