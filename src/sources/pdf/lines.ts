/**
 * Fragments → lines → text, the way a reader reads a printed page. A PDF has no spaces between CJK
 * characters and cannot tell a typed line break from a wrap, so lines are joined by what they hold:
 * digits continue digits (「2695」 over 「4」 is 26954, a number wrapped in a narrow cell), CJK text
 * continues without a space, Latin words get one.
 */
import type { Fragment } from './geometry.ts';

export interface Line {
  fragments: Fragment[];
  x0: number;
  x1: number;
  baseline: number;
  /** The largest font size on the line. */
  size: number;
  text: string;
}

/** CJK ideographs, CJK punctuation, full-width forms. */
const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f]/;
/** Characters that continue a number wrapped over lines. */
const NUMERIC = /[0-9０-９.,，．]/;

/** Groups fragments whose baselines agree into lines, top to bottom; each line's fragments left to right. */
export function groupLines(fragments: readonly Fragment[]): Line[] {
  const sorted = [...fragments].sort((a, b) => a.baseline - b.baseline || a.x0 - b.x0);
  const lines: Line[] = [];
  let current: Fragment[] = [];
  let baseline = 0;
  let size = 0;
  for (const f of sorted) {
    if (current.length > 0 && Math.abs(f.baseline - baseline) <= 0.4 * Math.max(size, f.size)) {
      current.push(f);
      size = Math.max(size, f.size);
      continue;
    }
    if (current.length > 0) lines.push(lineOf(current));
    current = [f];
    baseline = f.baseline;
    size = f.size;
  }
  if (current.length > 0) lines.push(lineOf(current));
  return lines;
}

export function lineOf(fragments: Fragment[]): Line {
  const ordered = [...fragments].sort((a, b) => a.x0 - b.x0);
  let text = '';
  let previous: Fragment | null = null;
  let size = 0;
  let baselineSum = 0;
  for (const f of ordered) {
    if (previous) text += gapText(previous, f, text);
    text += f.text;
    previous = f;
    size = Math.max(size, f.size);
    baselineSum += f.baseline;
  }
  return {
    fragments: ordered,
    x0: ordered[0]!.x0,
    x1: Math.max(...ordered.map((f) => f.x1)),
    baseline: baselineSum / ordered.length,
    size,
    text: text.replace(/\s+/g, ' ').trim(),
  };
}

/**
 * Word fakes bold for fonts without a bold face by printing the text twice, a hair apart; readers see it
 * once.
 */
export function withoutOverprint(fragments: readonly Fragment[]): Fragment[] {
  const byText = new Map<string, Fragment[]>();
  const out: Fragment[] = [];
  for (const f of fragments) {
    const same = byText.get(f.text);
    const twin = same?.some(
      (g) => Math.abs(g.x0 - f.x0) < 0.3 * f.size && Math.abs(g.baseline - f.baseline) < 0.3 * f.size,
    );
    if (twin) continue;
    if (same) same.push(f);
    else byText.set(f.text, [f]);
    out.push(f);
  }
  return out;
}

/** What a gap between two fragments on one line reads as. */
function gapText(previous: Fragment, next: Fragment, textSoFar: string): string {
  const gap = next.x0 - previous.x1;
  const size = Math.max(previous.size, next.size);
  const before = textSoFar[textSoFar.length - 1] ?? '';
  const after = next.text[0] ?? '';
  if (before === ' ' || after === ' ') return '';
  if (WIDE.test(before) || WIDE.test(after)) return gap > 1.2 * size ? ' ' : '';
  return gap > 0.2 * size ? ' ' : '';
}

/** Joins the lines of one cell or paragraph. */
export function joinLines(lines: readonly string[]): string {
  let out = '';
  for (const line of lines) {
    if (line === '') continue;
    if (out !== '') out += lineBreak(out[out.length - 1]!, line[0]!);
    out += line;
  }
  return out;
}

function lineBreak(before: string, after: string): string {
  if (NUMERIC.test(before) && NUMERIC.test(after)) return '';
  if (WIDE.test(before) || WIDE.test(after)) return '';
  if (before === '-' || before === '/') return '';
  return ' ';
}

/** Width weight of a character: CJK and full-width forms are an em wide, others about half. */
export function charWeight(ch: string): number {
  return WIDE.test(ch) ? 1 : 0.55;
}

/** Gap (ems) between two fragments of a line that cells leave and running text does not. */
const CELL_GAP = 1;

/** Some line holds fragments set apart like cells of a table row. */
function looksTabular(fragments: readonly Fragment[]): boolean {
  for (const line of groupLines(fragments)) {
    for (let i = 1; i < line.fragments.length; i++) {
      const [a, b] = [line.fragments[i - 1]!, line.fragments[i]!];
      if (b.x0 - a.x1 > CELL_GAP * Math.max(a.size, b.size)) return true;
    }
  }
  return false;
}

/**
 * Whether a page's ruling lines and images are worth reading (about a third of a page's time in pdf.js):
 * pages whose text looks like table cells, pages that continue a table (`afterTable`), and pages with
 * almost no text (scans, pictures). Both engines ask this, so they read the same pages.
 */
export function rulesWorthReading(fragments: readonly Fragment[], afterTable: boolean): boolean {
  return afterTable || fragments.length < 20 || looksTabular(fragments);
}
