/**
 * The direct text-layer PDF reader (decision 018) against pdf.js: on every committed PDF fixture it reads,
 * the Document is the one pdf.js gives; where a file leaves its ground (encrypted, Type3 font, a filter it
 * does not know, a broken cross-reference) it declines and the file reads exactly as with pdf.js; hostile
 * files (deflate bomb, reference cycle, form recursion, truncation) neither crash nor hang it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { UnusableInputError } from '../src/diagnostics/index.ts';
import { readSource } from '../src/sources/index.ts';
import { Decline, openDirect } from '../src/sources/pdf/direct/document.ts';
import { pdfFixtures, restoreEngineAfterTests, ROOT } from './support/pdf-files.ts';

restoreEngineAfterTests();

/** The Document and messages through the default engine (direct, pdf.js on decline) or pdf.js alone. */
async function readWith(engine: 'default' | 'pdfjs', bytes: Uint8Array, name: string): Promise<unknown> {
  if (engine === 'pdfjs') process.env.XXGK_PDF_ENGINE = 'pdfjs';
  else delete process.env.XXGK_PDF_ENGINE;
  try {
    const read = await readSource(bytes, name);
    return { document: read.document, messages: read.messages };
  } catch (e) {
    if (e instanceof UnusableInputError) return { refused: e.code };
    throw e;
  } finally {
    delete process.env.XXGK_PDF_ENGINE;
  }
}

/** Every page through the direct reader alone; the Decline's message when it declines. */
async function direct(bytes: Uint8Array): Promise<{ pages: number } | { declined: string }> {
  try {
    const source = openDirect(bytes);
    let ruled = false;
    for (let n = 1; n <= source.numPages; n++) {
      const page = await source.readPage(n, ruled);
      ruled = page.horizontal.length > 0 && page.vertical.length > 0;
    }
    return { pages: source.numPages };
  } catch (e) {
    if (e instanceof Decline) return { declined: e.message };
    throw e;
  }
}

for (const path of pdfFixtures()) {
  const name = path.slice(ROOT.length + 1);
  test(`the direct reader and pdf.js read ${name} the same`, async () => {
    const bytes = new Uint8Array(readFileSync(path));
    const outcome = await direct(bytes);
    if (name.includes('encrypted')) assert.match((outcome as { declined: string }).declined, /encrypted/);
    // A scanned page (an image, no text) is pdf.js's and the OCR's, as before.
    else if (name.includes('scanned')) assert.match((outcome as { declined: string }).declined, /scanned/);
    else assert.ok('pages' in outcome, `declined: ${JSON.stringify(outcome)}`);
    assert.deepEqual(await readWith('default', bytes, name), await readWith('pdfjs', bytes, name));
  });
}

// Hand-made files: a minimal writer, one page, a CID font with Identity-H and a ToUnicode CMap.
const TEXT = '政府信息公开工作年度报告';

function hex(s: string): string {
  return Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase();
}

function codes(s: string): string {
  return [...s].map((c) => (TEXT.indexOf(c) + 1).toString(16).padStart(4, '0')).join('');
}

function streamObject(data: Buffer | string, dict = '', flate = true): Buffer {
  const raw = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  const body = flate ? deflateSync(raw) : raw;
  const filter = flate ? '/Filter /FlateDecode ' : '';
  return Buffer.concat([
    Buffer.from(`<< /Length ${body.length} ${filter}${dict}>>\nstream\n`, 'latin1'),
    body,
    Buffer.from('\nendstream', 'latin1'),
  ]);
}

function build(objects: Record<number, Buffer | string>): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  const numbers = Object.keys(objects)
    .map(Number)
    .sort((a, b) => a - b);
  for (const n of numbers) {
    offsets[n] = length;
    const body = objects[n]!;
    const chunk = Buffer.concat([
      Buffer.from(`${n} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(chunk);
    length += chunk.length;
  }
  const size = numbers[numbers.length - 1]! + 1;
  let xref = `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let n = 1; n < size; n++) {
    xref +=
      offsets[n] === undefined
        ? '0000000000 65535 f \n'
        : `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  }
  xref += `trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

function report(
  content: string,
  extra: Record<number, Buffer | string> = {},
  resources = '',
  fonts = '/F1 4 0 R',
): Uint8Array {
  const cmap =
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <0000> <FFFF> ' +
    `endcodespacerange\n${TEXT.length} beginbfchar\n` +
    [...TEXT].map((c, i) => `<${(i + 1).toString(16).padStart(4, '0')}> <${hex(c)}>\n`).join('') +
    'endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n';
  return build({
    1: '<< /Type /Catalog /Pages 2 0 R >>',
    2: `<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595 842] /Resources << /Font << ${fonts} >> ${resources}>> >>`,
    3: '<< /Type /Page /Parent 2 0 R /Contents 8 0 R >>',
    4: '<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [5 0 R] /ToUnicode 7 0 R >>',
    5: '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R /DW 1000 >>',
    6: '<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 700 /StemV 80 >>',
    7: streamObject(cmap),
    8: typeof content === 'string' ? streamObject(content) : content,
    ...extra,
  });
}

const LINES = `BT /F1 14 Tf 72 760 Td <${codes(TEXT)}> Tj ET
BT /F1 10.5 Tf 72 730 Td [<${codes('政府')}> -400 <${codes('信息')}> 900 <${codes('公开')}>] TJ 0 -14 Td 2 Tc <${codes('年度报告')}> Tj ET
0 0 0 RG 0.5 w 72 700 m 500 700 l S 72 600 m 500 600 l S 72 700 m 72 600 l S 500 700 m 500 600 l S`;

test('a hand-made CID-font report is read directly, the same as pdf.js', async () => {
  const bytes = report(LINES);
  assert.deepEqual(await direct(bytes), { pages: 1 });
  assert.deepEqual(await readWith('default', bytes, 'a.pdf'), await readWith('pdfjs', bytes, 'a.pdf'));
});

test('it declines a Type3 font, and the file reads as with pdf.js', async () => {
  const bytes = report(
    `${LINES}\nBT /T3 12 Tf 72 680 Td (ab) Tj ET`,
    {
      12: '<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /a 13 0 R /b 13 0 R >> /Encoding << /Type /Encoding /Differences [97 /a /b] >> /FirstChar 97 /LastChar 98 /Widths [1000 1000] /Resources << >> >>',
      13: streamObject('1000 0 d0 0 0 1000 1000 re f', '', false),
    },
    '',
    '/F1 4 0 R /T3 12 0 R',
  );
  const outcome = await direct(bytes);
  assert.match((outcome as { declined: string }).declined, /Type3/);
  assert.deepEqual(await readWith('default', bytes, 't3.pdf'), await readWith('pdfjs', bytes, 't3.pdf'));
});

test('it declines a content stream filter it does not know, and the file reads as with pdf.js', async () => {
  const data = Buffer.from(LINES, 'latin1').toString('hex') + '>';
  const bytes = report(streamObject(data, '/Filter /ASCIIHexDecode ', false) as unknown as string);
  const outcome = await direct(bytes);
  assert.match((outcome as { declined: string }).declined, /ASCIIHexDecode/);
  assert.deepEqual(await readWith('default', bytes, 'hex.pdf'), await readWith('pdfjs', bytes, 'hex.pdf'));
});

const LIBREOFFICE = join(ROOT, 'fixtures/reports/docx-pdf-2019-table-over-pages-repeated-header/report.pdf');

test('it declines a broken cross-reference (pdf.js repairs it), and the file reads as with pdf.js', async () => {
  const original = readFileSync(LIBREOFFICE);
  const text = original.toString('latin1');
  const at = text.lastIndexOf('startxref');
  const match = /startxref\s+(\d+)/.exec(text.slice(at))!;
  const broken = Buffer.from(
    text.slice(0, at) + `startxref\n${Number(match[1]) - 7}` + text.slice(at + match[0].length),
    'latin1',
  );
  const bytes = new Uint8Array(broken);
  assert.ok('declined' in (await direct(bytes)));
  assert.deepEqual(
    await readWith('default', bytes, 'broken.pdf'),
    await readWith('pdfjs', bytes, 'broken.pdf'),
  );
});

test('an encrypted PDF is declined and refused as pdf.js refuses it', async () => {
  const bytes = new Uint8Array(readFileSync(join(ROOT, 'test/fixtures/documents/encrypted.pdf')));
  assert.deepEqual(await readWith('default', bytes, 'e.pdf'), { refused: 'input.pdf.encrypted' });
});

/** A hostile file: the direct reader declines it quickly, and readSource gives what pdf.js gives. */
async function hostile(bytes: Uint8Array, reason: RegExp): Promise<void> {
  const started = process.cpuUsage();
  const outcome = await direct(bytes);
  const used = process.cpuUsage(started);
  assert.match((outcome as { declined: string }).declined ?? '', reason);
  assert.ok((used.user + used.system) / 1000 < 5000, 'declined within seconds');
  assert.deepEqual(await readWith('default', bytes, 'h.pdf'), await readWith('pdfjs', bytes, 'h.pdf'));
}

test('a deflate bomb in a content stream is declined, not inflated', async () => {
  const bomb = deflateSync(Buffer.alloc(96 * 1024 * 1024, 0x20), { level: 9 });
  const stream = Buffer.concat([
    Buffer.from(`<< /Length ${bomb.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'),
    bomb,
    Buffer.from('\nendstream', 'latin1'),
  ]);
  await hostile(report(stream as unknown as string), /deflate|too large|too much/);
});

test('a reference cycle is declined', async () => {
  const bytes = report(LINES, {
    3: '<< /Type /Page /Parent 2 0 R /Contents 14 0 R >>',
    14: '15 0 R',
    15: '14 0 R',
  });
  await hostile(bytes, /reference|cycle/);
});

test('a form XObject drawing itself, and forms nested too deep, are declined', async () => {
  const self = report(
    `${LINES}\n/Fm1 Do`,
    {
      11: streamObject(
        '/Fm1 Do',
        '/Type /XObject /Subtype /Form /BBox [0 0 300 100] /Resources << /XObject << /Fm1 11 0 R >> >> ',
      ),
    },
    '/XObject << /Fm1 11 0 R >>',
  );
  await hostile(self, /cycle/);
  const chain: Record<number, string | Buffer> = {};
  for (let i = 0; i < 40; i++) {
    chain[20 + i] = streamObject(
      i === 39 ? '0 0 m 1 1 l S' : '/Fm Do',
      `/Type /XObject /Subtype /Form /BBox [0 0 300 100] /Resources << /XObject << /Fm ${21 + i} 0 R >> >> `,
    );
  }
  await hostile(report(`${LINES}\n/Fm Do`, chain, '/XObject << /Fm 20 0 R >>'), /too deep/);
});

test('a truncated file is declined and reads (or is refused) as with pdf.js', async () => {
  const original = readFileSync(LIBREOFFICE);
  await hostile(new Uint8Array(original.subarray(0, original.length >> 1)), /startxref|cross-reference/);
});
