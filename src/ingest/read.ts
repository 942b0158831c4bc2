/** A file's bytes for ingest, with the pipeline's size limit and its messages for files that cannot be read. */
import { readFileSync, statSync } from 'node:fs';
import { UnusableInputError } from '../diagnostics/index.ts';
import { MAX_INPUT_BYTES } from '../pipeline/index.ts';

/**
 * Synchronous on purpose: a report is read in tens of microseconds, while the promise API costs several
 * times that in main-thread CPU, which ingest needs for the database.
 */
export function readBytes(file: string): Uint8Array {
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
