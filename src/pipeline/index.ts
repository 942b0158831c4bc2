/**
 * The only place that chains the stages: bytes → Document → Record → findings.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { readFileSync, statSync } from 'node:fs';
import { UnusableInputError, sortFindings, type Finding } from '../diagnostics/index.ts';
import type { ReportRecord } from '../record/index.ts';
import { readSource } from '../sources/index.ts';
import { looksLikeReport, recognise, truncatedAfter } from '../recognition/index.ts';
import { checkRecord } from '../rules/index.ts';
import type { CheckOptions } from '../rules/rule.ts';

/**
 * Files above this size are refused before reading: a report's text or web page is 10–500 KB, so anything
 * this large is not one report (and would only cost memory and time).
 */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

export interface ParsedReport {
  file: string;
  record: ReportRecord;
  /** Reader and recognition messages (not findings of the checks). */
  messages: Finding[];
}

export interface CheckedReport extends ParsedReport {
  findings: Finding[];
}

export type Outcome<T> = ({ ok: true } & T) | { ok: false; file: string; error: UnusableInputError };

/**
 * Parse one file's bytes. Throws `UnusableInputError` for input that cannot be read. Async because PDF,
 * OCR and LibreOffice conversion wait on pdf.js or child processes; text, HTML and DOCX never wait.
 */
export async function parseBytes(bytes: Uint8Array, file: string): Promise<ParsedReport> {
  const read = await readSource(bytes, file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const { record, messages } = recognise(read.document, {
    name: basename(file),
    kind: read.kind,
    sha256,
    url: null,
  });
  if (!looksLikeReport(record)) {
    throw new UnusableInputError(
      'input.notReport',
      '不是政府信息公开工作年度报告（未找到报告标题、章节或统计表）',
      'not a government information disclosure annual report (no title, sections or tables found)',
    );
  }
  const cut = truncatedAfter(record);
  if (cut) {
    throw new UnusableInputError(
      'input.truncated',
      `报告不完整：内容在「${cut}」之后中断，文件可能被截断`,
      `incomplete report: it breaks off after section "${cut}"; the file may be truncated`,
    );
  }
  return { file, record, messages: [...read.messages, ...messages] };
}

/** Parse and check one file's bytes. */
export async function checkBytes(
  bytes: Uint8Array,
  file: string,
  options: CheckOptions = {},
): Promise<CheckedReport> {
  const parsed = await parseBytes(bytes, file);
  // checkRecord's list is the caller's own, and sortFindings sorts a copy: no copy of it first.
  return { ...parsed, findings: sortFindings(checkRecord(parsed.record, options)) };
}

/**
 * A file's bytes, with the size limit and a clear message for files that cannot be read. Synchronous on purpose:
 * a report is read in tens of microseconds, less than the promise API costs (ingest reads on its main thread).
 */
export function readInputFile(file: string): Uint8Array {
  let size: number;
  try {
    const info = statSync(file);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    throw new UnusableInputError('io.notFound', '文件不存在或无法访问', 'file not found or not readable');
  }
  if (size > MAX_INPUT_BYTES) {
    throw new UnusableInputError(
      'io.tooLarge',
      `文件过大（${Math.round(size / 1048576)} MB，上限 ${MAX_INPUT_BYTES / 1048576} MB）`,
      `file too large (${Math.round(size / 1048576)} MB, limit ${MAX_INPUT_BYTES / 1048576} MB)`,
    );
  }
  try {
    return readFileSync(file);
  } catch {
    throw new UnusableInputError('io.unreadable', '无法读取文件', 'cannot read file');
  }
}

async function asOutcome<T>(file: string, run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, ...(await run()) };
  } catch (e) {
    if (e instanceof UnusableInputError) return { ok: false, file, error: e };
    throw e;
  }
}

export async function parseFile(file: string): Promise<Outcome<ParsedReport>> {
  try {
    const bytes = readInputFile(file);
    return await asOutcome(file, () => parseBytes(bytes, file));
  } catch (e) {
    if (e instanceof UnusableInputError) return { ok: false, file, error: e };
    throw e;
  }
}

export async function checkFile(file: string, options: CheckOptions = {}): Promise<Outcome<CheckedReport>> {
  try {
    const bytes = readInputFile(file);
    return await asOutcome(file, () => checkBytes(bytes, file, options));
  } catch (e) {
    if (e instanceof UnusableInputError) return { ok: false, file, error: e };
    throw e;
  }
}
export { renderPdfPage, type PageImage, type PageImageOptions } from './page-image.ts';
