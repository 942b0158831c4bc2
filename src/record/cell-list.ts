/**
 * A record's cells as the pipeline keeps them. Every official cell id of either format has a slot, its index in
 * `SLOT_IDS`; the cells of a record's tables are kept as the list of (id, value) pairs in the order they were put
 * into the flat map, and as values by slot, so that rules read a cell with an array load rather than by hashing a
 * dotted id into a dictionary of some 250 keys. The flat map of `cellsOf` and `flattenTables` is built from the
 * list when it is first asked for. Kept out of the record's public surface.
 *
 * Records are values: code that changes a record's tables builds new ones, so a list kept per tables object
 * stays true.
 */
import { ALL_CELL_IDS, CELLS, type FormatId } from './catalogue.ts';
import type { CellValue } from './schema.ts';

/** Every official cell id of either format; a cell's slot is its index here. */
export const SLOT_IDS: readonly string[] = [...ALL_CELL_IDS];
const SLOTS: ReadonlyMap<string, number> = new Map(SLOT_IDS.map((id, slot) => [id, slot]));

/** The slot of an official cell id, -1 for any other id. */
export function slotOf(id: string): number {
  return SLOTS.get(id) ?? -1;
}

/** The slots of ids a module names as official cells: a typo fails at load rather than reading nothing. */
export function slotsOf(ids: readonly string[]): number[] {
  return ids.map((id) => {
    const slot = slotOf(id);
    if (slot < 0) throw new Error(`not an official cell id: ${id}`);
    return slot;
  });
}

/** Each format's official cell ids, and their slots, in the order the format prints them. */
export const FORMAT_IDS: Record<FormatId, readonly string[]> = {
  '2019': CELLS['2019'].map((c) => c.id),
  '2021': CELLS['2021'].map((c) => c.id),
};
export const FORMAT_SLOTS: Record<FormatId, readonly number[]> = {
  '2019': slotsOf(FORMAT_IDS['2019']),
  '2021': slotsOf(FORMAT_IDS['2021']),
};

/** Cell values by slot: what the flat map holds for each official id (undefined where the cell is absent). */
export type CellSlots = readonly (CellValue | undefined)[];

/**
 * The cells of one tables object: each (id, value) put into its flat map, in order. Putting an id again keeps
 * its first place in the flat map and its last value, as assigning to an object does.
 */
export class CellList {
  /** Values by slot (undefined where the cell is absent): a later value of an id replaces an earlier one. */
  readonly bySlot: CellSlots;
  /** Some id is not an official one: only the flat map itself says what reading it gives. */
  readonly unknown: boolean;
  #flat: Record<string, CellValue> | undefined;

  constructor(
    readonly ids: readonly string[],
    readonly values: readonly CellValue[],
    /** The slot of each id, or -1 for an id that is not official. */
    readonly slots: readonly number[],
  ) {
    const bySlot = new Array<CellValue | undefined>(SLOT_IDS.length).fill(undefined);
    let unknown = false;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      if (slot >= 0) bySlot[slot] = values[i];
      else unknown = true;
    }
    this.bySlot = bySlot;
    this.unknown = unknown;
  }

  /** The flat map, built once and shared: to read only. */
  get flat(): Readonly<Record<string, CellValue>> {
    return (this.#flat ??= this.copy());
  }

  /** A new flat map: the pairs assigned in order, so that it has the keys, order and values of the original. */
  copy(): Record<string, CellValue> {
    const flat: Record<string, CellValue> = {};
    const { ids, values } = this;
    for (let i = 0; i < ids.length; i++) flat[ids[i]!] = values[i]!;
    return flat;
  }
}

/** The lists of tables built by `nestCells`: flattening those costs nothing. */
export const NESTED = new WeakMap<object, CellList>();
