/**
 * The cross-year facts (`yearFacts`) of a report packed into typed arrays (~3 KB): what a parsing thread
 * sends of them (a map of ~250 cells took longer to make and to pass between threads than the report's
 * other parts), and the cache of those of reports stored in this run, kept so that the next year's report
 * can be compared without reading the previous year's whole record back and flattening it again. Reports are
 * usually ingested year after year (a folder per year): by the time a year arrives, the year before was
 * stored in this run. Bounded in number: memory stays flat however large the run; a report that has left the
 * cache is read from the store as before.
 */
import type { YearFacts } from '../corpus/index.ts';
import type { CellMap, ReportRecord } from '../record/index.ts';
import { CELL_BLANK, CELL_IDS, CELL_NUMBER, cellStates } from '../store/cell-columns.ts';

/** About 80 MB at most: a year of a large province's reports. */
const CAPACITY = 25_000;

/** Structured-clone friendly: sent by the parsing threads as it is. */
export interface PackedYearFacts {
  format: string;
  year: number | null;
  /** Per cell of `CELL_IDS`: `cellStates`' state and value. */
  state: Uint8Array;
  values: Float64Array;
  undetermined: readonly string[];
}

/** `yearFacts(record)`, packed, read straight from the record; `states`: its `cellStates`, when made already. */
export function packYearFacts(
  record: ReportRecord,
  { state, values } = cellStates(record.tables),
): PackedYearFacts {
  const undetermined: string[] = [];
  for (const id in record.origins) if (record.origins[id]!.undetermined !== undefined) undetermined.push(id);
  return { format: record.format, year: record.year, state, values, undetermined };
}

/** The facts again, cells in `CELL_IDS` order. */
export function unpackYearFacts(packed: PackedYearFacts): YearFacts {
  const cells: CellMap = {};
  for (let i = 0; i < CELL_IDS.length; i++) {
    const state = packed.state[i];
    if (state === CELL_NUMBER) cells[CELL_IDS[i]!] = packed.values[i]!;
    else if (state === CELL_BLANK) cells[CELL_IDS[i]!] = null;
  }
  return { format: packed.format, year: packed.year, cells, undetermined: packed.undetermined };
}

export class YearFactsCache {
  private readonly byVersion = new Map<number, PackedYearFacts>();

  constructor(private readonly capacity = CAPACITY) {}

  remember(versionId: number, facts: PackedYearFacts): void {
    if (this.capacity <= 0) return;
    this.byVersion.delete(versionId);
    this.byVersion.set(versionId, facts);
    // A Map iterates in insertion order: the first key is the oldest.
    if (this.byVersion.size > this.capacity) this.byVersion.delete(this.byVersion.keys().next().value!);
  }

  recall(versionId: number): YearFacts | undefined {
    const packed = this.byVersion.get(versionId);
    return packed && unpackYearFacts(packed);
  }
}
