import type { ReportRecord } from '../../record/index.ts';
import type { Rng } from '../rng.ts';

export type Encoding = 'utf-8' | 'gb18030';
export type LayoutFamily = 'text' | 'html';

export interface LayoutContext {
  rng: Rng;
  /** The encoding the bytes will have: an HTML page declares it in its `<meta charset>`. */
  encoding: Encoding;
}

export interface Layout {
  family: LayoutFamily;
  extension: 'txt' | 'html';
  /** The whole file as text, page chrome included. */
  render(record: ReportRecord, ctx: LayoutContext): string;
}
