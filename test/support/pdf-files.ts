/**
 * For the tests that compare PDF engines (pdf-engines, pdf-direct): every committed PDF fixture, and the
 * engine variable, restored after the file's tests whatever they set it to.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after } from 'node:test';

export const ROOT = join(import.meta.dirname, '..', '..');

/** Every PDF under fixtures/ and test/fixtures/ that `keep` accepts, sorted. */
export function pdfFixtures(keep: (path: string) => boolean = () => true): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.pdf') && keep(path)) found.push(path);
    }
  };
  walk(join(ROOT, 'fixtures'));
  walk(join(ROOT, 'test', 'fixtures'));
  return found.sort();
}

/** XXGK_PDF_ENGINE as it was before this test file, put back when its tests are done. */
export function restoreEngineAfterTests(): void {
  const before = process.env.XXGK_PDF_ENGINE;
  after(() => {
    if (before === undefined) delete process.env.XXGK_PDF_ENGINE;
    else process.env.XXGK_PDF_ENGINE = before;
  });
}
