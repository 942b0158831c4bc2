/**
 * The `docx` package (dev dependency, pinned to 9.7.0), typed for what the fixture tools use. Its type
 * declarations re-export extensionless paths, which NodeNext resolution rejects (every export comes out
 * missing), so the runtime module is given this small hand-written surface instead.
 */
import * as runtime from 'docx';

/** Any document node the package builds (paragraph, run, table, …). */
export interface DocxNode {
  readonly __docxNode?: never;
}
type Build = new (options?: unknown) => DocxNode;

export interface DocxLibrary {
  Document: Build;
  Paragraph: Build;
  TextRun: Build;
  Table: Build;
  TableRow: Build;
  TableCell: Build;
  Header: Build;
  Footer: Build;
  Packer: { toBuffer(document: DocxNode): Promise<Buffer> };
  AlignmentType: Record<'LEFT' | 'CENTER' | 'RIGHT' | 'JUSTIFIED', string>;
  PageNumber: Record<'CURRENT' | 'TOTAL_PAGES', string>;
  TableLayoutType: Record<'FIXED' | 'AUTOFIT', string>;
  VerticalAlign: Record<'TOP' | 'CENTER' | 'BOTTOM', string>;
  VerticalMergeType: Record<'RESTART' | 'CONTINUE', string>;
  WidthType: Record<'DXA' | 'PERCENTAGE' | 'AUTO', string>;
}

export const docx = runtime as unknown as DocxLibrary;
