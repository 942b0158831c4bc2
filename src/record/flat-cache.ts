/**
 * Flat cell maps of tables built by `nestCells`, so that flattening them again costs nothing. Records are
 * values: code that changes a record's tables builds new ones. Kept out of the record's public surface.
 */
import type { CellValue } from './schema.ts';

export const FLAT = new WeakMap<object, Readonly<Record<string, CellValue>>>();
