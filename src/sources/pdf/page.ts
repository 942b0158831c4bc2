/**
 * One PDF page → PageContent: text fragments from pdf.js's text content (in the page's visual coordinates),
 * ruling lines and images from its operator list (rules.ts).
 */
import { textOnlyPage, type Matrix, type PageContent } from './geometry.ts';
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
  const content = textOnlyPage(number, viewport, textFragments(text.items as TextItemLike[], toView));
  if (rulesWorthReading(content.fragments, afterTable)) {
    const operators = await page.getOperatorList({ annotationMode: lib.AnnotationMode.DISABLE });
    Object.assign(content, rulesOf(lib.OPS, operators.fnArray, operators.argsArray, toView));
  }
  return content;
}
