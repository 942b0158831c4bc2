/** One recogniser per official table, in a map the compiler checks for completeness. */
import { CATALOGUE, type FormatId, type TableKey } from '../../record/index.ts';
import type { Scan } from '../scan.ts';
import type { CellSink, TableReading } from './reading.ts';
import { readRequests } from './requests.ts';
import { readReviews } from './reviews.ts';
import { readRowTable } from './row-table.ts';

export interface TableContext {
  format: FormatId;
  /**
   * The source flattened spanned cells into empty placeholder cells (text exports). Readers of HTML and DOCX
   * keep spans, so an empty cell there is a real blank.
   */
  spansFlattened: boolean;
  /** Where the cells read go. */
  sink: CellSink;
}

export type TableRecogniser = (scan: Scan, context: TableContext) => TableReading | null;

export const TABLE_RECOGNISERS: Record<TableKey, TableRecogniser> = {
  active: (scan, { format, sink }) =>
    readRowTable(scan, CATALOGUE[format].active, sink, { labelSpanPlaceholders: false }),
  requests: (scan, { format, spansFlattened, sink }) => readRequests(scan, format, spansFlattened, sink),
  reviews: (scan, { sink }) => readReviews(scan, sink),
};

/** Where a table starts inside its section: its first cell, or a line only a table prints. */
export const TABLE_START: Record<TableKey, RegExp> = {
  active: /^(?:第二十条|信息内容|主动公开政府信息情况$|\(?一\)?规章|规章$)/,
  requests: /勾稽关系|^申请人情况|^自然人|^收到和处理政府信息公开申请情况$|^一[、.]本年新收/,
  reviews: /^(?:行政复议|行政诉讼|结果维持)|^政府信息公开行政复议、?行政诉讼情况$/,
};

export type { CellSink, TableReading } from './reading.ts';
