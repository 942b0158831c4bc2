/** Which official format the tables follow, decided from their labels, never from the year. */
import { FORMAT_MARKERS, FORMATS, type FormatId, type ReportFormat } from '../record/index.ts';
import { isCompactSpace } from './normalize.ts';
import type { Piece } from './pieces.ts';

/*
 * The markers are sought as compact() would leave the label text (white space dropped, pieces run together),
 * character by character through an Aho–Corasick automaton rather than in a joined and compacted copy of the
 * text. They are Chinese words, which normalising leaves as they are, so only the dropped white space
 * matters; and a character is white space as printed exactly when it is once normalised.
 */

const CJK_FROM = 0x4e00;
const CJK_TO = 0x9fff;

interface Markers {
  /** Per format, the bits of its markers in `found`. */
  bits: Record<FormatId, number[]>;
  /** Character (offset from CJK_FROM) → its letter in the markers' alphabet, 0 for none. */
  letters: Uint8Array;
  /** Letters per state, plus one (letter 0). */
  width: number;
  /** State × letter → next state, failures already followed. */
  next: Uint16Array;
  /** State → bits of the markers that end there. */
  found: Uint32Array;
}

function buildMarkers(): Markers {
  const words = FORMATS.flatMap((format) => FORMAT_MARKERS[format]);
  if (words.length > 32) throw new Error('format markers: at most 32');
  const letters = new Uint8Array(CJK_TO - CJK_FROM + 1);
  let width = 1;
  for (const word of words) {
    for (const ch of word) {
      const c = ch.charCodeAt(0);
      if (c < CJK_FROM || c > CJK_TO) throw new Error(`format marker ${word}: Chinese characters only`);
      if (letters[c - CJK_FROM] === 0) letters[c - CJK_FROM] = width++;
    }
  }
  // The trie of the markers, then failure links breadth first.
  const children: Array<Map<number, number>> = [new Map()];
  const endsHere: number[] = [0];
  words.forEach((word, bit) => {
    let state = 0;
    for (const ch of word) {
      const letter = letters[ch.charCodeAt(0) - CJK_FROM]!;
      let child = children[state]!.get(letter);
      if (child === undefined) {
        child = children.length;
        children.push(new Map());
        endsHere.push(0);
        children[state]!.set(letter, child);
      }
      state = child;
    }
    endsHere[state]! |= 1 << bit;
  });
  const next = new Uint16Array(children.length * width);
  const found = new Uint32Array(children.length);
  const fail = new Array<number>(children.length).fill(0);
  const queue = [0];
  for (let q = 0; q < queue.length; q++) {
    const state = queue[q]!;
    found[state] = endsHere[state]! | (state === 0 ? 0 : found[fail[state]!]!);
    for (let letter = 1; letter < width; letter++) {
      const child = children[state]!.get(letter);
      const fallback = state === 0 ? 0 : next[fail[state]! * width + letter]!;
      if (child === undefined) {
        next[state * width + letter] = fallback;
      } else {
        next[state * width + letter] = child;
        fail[child] = fallback;
        queue.push(child);
      }
    }
  }
  let bit = 0;
  const bits = {} as Record<FormatId, number[]>;
  for (const format of FORMATS) bits[format] = FORMAT_MARKERS[format].map(() => 1 << bit++);
  return { bits, letters, width, next, found };
}

const MARKERS = buildMarkers();

/**
 * The bits of the markers printed in the label texts run together, white space dropped: the texts of the
 * pieces that are not sentences (read off the pieces, not gathered into a list first).
 */
function markersIn(pieces: readonly Piece[]): number {
  const { letters, width, next, found } = MARKERS;
  let state = 0;
  let seen = 0;
  for (let t = 0; t < pieces.length; t++) {
    const piece = pieces[t]!;
    if (piece.sentence) continue;
    const text = piece.text;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const letter = c >= CJK_FROM && c <= CJK_TO ? letters[c - CJK_FROM]! : 0;
      if (letter !== 0) {
        state = next[state * width + letter]!;
        seen |= found[state]!;
      } else if (state !== 0 && !isCompactSpace(c)) {
        // Any other printed character breaks a marker (no marker ends at the root, so nothing is found there).
        state = 0;
      }
    }
  }
  return seen;
}

function count(seen: number, bits: readonly number[]): number {
  let n = 0;
  for (const bit of bits) if (seen & bit) n++;
  return n;
}

/** The format that the label texts (table cells and lines that are not sentences) of the pieces show. */
export function detectFormat(pieces: readonly Piece[], year: number | null): ReportFormat {
  const seen = markersIn(pieces);
  const old = count(seen, MARKERS.bits['2019']);
  const current = count(seen, MARKERS.bits['2021']);
  // One marker can be prose (「政府集中采购」 in a sentence); a printed table shows several.
  if (old < 2 && current < 2) return year !== null && year < 2019 ? 'legacy' : 'unknown';
  if (old === current) return year !== null && year >= 2021 ? '2021' : '2019';
  return old > current ? '2019' : '2021';
}
