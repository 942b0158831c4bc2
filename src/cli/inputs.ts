/** Command-line paths → the files to read, in a fixed order. */
import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';

export interface InputFile {
  path: string;
  /**
   * Found while walking a directory under an extension that is not a known report type: it is read
   * anyway, and dropped quietly if the pipeline finds it unusable (the pipeline decides what is a report).
   */
  probe: boolean;
}

/**
 * Extensions of report files: always read, and a file that fails is reported. Markdown is only probed: a
 * folder of reports converted from PDF holds .md reports, but also READMEs that are not reports.
 */
const REPORT_EXTENSIONS = new Set([
  ...['.txt', '.htm', '.html', '.shtml'],
  ...['.pdf', '.docx', '.doc', '.wps', '.et', '.odt', '.ods', '.rtf'],
]);

/** Extensions that are never reports: skipped in directories (named on the command line, they are still read). */
const NEVER_REPORTS = new Set([
  ...['.json', '.jsonl', '.js', '.mjs', '.cjs', '.ts', '.css', '.map', '.lock', '.yml', '.yaml', '.toml'],
  ...['.png', '.jpg', '.jpeg', '.gif', '.svg', '.ico', '.webp', '.bmp', '.mp3', '.mp4'],
  ...['.zip', '.gz', '.tgz', '.7z', '.rar', '.tar', '.exe', '.dll', '.so', '.db', '.sqlite'],
]);

function skippedName(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** Code-point order, independent of the locale. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function walk(dir: string, out: InputFile[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    // Unreadable directory: hand it to the pipeline, which reports it as a file it cannot read.
    out.push({ path: dir, probe: false });
    return;
  }
  for (const entry of entries.sort((a, b) => byName(a.name, b.name))) {
    if (skippedName(entry.name)) continue;
    const path = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      // Follow links to files; links to directories are not followed (they can loop).
      const target = await stat(path).catch(() => null);
      isDir = false;
      isFile = target?.isFile() ?? false;
    }
    if (isDir) await walk(path, out);
    else if (isFile) {
      const ext = extname(entry.name).toLowerCase();
      if (NEVER_REPORTS.has(ext)) continue;
      out.push({ path, probe: !REPORT_EXTENSIONS.has(ext) });
    }
  }
}

/**
 * Files named on the command line come in the order given (a missing one too: the pipeline reports it);
 * directories are walked recursively in sorted order, skipping hidden entries and node_modules.
 * A file reached twice is read once.
 */
export async function collectInputs(args: readonly string[]): Promise<InputFile[]> {
  const found: InputFile[] = [];
  for (const arg of args) {
    const info = await stat(arg).catch(() => null);
    if (info?.isDirectory()) await walk(arg, found);
    else found.push({ path: arg, probe: false });
  }
  const seen = new Set<string>();
  return found.filter((f) => {
    const key = resolve(f.path);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
