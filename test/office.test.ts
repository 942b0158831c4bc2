/**
 * Legacy and other office formats (.doc, .wps, .odt, .rtf) read through LibreOffice: the same cells as the
 * DOCX they were saved from; without LibreOffice, one line naming the package to install.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { UnusableInputError } from '../src/diagnostics/index.ts';
import { parseBytes } from '../src/pipeline/index.ts';
import { flattenTables } from '../src/record/index.ts';
import { sniff } from '../src/sources/index.ts';
import { needs } from './support/tools.ts';

const ROOT = join(import.meta.dirname, '..');
const CASE = join(ROOT, 'fixtures', 'reports', 'legacy-office-2021-doc-odt-rtf');
const expected = JSON.parse(readFileSync(join(CASE, 'expected.json'), 'utf8')) as {
  agency: string;
  year: number;
  cells: Record<string, number | null>;
};
const libreoffice = needs('libreoffice');

async function assertSameReport(bytes: Uint8Array, name: string): Promise<void> {
  const { record, messages } = await parseBytes(bytes, name);
  assert.deepEqual(flattenTables(record.tables), expected.cells, `${name}: cells`);
  assert.equal(record.agency, expected.agency, `${name}: agency`);
  assert.equal(record.year, expected.year, `${name}: year`);
  assert.ok(
    messages.some((m) => m.rule === 'read.office.converted'),
    `${name}: says it was converted`,
  );
}

test('sniffing: .doc/.wps are OLE, .odt an OpenDocument ZIP, RTF by its signature', () => {
  assert.equal(sniff(readFileSync(join(CASE, 'report.doc')), 'report.wps'), 'ole');
  assert.equal(sniff(readFileSync(join(CASE, 'report.odt')), 'report.zip'), 'odf');
  assert.equal(sniff(new Uint8Array(Buffer.from('{\\rtf1\\ansi 报告}')), 'report.doc'), 'rtf');
});

test('.doc, the same file named .wps, and .odt give the DOCX cells', libreoffice.options, async () => {
  libreoffice.check();
  const doc = readFileSync(join(CASE, 'report.doc'));
  await assertSameReport(doc, 'report.doc');
  await assertSameReport(doc, 'report.wps');
  await assertSameReport(readFileSync(join(CASE, 'report.odt')), 'report.odt');
});

test('RTF saved from the DOCX gives the same cells', libreoffice.options, async () => {
  libreoffice.check();
  const work = mkdtempSync(join(tmpdir(), 'xxgk-rtf-'));
  try {
    writeFileSync(join(work, 'report.docx'), readFileSync(join(CASE, 'report.docx')));
    const profile = pathToFileURL(join(work, 'profile')).href;
    execFileSync(
      'soffice',
      [
        '--headless',
        `-env:UserInstallation=${profile}`,
        '--convert-to',
        'rtf',
        '--outdir',
        work,
        join(work, 'report.docx'),
      ],
      {
        stdio: 'ignore',
        timeout: 120_000,
      },
    );
    await assertSameReport(readFileSync(join(work, 'report.rtf')), 'report.rtf');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('a damaged legacy file is refused with one line', libreoffice.options, async () => {
  libreoffice.check();
  // LibreOffice may fail on it, or salvage it as plain text that is no report: either way one clear line.
  const damaged = new Uint8Array(
    Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096, 0x41)]),
  );
  await assert.rejects(parseBytes(damaged, 'broken.doc'), (e: unknown) => e instanceof UnusableInputError);
});

test('a password-protected .docx (an OLE file holding the encrypted package) is refused without converting', async () => {
  const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const locked = new Uint8Array(
    Buffer.concat([ole, Buffer.alloc(504), Buffer.from('EncryptionInfo\0EncryptedPackage', 'utf16le')]),
  );
  await assert.rejects(
    parseBytes(locked, 'locked.docx'),
    (e: unknown) => e instanceof UnusableInputError && e.code === 'input.office.encrypted',
  );
});

test('without LibreOffice a .doc gets one line naming the package to install, exit 2', () => {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'xxgk.js'), 'parse', join(CASE, 'report.doc')], {
    encoding: 'utf8',
    env: { ...process.env, PATH: join(tmpdir(), 'xxgk-no-tools') },
    timeout: 60_000,
  });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /请安装 libreoffice-writer-nogui/);
  assert.match(run.stderr, /install libreoffice-writer-nogui/);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
});
