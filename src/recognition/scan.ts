/**
 * A table region as one scan string: the normalised, space-free text of its pieces joined by separator
 * characters that say how each piece relates to the one before (same row, next row, next block).
 * Labels are found with regular expressions over this string; every character maps back to its piece
 * and its offset in the piece, so values keep their source spans.
 */
import type { CellOrigin } from '../record/index.ts';
import { isJsSpace } from '../document/index.ts';
import { codeBuffer, isDigitCode, isSpaceCode, normalizeChar, stringOf } from './normalize.ts';
import type { Piece } from './pieces.ts';

export const SEP_BLOCK = '\x1d';
export const SEP_ROW = '\x1e';
export const SEP_CELL = '\x1f';

/** The separator that opens a piece (a comparison, not a keyed lookup: it runs once per piece). */
function separatorCode(boundary: Piece['boundary']): number {
  return boundary === 'cell' ? 0x1f : boundary === 'row' ? 0x1e : 0x1d;
}

export function isSeparatorCode(c: number): boolean {
  return c >= 0x1d && c <= 0x1f;
}

/**
 * A table region read through its scan. Only one scan is in use at a time (a table is read before the next
 * scan is built), so its maps back to the pieces live in buffers the next scan reuses.
 */
export interface Scan {
  s: string;
  pieces: readonly Piece[];
  /** Index into `pieces` of each character of `s` (separators: the piece they open). */
  pieceAt: Int32Array;
  /** Offset in the piece's text of each character (-1 for separators and inserted cell breaks). */
  offsetAt: Int32Array;
  /** First piece of the region (pieces before it are not in `s`). */
  first: number;
}

/** Scans longer than this get maps of their own, so that the shared buffer stays small. */
const SHARED_MAPS = 1 << 16;
let sharedMaps = new Int32Array(2048);

/**
 * A buffer for a scan's two maps of up to `length` entries each: pieceAt in [0, length), offsetAt in
 * [length, 2 × length). Allocating typed arrays per table cost more than filling them; the previous scan's
 * maps are overwritten (see Scan).
 */
function mapBuffer(length: number): Int32Array {
  if (length > SHARED_MAPS) return new Int32Array(2 * length);
  if (sharedMaps.length < 2 * length) sharedMaps = new Int32Array(Math.min(2 * SHARED_MAPS, 4 * length));
  return sharedMaps;
}

/**
 * Build the scan of pieces [from, to). Spaces are dropped, except that a space between two digits
 * separates two numbers (「0 0 0」 in a markdown cell is three values, not 「000」).
 */
export function buildScan(pieces: readonly Piece[], from: number, to: number): Scan {
  let total = 0;
  for (let k = from; k < to; k++) total += pieces[k]!.text.length + 1;
  const codes = codeBuffer(total);
  // One buffer, both maps: offsetAt[n] is maps[total + n].
  const maps = mapBuffer(total);
  let n = 0;
  for (let k = from; k < to; k++) {
    const piece = pieces[k]!;
    const text = piece.text;
    codes[n] = separatorCode(piece.boundary);
    maps[n] = k;
    maps[total + n] = -1;
    n++;
    let pendingSpace = false;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      // Printable ASCII and most Chinese text is neither white space nor changed by normalizing: one test.
      if (c < 0xa0 ? c <= 0x20 : c <= 0x3000 || c >= 0xfe63) {
        c = normalizeChar(c);
        if (isSpaceCode(c)) {
          pendingSpace = true;
          continue;
        }
      }
      if (pendingSpace) {
        if (isDigitCode(codes[n - 1]!) && (isDigitCode(c) || c === 0x2d)) {
          codes[n] = 0x1f;
          maps[n] = k;
          maps[total + n] = -1;
          n++;
        }
        pendingSpace = false;
      }
      codes[n] = c;
      maps[n] = k;
      maps[total + n] = i;
      n++;
    }
  }
  const s = stringOf(codes, n);
  return { s, pieces, pieceAt: maps.subarray(0, n), offsetAt: maps.subarray(total, total + n), first: from };
}

/** The printed text and source span of scan range [a, b). */
export function originOf(scan: Scan, a: number, b: number): CellOrigin {
  const offsetAt = scan.offsetAt;
  while (a < b && offsetAt[a]! < 0) a++;
  while (b > a && offsetAt[b - 1]! < 0) b--;
  if (a >= b) {
    const k = scan.pieceAt[Math.max(0, Math.min(a, scan.s.length - 1))] ?? scan.first;
    const piece = scan.pieces[k]!;
    return spanOrigin(piece, '', 0, 0);
  }
  const k = scan.pieceAt[a]!;
  const piece = scan.pieces[k]!;
  const from = offsetAt[a]!;
  const lastK = scan.pieceAt[b - 1]!;
  // Most ranges are one cell's value: within a piece, often all of it.
  if (lastK === k) {
    const to = offsetAt[b - 1]! + 1;
    return spanOrigin(piece, trimmedSlice(piece.text, from, to), from, to);
  }
  // A range over several pieces (a whole row): the printed pieces joined by spaces, spanning first to last.
  const last = scan.pieces[lastK]!;
  const parts = [piece.text.slice(from)];
  for (let i = k + 1; i < lastK; i++) parts.push(scan.pieces[i]!.text);
  parts.push(last.text.slice(0, scan.offsetAt[b - 1]! + 1));
  const origin = spanOrigin(
    piece,
    parts
      .map((p) => p.trim())
      .filter((p) => p !== '')
      .join(' '),
    from,
    piece.text.length,
  );
  const lastEnd =
    last.span.end - last.span.start === last.text.length
      ? last.span.start + scan.offsetAt[b - 1]! + 1
      : last.span.end;
  origin.end = Math.max(origin.end, lastEnd);
  return origin;
}

/**
 * text.slice(from, to).trim() for a non-empty range, without the calls when there is nothing to cut or trim
 * (a value cell printed as is): this runs for every cell of every table.
 */
function trimmedSlice(text: string, from: number, to: number): string {
  if (isJsSpace(text.charCodeAt(from)) || isJsSpace(text.charCodeAt(to - 1)))
    return text.slice(from, to).trim();
  return from === 0 && to === text.length ? text : text.slice(from, to);
}

function spanOrigin(piece: Piece, text: string, from: number, to: number): CellOrigin {
  const span = piece.span;
  // Offsets inside the piece map onto the source only when the piece is the source text verbatim.
  const verbatim = span.end - span.start === piece.text.length;
  const start = verbatim ? span.start + from : span.start;
  const end = verbatim ? span.start + to : span.end;
  // With the line in the literal when there is one (most spans): a property added later costs an allocation.
  const origin: CellOrigin =
    span.line !== undefined ? { text, start, end, line: span.line } : { text, start, end };
  if (span.page !== undefined) origin.page = span.page;
  if (piece.ocr) origin.ocr = true;
  return origin;
}
