/**
 * One PDF page → PageContent: text fragments from pdf.js's text content (in the page's visual coordinates),
 * ruling lines and images from its operator list (rules.ts).
 */
import type { Matrix, PageContent } from './geometry.ts';
import { rulesWorthReading } from './lines.ts';
import { pdfjs, type PdfPage } from './pdfjs.ts';
import { rulesOf } from './rules.ts';
import { textFragments, type TextItemLike } from './text-items.ts';

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
