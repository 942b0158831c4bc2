/**
 * The front of the pipeline: bytes → the right reader → Document. The kind is sniffed from the content
 * (the extension may lie); every kind has one entry in READERS, checked for completeness by the compiler.
 * Kinds that are not reports at all stop here with a one-line message.
 */
import { UnusableInputError } from '../diagnostics/index.ts';
import { readDocx } from './docx/index.ts';
import { readHtml } from './html/index.ts';
import { readOffice } from './office/index.ts';
import { readPdf } from './pdf/index.ts';
import type { AsyncReader, ReadResult, Reader } from './reader.ts';
import { sniff, type SniffedKind } from './sniff.ts';
import { readText } from './text/index.ts';

export { decodeText } from './encoding.ts';
export { sniff, type SniffedKind } from './sniff.ts';
export type { AsyncReader, ReadResult, Reader, SourceKind } from './reader.ts';

const refuse =
  (code: string, zh: string, en: string): Reader =>
  () => {
    throw new UnusableInputError(code, zh, en);
  };

const READERS: Record<SniffedKind, Reader | AsyncReader> = {
  text: readText,
  html: readHtml,
  docx: readDocx,
  pdf: readPdf,
  ole: readOffice,
  odf: readOffice,
  rtf: readOffice,
  zip: refuse('input.zip', '压缩包不是报告文件，请先解压', 'an archive is not a report; unpack it first'),
  image: refuse(
    'input.image',
    '图片文件，需要 OCR 识别文字后才能读取',
    'an image file; its text needs OCR first',
  ),
  binary: refuse('input.binary', '不是文本文件（二进制内容）', 'not a text file (binary content)'),
  empty: refuse('input.empty', '文件为空', 'file is empty'),
};

/** Reads any file. PDF, OCR and LibreOffice conversion wait on pdf.js or child processes, hence async. */
export async function readSource(bytes: Uint8Array, name: string): Promise<ReadResult> {
  return READERS[sniff(bytes, name)](bytes, name);
}
