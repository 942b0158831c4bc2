/**
 * The PDF object model of the direct reader, and its one way out: `Decline`. Strings are kept as binary
 * strings (one char per byte, as pdf.js keeps them), names and keywords are interned.
 */

/** Thrown wherever a file leaves the ground the direct reader handles: pdf.js then reads the whole file. */
export class Decline extends Error {
  constructor(reason: string) {
    super(`direct PDF reader declines: ${reason}`);
    this.name = 'Decline';
  }
}

export function decline(reason: string): never {
  throw new Decline(reason);
}

export class Name {
  private static readonly all = new Map<string, Name>();
  private constructor(readonly name: string) {}
  static get(name: string): Name {
    let n = Name.all.get(name);
    if (!n) {
      n = new Name(name);
      Name.all.set(name, n);
    }
    return n;
  }
}

/** A bare keyword: an operator in a content stream, or `obj`, `R`, `xref`… in the file structure. */
export class Keyword {
  private static readonly all = new Map<string, Keyword>();
  private constructor(readonly word: string) {}
  static get(word: string): Keyword {
    let k = Keyword.all.get(word);
    if (!k) {
      k = new Keyword(word);
      Keyword.all.set(word, k);
    }
    return k;
  }
}

export class Ref {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}

export type Dict = Map<string, PdfValue>;

/** A stream: its dictionary and its bytes as stored in the file (still encoded). */
export class Stream {
  constructor(
    readonly dict: Dict,
    readonly raw: Uint8Array,
  ) {}
}

export type PdfValue = number | boolean | null | string | Name | Ref | Keyword | PdfValue[] | Dict | Stream;

export const isDict = (v: unknown): v is Dict => v instanceof Map;

export function nameOf(v: PdfValue | undefined): string | null {
  return v instanceof Name ? v.name : null;
}

export function numberArray(v: PdfValue | undefined, length: number): number[] | null {
  if (!Array.isArray(v) || v.length !== length) return null;
  for (const x of v) if (typeof x !== 'number') return null;
  return v as number[];
}
