/**
 * The file structure: `startxref`, cross-reference tables and streams along the `/Prev` chain (and a hybrid
 * file's `/XRefStm`), read in pdf.js's order with its rule that the first entry read for an object wins;
 * objects fetched by reference, from object streams too, each checked against its `n g obj` header.
 * Anything pdf.js would have to repair (a wrong offset, a missing `startxref`) is a Decline: pdf.js then
 * repairs or refuses the file as it always has.
 */
import { Lexer } from './lexer.ts';
import { Keyword, Ref, Stream, decline, isDict, type Dict, type PdfValue } from './objects.ts';
import { decodeStream, type Budget } from './streams.ts';

interface Entry {
  /** 0 free, 1 at an offset, 2 inside an object stream. */
  type: 0 | 1 | 2;
  offset: number;
  gen: number;
}

/** Cross-reference sections followed along /Prev: more is a loop or a hostile file. */
const MAX_SECTIONS = 256;
const MAX_OBJECTS = 5_000_000;
/** References followed one inside another before a value is reached. */
const MAX_INDIRECTION = 32;
/** Total inflated bytes for one document. */
const MAX_DOCUMENT_BYTES = 512 * 1024 * 1024;

const OBJ = Keyword.get('obj');
const XREF = Keyword.get('xref');
const TRAILER = Keyword.get('trailer');

export class PdfFile {
  readonly entries: (Entry | undefined)[] = [];
  readonly trailer: Dict;
  readonly budget: Budget = { remaining: MAX_DOCUMENT_BYTES };
  private readonly cache = new Map<number, PdfValue>();
  private readonly fetching = new Set<number>();
  private readonly objectStreams = new Map<number, { data: Uint8Array; offsets: Map<number, number> }>();

  constructor(readonly data: Uint8Array) {
    if (!startsWithHeader(data)) decline('no %PDF- header at the start');
    this.trailer = this.readCrossReferences(findStartXref(data));
    if (this.trailer.has('Encrypt')) decline('encrypted');
  }

  /** A value with its references resolved (one level: arrays and dictionaries keep theirs). */
  resolve = (v: PdfValue | undefined): PdfValue | undefined => {
    let depth = 0;
    while (v instanceof Ref) {
      if (++depth > MAX_INDIRECTION) decline('reference chain too long');
      v = this.fetch(v);
    }
    return v;
  };

  dict(v: PdfValue | undefined): Dict | null {
    const r = this.resolve(v);
    return isDict(r) ? r : null;
  }

  decode(stream: Stream): Uint8Array {
    return decodeStream(stream, this.resolve, this.budget);
  }

  fetch(ref: Ref): PdfValue {
    const cached = this.cache.get(ref.num);
    if (cached !== undefined) return cached;
    const entry = this.entries[ref.num];
    if (!entry || entry.type === 0) return decline(`object ${ref.num} is missing`);
    if (this.fetching.has(ref.num)) return decline('reference cycle');
    this.fetching.add(ref.num);
    try {
      // pdf.js repairs (or falls back on) a reference whose generation is not the table's.
      if (entry.type === 1 && entry.gen !== ref.gen) decline('generation differs from the cross-reference');
      const value = entry.type === 1 ? this.readAt(entry.offset, ref) : this.readCompressed(entry, ref);
      this.cache.set(ref.num, value);
      return value;
    } finally {
      this.fetching.delete(ref.num);
    }
  }

  private readAt(offset: number, ref: Ref): PdfValue {
    if (offset <= 0 || offset >= this.data.length) decline('object offset outside the file');
    const lexer = new Lexer(this.data, offset);
    const num = lexer.token();
    const gen = lexer.token();
    if (num !== ref.num || gen !== ref.gen || lexer.token() !== OBJ) decline('object header does not match');
    return lexer.object(true, (dict) => this.lengthOf(dict));
  }

  private lengthOf(dict: Dict): number {
    const length = this.resolve(dict.get('Length'));
    return typeof length === 'number' ? length : decline('stream without a length');
  }

  private readCompressed(entry: Entry, ref: Ref): PdfValue {
    if (ref.gen !== 0) decline('compressed object with a generation');
    let objects = this.objectStreams.get(entry.offset);
    if (!objects) {
      const stream = this.fetch(new Ref(entry.offset, 0));
      if (!(stream instanceof Stream)) return decline('object stream is not a stream');
      const n = this.resolve(stream.dict.get('N'));
      const first = this.resolve(stream.dict.get('First'));
      if (typeof n !== 'number' || typeof first !== 'number' || n < 0 || n > MAX_OBJECTS)
        decline('object stream header');
      if (stream.dict.has('Extends')) decline('object stream extends another');
      const data = this.decode(stream);
      const header = new Lexer(data, 0, Math.min(first, data.length));
      const offsets = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        const num = header.token();
        const at = header.token();
        if (typeof num !== 'number' || typeof at !== 'number') decline('object stream header');
        // pdf.js finds an object by its index in the stream (the entry's generation field), and checks it.
        offsets.set(i, num);
        offsets.set(-1 - i, first + at);
      }
      objects = { data, offsets };
      this.objectStreams.set(entry.offset, objects);
    }
    if (objects.offsets.get(entry.gen) !== ref.num) return decline('object stream index does not match');
    const at = objects.offsets.get(-1 - entry.gen);
    if (at === undefined || at >= objects.data.length) return decline('object not in its object stream');
    const lexer = new Lexer(objects.data, at);
    const value = lexer.object(true);
    if (value instanceof Keyword) decline('keyword in an object stream');
    return value;
  }

  /** Reads every section from the last, pdf.js's queue order; the first trailer read is the document's. */
  private readCrossReferences(start: number): Dict {
    const queue = [start];
    const seen = new Set<number>();
    let top: Dict | null = null;
    let sections = 0;
    while (queue.length > 0) {
      const at = queue.shift()!;
      if (seen.has(at)) continue;
      seen.add(at);
      if (++sections > MAX_SECTIONS) decline('too many cross-reference sections');
      if (at <= 0 || at >= this.data.length) decline('cross-reference offset outside the file');
      const lexer = new Lexer(this.data, at);
      const first = lexer.token();
      let dict: Dict;
      if (first === XREF) {
        dict = this.readTable(lexer);
        const stm = dict.get('XRefStm');
        if (typeof stm === 'number') queue.push(stm);
      } else if (typeof first === 'number') {
        if (typeof lexer.token() !== 'number' || lexer.token() !== OBJ)
          decline('cross-reference stream header');
        const stream = lexer.object(true, (d) => {
          const length = d.get('Length');
          return typeof length === 'number' ? length : decline('xref stream length is not direct');
        });
        if (!(stream instanceof Stream)) return decline('cross-reference stream is not a stream');
        dict = this.readStream(stream);
      } else {
        return decline('no cross-reference at startxref');
      }
      top ??= dict;
      const prev = dict.get('Prev');
      if (typeof prev === 'number') queue.push(prev);
      else if (prev !== undefined) decline('odd /Prev');
    }
    if (!top) return decline('no trailer');
    return top;
  }

  private setEntry(num: number, entry: Entry): void {
    if (num < 0 || num > MAX_OBJECTS) decline('object number out of range');
    if (this.entries[num] === undefined) this.entries[num] = entry;
  }

  private readTable(lexer: Lexer): Dict {
    for (;;) {
      const t = lexer.token();
      if (t === TRAILER) break;
      const [start, count] = subsection(t, lexer.token(), 'cross-reference subsection header');
      let first = start;
      for (let i = 0; i < count; i++) {
        const offset = lexer.token();
        const gen = lexer.token();
        const kind = lexer.token();
        if (typeof offset !== 'number' || typeof gen !== 'number' || !(kind instanceof Keyword))
          decline('cross-reference entry');
        if (kind.word !== 'f' && kind.word !== 'n') decline('cross-reference entry type');
        // pdf.js's correction for tables that number from 1 with a free first entry.
        if (i === 0 && kind.word === 'f' && first === 1) first = 0;
        this.setEntry(i + first, { type: kind.word === 'f' ? 0 : 1, offset, gen });
      }
    }
    const trailer = lexer.object(true);
    if (!isDict(trailer)) return decline('trailer is not a dictionary');
    const zero = this.entries[0];
    if (zero && zero.type !== 0) decline('object 0 is not free');
    return trailer;
  }

  private readStream(stream: Stream): Dict {
    const dict = stream.dict;
    const widths = dict.get('W');
    if (
      !Array.isArray(widths) ||
      widths.length !== 3 ||
      widths.some((w) => typeof w !== 'number' || !Number.isInteger(w) || w < 0 || w > 8)
    )
      decline('xref stream /W');
    const [w0, w1, w2] = widths as number[];
    const index = dict.get('Index') ?? [0, dict.get('Size') ?? -1];
    if (!Array.isArray(index) || index.length % 2 !== 0) decline('xref stream /Index');
    const data = decodeStream(
      stream,
      (v) => (v instanceof Ref ? decline('indirect xref stream parameter') : v),
      this.budget,
    );
    const rowBytes = w0! + w1! + w2!;
    let p = 0;
    for (let k = 0; k < index.length; k += 2) {
      const [first, n] = subsection(index[k], index[k + 1], 'xref stream range');
      if (p + n * rowBytes > data.length) decline('xref stream too short');
      for (let i = 0; i < n; i++) {
        let type = w0 === 0 ? 1 : 0;
        for (let j = 0; j < w0!; j++) type = (type << 8) | data[p++]!;
        let offset = 0;
        for (let j = 0; j < w1!; j++) offset = offset * 256 + data[p++]!;
        let gen = 0;
        for (let j = 0; j < w2!; j++) gen = gen * 256 + data[p++]!;
        if (type > 2) decline('xref stream entry type');
        this.setEntry(first + i, { type: type as 0 | 1 | 2, offset, gen });
      }
    }
    return dict;
  }
}

function startsWithHeader(data: Uint8Array): boolean {
  const header = '%PDF-';
  for (let i = 0; i < header.length; i++) if (data[i] !== header.charCodeAt(i)) return false;
  return true;
}

/** The offset after the last `startxref` in the file's last KB. */
function findStartXref(data: Uint8Array): number {
  const word = 'startxref';
  const from = Math.max(0, data.length - 1024);
  for (let i = data.length - word.length; i >= from; i--) {
    let match = true;
    for (let j = 0; j < word.length; j++) {
      if (data[i + j] !== word.charCodeAt(j)) {
        match = false;
        break;
      }
    }
    if (!match) continue;
    const lexer = new Lexer(data, i + word.length);
    const offset = lexer.token();
    if (typeof offset !== 'number' || !Number.isInteger(offset))
      return decline('startxref without an offset');
    return offset;
  }
  return decline('no startxref');
}

/** A cross-reference subsection's first object number and entry count (table or stream), checked. */
function subsection(first: unknown, count: unknown, what: string): [number, number] {
  if (
    typeof first !== 'number' ||
    typeof count !== 'number' ||
    !Number.isInteger(first) ||
    !Number.isInteger(count) ||
    count < 0 ||
    count > MAX_OBJECTS
  )
    decline(what);
  return [first, count];
}
