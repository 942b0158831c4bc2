/**
 * The front of the pipeline: bytes → the right reader → Document. File kinds that have no reader
 * yet, or are no text at all, stop here with a one-line message.
 */
import { UnusableInputError } from '../diagnostics/index.ts';
import { readHtml } from './html/index.ts';
import type { ReadResult } from './reader.ts';
import { sniff, type SniffedKind } from './sniff.ts';
import { readText } from './text/index.ts';

export { decodeText } from './encoding.ts';
export { sniff, type SniffedKind } from './sniff.ts';
export type { ReadResult, Reader, SourceKind } from './reader.ts';

/** Why each unreadable kind is refused: code, Chinese message, English twin. */
const REFUSALS: Record<Exclude<SniffedKind, 'text' | 'html'>, [string, string, string]> = {
  pdf: [
    'input.pdf',
    '暂不支持读取 PDF 文件，请先转换为文本或 HTML',
    'PDF files are not read yet; convert to text or HTML',
  ],
  docx: [
    'input.docx',
    '暂不支持读取 Word（.docx）文件，请先另存为文本或 HTML',
    'Word (.docx) files are not read yet; save as text or HTML',
  ],
  ole: [
    'input.ole',
    '暂不支持读取旧版 Office/WPS 文件（.doc/.wps/.et），请先另存为文本或 HTML',
    'legacy Office/WPS files (.doc/.wps/.et) are not read yet; save as text or HTML',
  ],
  rtf: [
    'input.rtf',
    '暂不支持读取 RTF 文件，请先另存为文本或 HTML',
    'RTF files are not read yet; save as text or HTML',
  ],
  zip: ['input.zip', '压缩包不是报告文件，请先解压', 'an archive is not a report; unpack it first'],
  image: ['input.image', '图片文件，需要 OCR 识别文字后才能读取', 'an image file; its text needs OCR first'],
  binary: ['input.binary', '不是文本文件（二进制内容）', 'not a text file (binary content)'],
  empty: ['input.empty', '文件为空', 'file is empty'],
};

export function readSource(bytes: Uint8Array, name: string): ReadResult {
  const kind = sniff(bytes, name);
  if (kind === 'html') return readHtml(bytes, name);
  if (kind === 'text') return readText(bytes, name);
  const [code, zh, en] = REFUSALS[kind];
  throw new UnusableInputError(code, zh, en);
}
