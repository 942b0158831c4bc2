/**
 * One page of a PDF as a PNG, for a reviewer to see the source beside the recognised tables. Rendered by
 * pdftoppm (poppler-utils) in a temporary directory with a time limit: a hostile PDF costs at most that.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run, withTempDir } from '../sources/processes.ts';

export interface PageImageOptions {
  /** Resolution in dots per inch (default 110: an A4 page about 900 pixels wide). */
  dpi?: number;
  timeoutMs?: number;
}

export type PageImage =
  { ok: true; png: Uint8Array } | { ok: false; reason: 'noSuchPage' | 'timeout' | 'missingTool' | 'failed' };

/** Renders page `page` (from 1) of a PDF's bytes. */
export async function renderPdfPage(
  bytes: Uint8Array,
  page: number,
  options: PageImageOptions = {},
): Promise<PageImage> {
  if (!Number.isInteger(page) || page < 1) return { ok: false, reason: 'noSuchPage' };
  return withTempDir('xxgk-page-', async (dir) => {
    const input = join(dir, 'input.pdf');
    await writeFile(input, bytes);
    const result = await run(
      'pdftoppm',
      [
        '-f',
        String(page),
        '-l',
        String(page),
        '-r',
        String(options.dpi ?? 110),
        '-png',
        input,
        join(dir, 'page'),
      ],
      { timeoutMs: options.timeoutMs ?? 20_000, cwd: dir },
    );
    if (result.missing) return { ok: false, reason: 'missingTool' };
    if (result.timedOut) return { ok: false, reason: 'timeout' };
    // pdftoppm pads the page number to the page count's width: page-1.png, page-01.png …
    const made = (await readdir(dir)).find((name) => name.startsWith('page') && name.endsWith('.png'));
    if (made) return { ok: true, png: new Uint8Array(await readFile(join(dir, made))) };
    // A page beyond the last one: 「Wrong page range given: the first page (9) can not be after the last page (4).」
    return { ok: false, reason: /page range/i.test(result.stderr) ? 'noSuchPage' : 'failed' };
  });
}
