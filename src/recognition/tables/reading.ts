/** What recognising one official table yields, and helpers shared by the table recognisers. */
import type { CellOrigin } from '../../record/index.ts';

/**
 * Where the table recognisers put the cells they read, table after table: the record's cell map and its
 * origins, filled in reading order. Writing there directly spares copying some 250 cells from one map into
 * the next once per table. A recogniser writes only once it has a reading (a null reading writes nothing).
 */
export interface CellSink {
  /** Cell id → value (a Map: inserting 200 dotted keys into a plain object is slow, and only nestCells reads it). */
  cells: Map<string, number | null>;
  /** Cell id → origin: the record's `origins` object itself. */
  origins: Record<string, CellOrigin>;
}

export interface TableReading {
  /** Absolute indexes of the first and last piece the table covered (narrative outside stays text). */
  firstPiece: number;
  lastPiece: number;
  /** Cell ids whose column header the report left out or left empty. */
  missingColumns: string[];
  /** Printed labels of rows/columns that are not official cells (小计, 法人或其他组织合计, local rows). */
  extras: string[];
}

const GAP = '[\\x1d-\\x1f]?';
const CJK_PAIR = /([\u4e00-\u9fff])(?=[\u4e00-\u9fff])/g;

/**
 * A keyword that may be broken over pieces (「其他」「处理」 typed in two paragraphs): a piece separator is
 * allowed between any two Chinese characters.
 */
export function gapped(source: string): string {
  return source.replace(CJK_PAIR, `$1${GAP}`);
}
