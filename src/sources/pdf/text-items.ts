/**
 * pdf.js text items → fragments in view space, shared by the engines that make pdf.js's items (page.ts
 * from pdf.js itself, the direct reader from its port of getTextContent): upright text only, rotated items
 * counted; whitespace-only items dropped. Also the gap factors pdf.js groups glyphs by, which PDFium's
 * engine (pdfium.ts) applies to its characters.
 */
import { multiply, type Fragment, type Matrix } from './geometry.ts';

/** Rotation tolerance: a fragment whose baseline tilts more than this (sine) is rotated text. */
export const TILT = 0.05;
/** pdf.js's gaps between glyphs, in ems: above MIN a space, above MAX a new item, below NEGATIVE a new item. */
export const SPACE_MIN = 0.102;
export const SPACE_MAX = 0.6;
export const NEGATIVE = -0.2;

export interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

export function textFragments(
  items: TextItemLike[],
  toView: Matrix,
): { fragments: Fragment[]; rotated: number } {
  const fragments: Fragment[] = [];
  let rotated = 0;
  for (const item of items) {
    if (typeof item.str !== 'string' || item.str.trim() === '') continue;
    const [a, b, c, d, e, f] = multiply(toView, item.transform as Matrix);
    const size = Math.hypot(c, d) || item.height;
    const scaleX = Math.hypot(a, b);
    // Horizontal, upright text only: in view space the baseline runs along +x and the em upwards (-y).
    if (scaleX === 0 || Math.abs(b) > TILT * scaleX || a <= 0 || d >= 0) {
      rotated++;
      continue;
    }
    // item.width is in the text's own horizontal scale: rescale it by how the view stretches x.
    const unitX = Math.hypot(item.transform[0]!, item.transform[1]!) || 1;
    const width = (item.width * scaleX) / unitX;
    fragments.push({ text: item.str, x0: e, x1: e + width, baseline: f, size });
  }
  return { fragments, rotated };
}
