/**
 * A table from 32-bit hashes to non-negative integers for the hot loops (shingles, sentences): open
 * addressing in typed arrays, emptied in O(1) by a generation stamp, so one table serves call after call
 * without allocating, where a Map or Set per section and candidate did. Keys must already be well mixed:
 * their low bits pick the slot.
 */
export class HashTable {
  private keys = new Int32Array(0);
  private values = new Int32Array(0);
  private stamps = new Uint32Array(0);
  private stamp = 0;
  private mask = 0;

  /** Empties the table, with room for `entries` keys: at most half full, so probes stay short. */
  reset(entries: number): void {
    if (entries * 2 > this.keys.length) {
      let size = 64;
      while (size < entries * 2) size *= 2;
      this.keys = new Int32Array(size);
      this.values = new Int32Array(size);
      this.stamps = new Uint32Array(size);
      this.mask = size - 1;
      this.stamp = 0;
    }
    if (++this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }

  /** The key's value, or -1 when it is not in the table. */
  get(key: number): number {
    const k = key | 0;
    for (let slot = k & this.mask; this.stamps[slot] === this.stamp; slot = (slot + 1) & this.mask) {
      if (this.keys[slot] === k) return this.values[slot]!;
    }
    return -1;
  }

  /** Sets the key's value; gives the value it replaces, or -1 when the key is new. */
  set(key: number, value: number): number {
    const k = key | 0;
    let slot = k & this.mask;
    for (; this.stamps[slot] === this.stamp; slot = (slot + 1) & this.mask) {
      if (this.keys[slot] === k) {
        const before = this.values[slot]!;
        this.values[slot] = value;
        return before;
      }
    }
    this.stamps[slot] = this.stamp;
    this.keys[slot] = k;
    this.values[slot] = value;
    return -1;
  }

  /** For a table used as a set: adds the key, and tells whether it is new. */
  add(key: number): boolean {
    return this.set(key, 0) === -1;
  }
}
