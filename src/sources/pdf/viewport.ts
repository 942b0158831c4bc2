/**
 * pdf.js's viewport at scale 1 (PageViewport): the page's view box (crop box ∩ media box) turned by its
 * /Rotate, y down — the frame every engine's PageContent is given in, computed with pdf.js's arithmetic.
 */
import type { Matrix } from './geometry.ts';

/** pdf.js's viewport rotation matrices for /Rotate 0, 90, 180, 270 (with the y flip). */
const ROTATIONS: [number, number, number, number][] = [
  [1, 0, 0, -1],
  [0, 1, 1, 0],
  [-1, 0, 0, 1],
  [0, -1, -1, 0],
];

export interface View {
  toView: Matrix;
  width: number;
  height: number;
}

/** `viewBox` [x0, y0, x1, y1] (normalised), `rotation` a multiple of 90. */
export function viewOf(viewBox: readonly number[], rotation: number): View {
  const [x0, y0, x1, y1] = viewBox as [number, number, number, number];
  const centerX = (x1 + x0) / 2;
  const centerY = (y1 + y0) / 2;
  const [a, b, c, d] = ROTATIONS[((((rotation / 90) | 0) % 4) + 4) % 4]!;
  const sideways = a === 0;
  const offsetX = sideways ? Math.abs(centerY - y0) : Math.abs(centerX - x0);
  const offsetY = sideways ? Math.abs(centerX - x0) : Math.abs(centerY - y0);
  return {
    toView: [a, b, c, d, offsetX - a * centerX - c * centerY, offsetY - b * centerX - d * centerY],
    width: sideways ? y1 - y0 : x1 - x0,
    height: sideways ? x1 - x0 : y1 - y0,
  };
}
