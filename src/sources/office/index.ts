/**
 * Legacy and other office formats — .doc and .wps (Word/WPS binary), .et (WPS spreadsheet), .odt/.ods,
 * RTF — are converted by LibreOffice when it is installed, then read by the DOCX or HTML reader: text
 * documents to DOCX (tables keep their merges), spreadsheets to HTML.
 *
 * LibreOffice runs headless with a profile of its own in a fresh temporary directory (so runs never share
 * or lock a user profile), time-limited and killed with its process group on time-out.
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UnusableInputError, finding } from '../../diagnostics/index.ts';
import { readDocx } from '../docx/index.ts';
import { readHtml } from '../html/index.ts';
import { run, withTempDir } from '../processes.ts';
import type { AsyncReader, ReadResult } from '../reader.ts';
import { openZip } from '../zip.ts';

const CONVERSION_TIMEOUT_MS = 60_000;
const COMMANDS = ['soffice', 'libreoffice'];

type Family = 'text' | 'spreadsheet';

interface Source {
  /** Extension LibreOffice is given (it detects by content, but a fitting name avoids a wrong guess). */
  extension: string;
  family: Family;
  /** What the user calls it, for messages. */
  label: string;
}

export const readOffice: AsyncReader = async (bytes) => {
  const source = identify(bytes);
  const target = source.family === 'text' ? 'docx' : 'html';
  const converted = await convert(bytes, source, target);
  const read: ReadResult =
    target === 'docx' ? readDocx(converted, 'converted.docx') : readHtml(converted, 'converted.html');
  read.messages.unshift(
    finding(
      'read.office.converted',
      'info',
      `${source.label} 文件已由 LibreOffice 转换后读取，版式细节可能有出入`,
    ),
  );
  return read;
};

/** What kind of office file this is, from its container. */
function identify(bytes: Uint8Array): Source {
  if (bytes[0] === 0x7b) return { extension: 'rtf', family: 'text', label: 'RTF' };
  if (bytes[0] === 0x50) {
    const mimetype = new TextDecoder().decode(openZip(bytes).read('mimetype') ?? new Uint8Array());
    return mimetype.includes('spreadsheet')
      ? { extension: 'ods', family: 'spreadsheet', label: 'OpenDocument 表格（.ods）' }
      : { extension: 'odt', family: 'text', label: 'OpenDocument 文档（.odt）' };
  }
  // OLE compound files name their streams in UTF-16: Word and WPS text have WordDocument, Excel and WPS
  // spreadsheets (.et) have Workbook or Book.
  const names = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (stream: string) => names.includes(Buffer.from(stream, 'utf16le'));
  // A password-protected .docx/.xlsx is an OLE file holding the encrypted package: no converter can open it.
  if (has('EncryptedPackage')) {
    throw new UnusableInputError(
      'input.office.encrypted',
      '文档已加密（设置了打开密码），无法读取',
      'the document is encrypted (it has an opening password)',
    );
  }
  if (!has('WordDocument') && (has('Workbook') || has('Book')))
    return { extension: 'xls', family: 'spreadsheet', label: '旧版表格（.xls/.et）' };
  return { extension: 'doc', family: 'text', label: '旧版 Word/WPS（.doc/.wps）' };
}

async function convert(bytes: Uint8Array, source: Source, target: 'docx' | 'html'): Promise<Uint8Array> {
  return withTempDir('office', async (dir) => {
    const input = join(dir, `input.${source.extension}`);
    const out = join(dir, 'out');
    await writeFile(input, bytes);
    await mkdir(out);
    const args = [
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--nodefault',
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
      '--convert-to',
      target,
      '--outdir',
      out,
      input,
    ];
    for (const command of COMMANDS) {
      const result = await run(command, args, { timeoutMs: CONVERSION_TIMEOUT_MS, cwd: dir });
      if (result.missing) continue;
      if (result.timedOut) {
        throw new UnusableInputError(
          'input.office.timeout',
          `LibreOffice 转换${source.label}超时（${CONVERSION_TIMEOUT_MS / 1000} 秒）`,
          `LibreOffice timed out converting the file (${CONVERSION_TIMEOUT_MS / 1000} s)`,
        );
      }
      const produced = (await readdir(out)).find((f) => f.endsWith(`.${target}`));
      if (result.code !== 0 || !produced) {
        // Writer alone cannot open spreadsheets: say which package that takes.
        const calc = source.family === 'spreadsheet' ? '（表格文件需要 libreoffice-calc-nogui）' : '';
        throw new UnusableInputError(
          'input.office.failed',
          `LibreOffice 无法转换该${source.label}文件，文件可能已损坏或加密${calc}`,
          `LibreOffice could not convert the file; it may be damaged or encrypted${calc ? ' (spreadsheets need libreoffice-calc-nogui)' : ''}`,
        );
      }
      return new Uint8Array(await readFile(join(out, produced)));
    }
    const pkg = source.family === 'text' ? 'libreoffice-writer-nogui' : 'libreoffice-calc-nogui';
    throw new UnusableInputError(
      'input.office.missing',
      `${source.label}文件需要 LibreOffice 转换后才能读取，请安装 ${pkg}`,
      `this file needs LibreOffice to be converted; install ${pkg}`,
    );
  });
}
