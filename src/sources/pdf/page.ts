/**
 * One PDF page → PageContent: text fragments from pdf.js's text content (in the page's visual coordinates),
 * ruling lines and images from its operator list (rules.ts).
 */
import { multiply, type Fragment, type Matrix, type PageContent } from './geometry.ts';
import { rulesWorthReading } from './lines.ts';
import { pdfjs, type PdfPage } from './pdfjs.ts';
import { rulesOf } from './rules.ts';

/** Rotation tolerance: a fragment whose baseline tilts more than this (sine) is rotated text. */
const TILT = 0.05;

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** Reads one page; its operator list (ruling lines, images) only where it can matter (rulesWorthReading). */
export async function readPage(page: PdfPage, number: number, afterTable: boolean): Promise<PageContent> {
  const lib = await pdfjs();
  const viewport = page.getViewport({ scale: 1 });
  const toView = viewport.transform as Matrix;
  const text = await page.getTextContent();
  const { fragments, rotated } = textFragments(text.items as TextItemLike[], toView);
  const content: PageContent = {
    number,
    width: viewport.width,
    height: viewport.height,
    fragments,
    horizontal: [],
    vertical: [],
    images: 0,
    rotated,
  };
  if (rulesWorthReading(fragments, afterTable)) {
    const operators = await page.getOperatorList({ annotationMode: lib.AnnotationMode.DISABLE });
    Object.assign(content, rulesOf(lib.OPS, operators.fnArray, operators.argsArray, toView));
  }
  return content;
}

function textFragments(items: TextItemLike[], toView: Matrix): { fragments: Fragment[]; rotated: number } {
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
