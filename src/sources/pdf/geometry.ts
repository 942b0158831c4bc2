/**
 * What the PDF reader takes from a page, in the page's visual coordinates (points, origin top left, y down —
 * after the page's rotation and crop box): text fragments with their boxes and the ruling lines tables are
 * drawn with. The OCR reader produces the same from word boxes and raster lines, so one layout serves both.
 */

export interface Fragment {
  text: string;
  x0: number;
  x1: number;
  /** Baseline (y of the text's foot, without descenders). */
  baseline: number;
  /** Font size: the height of an em. */
  size: number;
}

/** An axis-aligned ruling line; x0 ≤ x1 and y0 ≤ y1. Horizontal lines have y0 ≈ y1, vertical x0 ≈ x1. */
export interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PageContent {
  /** 1-based page number. */
  number: number;
  width: number;
  height: number;
  fragments: Fragment[];
  horizontal: Segment[];
  vertical: Segment[];
  /** Images painted on the page (a scanned page is one image and no text). */
  images: number;
  /** Text fragments left out because they were rotated (stamps, seals, vertical margin notes). */
  rotated: number;
}

/** A page's text, before its ruling lines and images are read (where they can matter: lines.ts). */
export function textOnlyPage(
  number: number,
  size: { width: number; height: number },
  text: { fragments: Fragment[]; rotated: number },
): PageContent {
  return {
    number,
    width: size.width,
    height: size.height,
    fragments: text.fragments,
    horizontal: [],
    vertical: [],
    images: 0,
    rotated: text.rotated,
  };
}

/** Vertical middle of a fragment's em box. */
export const middleOf = (f: Fragment): number => f.baseline - f.size * 0.38;

/** An affine transformation [a b c d e f], as PDF writes them. */
export type Matrix = [number, number, number, number, number, number];

export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}
