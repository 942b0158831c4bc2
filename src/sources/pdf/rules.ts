/**
 * Ruling lines and images from a page's operator list. pdf.js groups path operators into `constructPath`
 * ([paint op, [path data], bbox]); the path data (moveTo/lineTo/curveTo/closePath in user space) is mapped
 * through the current transformation matrix, followed through save/restore/transform and form XObjects.
 *
 * Lines come as stroked segments (LibreOffice), stroked or filled thin rectangles (Word draws borders as
 * filled rectangles a fraction of a point wide), or the edges of stroked rectangles. White lines, curves
 * (stamps, seals) and clipping paths are not rules.
 */
import { apply, multiply, type Matrix, type Segment } from './geometry.ts';

/** A filled rectangle this thin (points) is a line, not a shaded area. */
const THIN_FILL = 2.5;
/** Segments shorter than this are glyph-like marks (bullets, tick boxes), not table rules. */
const MIN_RULE = 3;

interface DrawOps {
  moveTo: number;
  lineTo: number;
  curveTo: number;
  quadraticCurveTo: number;
  closePath: number;
}
/** pdf.js's path encoding in constructPath data (DrawOPS in pdf.js, not exported). */
const DRAW: DrawOps = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 };

export function rulesOf(
  OPS: Record<string, number>,
  fnArray: number[],
  argsArray: unknown[],
  toView: Matrix,
): Rules {
  const rules: Rules = { horizontal: [], vertical: [], images: 0 };
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const saved: Matrix[] = [];
  let stroke = '#000000';
  let fill = '#000000';
  const colours: [string, string][] = [];
  const strokeOps = new Set([OPS.stroke, OPS.closeStroke]);
  const fillOps = new Set([OPS.fill, OPS.eoFill]);
  const bothOps = new Set([OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const imageOps = new Set([
    OPS.paintImageXObject,
    OPS.paintInlineImageXObject,
    OPS.paintImageMaskXObject,
    OPS.paintImageXObjectRepeat,
    OPS.paintInlineImageXObjectGroup,
    OPS.paintSolidColorImageMask,
  ]);

  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]!;
    const args = argsArray[i] as unknown[] | null;
    if (fn === OPS.save) {
      saved.push(ctm);
      colours.push([stroke, fill]);
    } else if (fn === OPS.restore) {
      ctm = saved.pop() ?? ctm;
      [stroke, fill] = colours.pop() ?? [stroke, fill];
    } else if (fn === OPS.transform) {
      ctm = multiply(ctm, args as Matrix);
    } else if (fn === OPS.paintFormXObjectBegin) {
      saved.push(ctm);
      colours.push([stroke, fill]);
      const matrix = args?.[0] as Matrix | null;
      if (matrix) ctm = multiply(ctm, matrix);
    } else if (fn === OPS.paintFormXObjectEnd) {
      ctm = saved.pop() ?? ctm;
      [stroke, fill] = colours.pop() ?? [stroke, fill];
    } else if (fn === OPS.setStrokeRGBColor) {
      stroke = String(args?.[0] ?? stroke);
    } else if (fn === OPS.setFillRGBColor) {
      fill = String(args?.[0] ?? fill);
    } else if (imageOps.has(fn)) {
      rules.images++;
    } else if (fn === OPS.constructPath && args) {
      const paint = args[0] as number;
      const data = (args[1] as (ArrayLike<number> | null)[] | undefined)?.[0];
      if (!data || data.length === 0) continue;
      const strokes = (strokeOps.has(paint) || bothOps.has(paint)) && !isWhite(stroke);
      const fills = (fillOps.has(paint) || bothOps.has(paint)) && !isWhite(fill);
      if (!strokes && !fills) continue;
      addPathRules(data, multiply(toView, ctm), { fills, strokes }, rules);
    }
  }
  return rules;
}

/** Ruling lines found so far on a page, and its images. */
export interface Rules {
  horizontal: Segment[];
  vertical: Segment[];
  images: number;
}

/** One subpath of a path (points in the path's own space). */
export interface Subpath {
  points: [number, number][];
  closed: boolean;
  curved: boolean;
}

/** A segment long and thin enough to be a rule goes to its direction; anything else is dropped. */
function addRule(s: Segment, rules: Rules): void {
  const w = s.x1 - s.x0;
  const h = s.y1 - s.y0;
  if (h <= 1 && w >= MIN_RULE) rules.horizontal.push(s);
  else if (w <= 1 && h >= MIN_RULE) rules.vertical.push(s);
}

/**
 * The rules one painted subpath draws (`points`: already in view space), whichever engine read it: a thin
 * filled rectangle is a line along its long side; stroked straight segments are lines; curves are not.
 */
export function addSubpathRules(
  points: [number, number][],
  path: Pick<Subpath, 'closed' | 'curved'>,
  paint: { fills: boolean; strokes: boolean },
  rules: Rules,
): void {
  const box = rectangle(points);
  if (box && paint.fills && Math.min(box.x1 - box.x0, box.y1 - box.y0) <= THIN_FILL) {
    if (box.x1 - box.x0 >= box.y1 - box.y0) {
      const y = (box.y0 + box.y1) / 2;
      addRule({ x0: box.x0, y0: y, x1: box.x1, y1: y }, rules);
    } else {
      const x = (box.x0 + box.x1) / 2;
      addRule({ x0: x, y0: box.y0, x1: x, y1: box.y1 }, rules);
    }
    return;
  }
  if (!paint.strokes || path.curved) return;
  for (let k = 1; k < points.length; k++) addRule(segmentOf(points[k - 1]!, points[k]!), rules);
  if (path.closed && points.length > 2) addRule(segmentOf(points[points.length - 1]!, points[0]!), rules);
}

/**
 * The rules of one painted path in pdf.js's path data (DrawOPS codes and user-space coordinates, as a
 * Float32Array), mapped to view space by `toPage` — shared with the direct reader, which builds the same data.
 */
export function addPathRules(
  data: ArrayLike<number>,
  toPage: Matrix,
  paint: { fills: boolean; strokes: boolean },
  rules: Rules,
): void {
  for (const path of subpaths(data)) {
    const points = path.points.map(([x, y]) => apply(toPage, x, y));
    addSubpathRules(points, path, paint, rules);
  }
}

/** pdf.js's path encoding, for readers that build the same data. */
export const DRAW_OPS = DRAW;

function subpaths(data: ArrayLike<number>): Subpath[] {
  const out: Subpath[] = [];
  let current: Subpath | null = null;
  for (let k = 0; k < data.length;) {
    const op = data[k++];
    if (op === DRAW.moveTo) {
      current = { points: [[data[k]!, data[k + 1]!]], closed: false, curved: false };
      out.push(current);
      k += 2;
    } else if (op === DRAW.lineTo) {
      if (!current) {
        current = { points: [], closed: false, curved: false };
        out.push(current);
      }
      current.points.push([data[k]!, data[k + 1]!]);
      k += 2;
    } else if (op === DRAW.curveTo) {
      if (current) {
        current.curved = true;
        current.points.push([data[k + 4]!, data[k + 5]!]);
      }
      k += 6;
    } else if (op === DRAW.quadraticCurveTo) {
      if (current) {
        current.curved = true;
        current.points.push([data[k + 2]!, data[k + 3]!]);
      }
      k += 4;
    } else if (op === DRAW.closePath) {
      if (current) current.closed = true;
    } else {
      break;
    }
  }
  return out;
}

/** The box of a closed axis-aligned quadrilateral (4 or 5 points), or null. */
function rectangle(points: [number, number][]): Segment | null {
  if (points.length < 4 || points.length > 5) return null;
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y0 = Math.min(...ys);
  const y1 = Math.max(...ys);
  const onEdge = points.every(
    ([x, y]) =>
      (Math.abs(x - x0) < 0.5 || Math.abs(x - x1) < 0.5) &&
      (Math.abs(y - y0) < 0.5 || Math.abs(y - y1) < 0.5),
  );
  return onEdge ? { x0, y0, x1, y1 } : null;
}

function segmentOf(a: [number, number], b: [number, number]): Segment {
  return {
    x0: Math.min(a[0], b[0]),
    y0: Math.min(a[1], b[1]),
    x1: Math.max(a[0], b[0]),
    y1: Math.max(a[1], b[1]),
  };
}

function isWhite(hex: string): boolean {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) return false;
  const v = parseInt(hex.slice(1), 16);
  return ((v >> 16) & 255) > 240 && ((v >> 8) & 255) > 240 && (v & 255) > 240;
}
