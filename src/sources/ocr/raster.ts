/**
 * Table rules of a scanned page, found in its raster: long runs of dark pixels along rows (horizontal rules)
 * and along columns (vertical rules). A stroke of a character is at most about an em long, shorter than
 * MIN_RUN for text up to 二号 (22 pt) titles, so text does not make rules. Adjacent rows of one thick line
 * are merged into one rule at their middle.
 */
import type { Segment } from '../pdf/geometry.ts';

export interface Pgm {
  width: number;
  height: number;
  /** One byte per pixel, 0 = black. */
  pixels: Uint8Array;
}

const DARK = 128;
/** Shortest free-standing rule in pixels at 300 dpi (≈ 24 pt, the narrowest cell that holds a number). */
const MIN_RUN = 100;
/** Shortest rule that runs from one rule to another (the border of one short row, cut by a page break). */
const MIN_BOUNDED_RUN = 40;
/** Pixels within which a rule ends on another. */
const TOUCH = 4;
/** Gaps a scanned line may have (dust, broken toner) and still be one run. */
const MAX_GAP = 3;
/** Thicker dark bands (≈ 1 mm) are filled areas or pictures, not rules. */
const MAX_THICKNESS = 12;

/** Reads a binary greyscale PGM (P5) as pdftoppm -gray writes it. */
export function parsePgm(bytes: Uint8Array): Pgm {
  const header: string[] = [];
  let at = 0;
  while (header.length < 4 && at < bytes.length) {
    while (at < bytes.length && /\s/.test(String.fromCharCode(bytes[at]!))) at++;
    if (bytes[at] === 0x23) {
      while (at < bytes.length && bytes[at] !== 0x0a) at++;
      continue;
    }
    let token = '';
    while (at < bytes.length && !/\s/.test(String.fromCharCode(bytes[at]!)))
      token += String.fromCharCode(bytes[at++]!);
    header.push(token);
  }
  at++;
  const [magic, w, h, max] = header;
  const width = Number(w);
  const height = Number(h);
  if (magic !== 'P5' || !(width > 0) || !(height > 0) || Number(max) > 255)
    throw new Error('not an 8-bit P5 PGM');
  return { width, height, pixels: bytes.subarray(at, at + width * height) };
}

export function rasterRules(image: Pgm): { horizontal: Segment[]; vertical: Segment[] } {
  const { width, height, pixels } = image;
  const horizontal = mergeThick(
    runs(height, width, (line, k) => pixels[line * width + k]! < DARK),
    (line, from, to) => ({ x0: from, y0: line, x1: to, y1: line }),
  );
  const vertical = mergeThick(
    runs(width, height, (line, k) => pixels[k * width + line]! < DARK),
    (line, from, to) => ({ x0: line, y0: from, x1: line, y1: to }),
  );
  const long = (s: Segment) => Math.max(s.x1 - s.x0, s.y1 - s.y0) >= MIN_RUN;
  const longH = horizontal.filter(long);
  const longV = vertical.filter(long);
  // A short run counts only where it joins two long rules of the other direction: a border, not a stroke.
  const endsOn = (x: number, y: number, rules: Segment[]) =>
    rules.some((r) => x >= r.x0 - TOUCH && x <= r.x1 + TOUCH && y >= r.y0 - TOUCH && y <= r.y1 + TOUCH);
  return {
    horizontal: horizontal.filter((h) => long(h) || (endsOn(h.x0, h.y0, longV) && endsOn(h.x1, h.y0, longV))),
    vertical: vertical.filter((v) => long(v) || (endsOn(v.x0, v.y0, longH) && endsOn(v.x0, v.y1, longH))),
  };
}

interface Run {
  line: number;
  from: number;
  to: number;
}

/** Long dark runs along each line (row or column). */
function runs(lines: number, length: number, dark: (line: number, k: number) => boolean): Run[] {
  const out: Run[] = [];
  for (let line = 0; line < lines; line++) {
    let start = -1;
    let lastDark = -1;
    for (let k = 0; k <= length; k++) {
      const isDark = k < length && dark(line, k);
      if (isDark) {
        if (start === -1) start = k;
        lastDark = k;
      } else if (start !== -1 && k - lastDark > MAX_GAP) {
        if (lastDark - start + 1 >= MIN_BOUNDED_RUN) out.push({ line, from: start, to: lastDark });
        start = -1;
      }
    }
  }
  return out;
}

/** Runs on neighbouring lines that overlap are one thick rule, placed at its middle line. */
function mergeThick(found: Run[], make: (line: number, from: number, to: number) => Segment): Segment[] {
  const open: { first: number; last: number; from: number; to: number }[] = [];
  const done: Segment[] = [];
  const close = (rule: { first: number; last: number; from: number; to: number }) => {
    if (rule.last - rule.first + 1 <= MAX_THICKNESS)
      done.push(make((rule.first + rule.last) / 2, rule.from, rule.to));
  };
  let cursor = 0;
  const sorted = found.sort((a, b) => a.line - b.line || a.from - b.from);
  while (cursor < sorted.length) {
    const line = sorted[cursor]!.line;
    const here: Run[] = [];
    while (cursor < sorted.length && sorted[cursor]!.line === line) here.push(sorted[cursor++]!);
    for (let i = open.length - 1; i >= 0; i--) {
      const rule = open[i]!;
      if (rule.last < line - 1) {
        close(rule);
        open.splice(i, 1);
      }
    }
    for (const run of here) {
      const rule = open.find((r) => r.last === line - 1 && run.from <= r.to && run.to >= r.from);
      if (rule) {
        rule.last = line;
        rule.from = Math.min(rule.from, run.from);
        rule.to = Math.max(rule.to, run.to);
      } else {
        open.push({ first: line, last: line, from: run.from, to: run.to });
      }
    }
  }
  for (const rule of open) close(rule);
  return done;
}

/**
 * The page with its rules painted white, as PGM bytes. OCR reads table borders as characters (「|」「l」「1」
 * glued to the digits beside them: 「0|」「101」); without them it reads the cells' text alone.
 */
export function withoutRules(image: Pgm, rules: { horizontal: Segment[]; vertical: Segment[] }): Uint8Array {
  const { width, height } = image;
  const pixels = new Uint8Array(image.pixels);
  const wipe = (x0: number, y0: number, x1: number, y1: number) => {
    const top = Math.max(0, Math.floor(y0));
    const bottom = Math.min(height - 1, Math.ceil(y1));
    const left = Math.max(0, Math.floor(x0));
    const right = Math.min(width - 1, Math.ceil(x1));
    for (let y = top; y <= bottom; y++) pixels.fill(255, y * width + left, y * width + right + 1);
  };
  // Rules are placed at the middle of their thickness (at most MAX_THICKNESS): wipe half of that and a margin.
  const reach = MAX_THICKNESS / 2 + 1;
  for (const h of rules.horizontal) wipe(h.x0 - 1, h.y0 - reach, h.x1 + 1, h.y1 + reach);
  for (const v of rules.vertical) wipe(v.x0 - reach, v.y0 - 1, v.x1 + reach, v.y1 + 1);
  const header = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`);
  const out = new Uint8Array(header.length + pixels.length);
  out.set(header);
  out.set(pixels, header.length);
  return out;
}
