/**
 * The cross-year facts (`yearFacts`) of reports stored in this run, kept so that the next year's report can
 * be compared without reading the previous year's whole record back and flattening it again. Reports are
 * usually ingested year after year (a folder per year): by the time a year arrives, the year before was
 * stored in this run. Packed into typed arrays (~3 KB a report) and bounded in number: memory stays flat
 * however large the run; a report that has left the cache is read from the store as before.
 */
import type { YearFacts } from '../corpus/index.ts';
import type { CellMap } from '../record/index.ts';
import { CELL_IDS } from '../store/cell-columns.ts';

/** About 80 MB at most: a year of a large province's reports. */
const CAPACITY = 25_000;

/** Per cell: 0 absent (the format has no such cell), a number, or blank. */
const NUMBER = 1;
const BLANK = 2;

interface Packed {
  format: string;
  year: number | null;
  state: Uint8Array;
  values: Float64Array;
  undetermined: readonly string[];
}

const NONE: readonly string[] = Object.freeze([]);

function pack(facts: YearFacts): Packed {
  const state = new Uint8Array(CELL_IDS.length);
  const values = new Float64Array(CELL_IDS.length);
  for (let i = 0; i < CELL_IDS.length; i++) {
    const value = facts.cells[CELL_IDS[i]!];
    if (typeof value === 'number') {
      state[i] = NUMBER;
      values[i] = value;
    } else if (value === null) state[i] = BLANK;
  }
  const undetermined = facts.undetermined.length > 0 ? [...facts.undetermined] : NONE;
  return { format: facts.format, year: facts.year, state, values, undetermined };
}

function unpack(packed: Packed): YearFacts {
  const cells: CellMap = {};
  for (let i = 0; i < CELL_IDS.length; i++) {
    const state = packed.state[i];
    if (state === NUMBER) cells[CELL_IDS[i]!] = packed.values[i]!;
    else if (state === BLANK) cells[CELL_IDS[i]!] = null;
  }
  return { format: packed.format, year: packed.year, cells, undetermined: packed.undetermined };
}

export class YearFactsCache {
  private readonly byVersion = new Map<number, Packed>();

  constructor(private readonly capacity = CAPACITY) {}

  remember(versionId: number, facts: YearFacts): void {
    if (this.capacity <= 0) return;
    this.byVersion.delete(versionId);
    this.byVersion.set(versionId, pack(facts));
    // A Map iterates in insertion order: the first key is the oldest.
    if (this.byVersion.size > this.capacity) this.byVersion.delete(this.byVersion.keys().next().value!);
  }

  recall(versionId: number): YearFacts | undefined {
    const packed = this.byVersion.get(versionId);
    return packed && unpack(packed);
  }
}
