/**
 * The index as bytes, for the store to keep beside the reports and load on start: a small JSON header
 * (parameters and report keys) and the typed arrays as they sit in memory. Chains and sentence
 * frequencies are not written: they follow from the signatures and sentences and are rebuilt on load.
 *
 *   "XXSI" · u32 version · u32 byte-order mark · u32 header length · header JSON (UTF-8)
 *   then, each 4-byte aligned: shingles u32[n] · sentence counts u16[n] · section numbers u8[n]
 *   · signatures u16[n × hashes] · sentence hashes u32[m] · sentence lengths u16[m]
 *
 * Typed arrays are written in the machine's byte order; the mark makes a file from a machine of the
 * other order fail loudly instead of loading garbage.
 */
import type { SimilarityParams } from './params.ts';
import type { ReportKey } from './types.ts';

export interface Snapshot {
  keys: ReportKey[];
  /** Sections per report, in `keys` order; sections are stored report after report. */
  sectionCounts: number[];
  number: Uint8Array;
  shingles: Uint32Array;
  sentenceCount: Uint16Array;
  signatures: Uint16Array;
  sentenceHashes: Uint32Array;
  sentenceLengths: Uint16Array;
}

interface Header {
  params: SimilarityParams;
  /** [id, bodyKey, year, agency, sections] per report: compact for 100,000 reports. */
  reports: [string, string, number | null, string | null, number][];
  sections: number;
  sentences: number;
}

const MAGIC = [0x58, 0x58, 0x53, 0x49]; // "XXSI"
const VERSION = 1;
const BYTE_ORDER = 0x01020304;

const align = (n: number) => (n + 3) & ~3;

export function encodeSnapshot(params: SimilarityParams, snapshot: Snapshot): Uint8Array {
  const header: Header = {
    params,
    reports: snapshot.keys.map((k, i) => [k.id, k.bodyKey, k.year, k.agency, snapshot.sectionCounts[i]!]),
    sections: snapshot.number.length,
    sentences: snapshot.sentenceHashes.length,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const arrays = [
    snapshot.shingles,
    snapshot.sentenceCount,
    snapshot.number,
    snapshot.signatures,
    snapshot.sentenceHashes,
    snapshot.sentenceLengths,
  ];
  const total = arrays.reduce((n, a) => n + align(a.byteLength), 16 + align(json.length));
  const bytes = new Uint8Array(total);
  const words = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  words.setUint32(4, VERSION, true);
  new Uint32Array(bytes.buffer, 8, 1)[0] = BYTE_ORDER;
  words.setUint32(12, json.length, true);
  bytes.set(json, 16);
  let at = 16 + align(json.length);
  for (const a of arrays) {
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += align(a.byteLength);
  }
  return bytes;
}

export function decodeSnapshot(bytes: Uint8Array): { params: SimilarityParams; snapshot: Snapshot } {
  const fail = (why: string): never => {
    throw new Error(`similarity index bytes: ${why}`);
  };
  if (bytes.length < 16 || MAGIC.some((b, i) => bytes[i] !== b)) fail('not a similarity index');
  // Copy once so that every array below is aligned, whatever the offset of the bytes given.
  const own = bytes.slice();
  const words = new DataView(own.buffer);
  if (words.getUint32(4, true) !== VERSION) fail(`unsupported version ${words.getUint32(4, true)}`);
  if (new Uint32Array(own.buffer, 8, 1)[0] !== BYTE_ORDER)
    fail('written on a machine of the other byte order');
  const jsonLength = words.getUint32(12, true);
  const header = JSON.parse(new TextDecoder().decode(own.subarray(16, 16 + jsonLength))) as Header;
  const n = header.sections;
  const m = header.sentences;
  let at = 16 + align(jsonLength);
  const take = <T>(
    make: (buffer: ArrayBuffer, offset: number, length: number) => T,
    length: number,
    size: number,
  ): T => {
    if (at + length * size > own.length) fail('truncated');
    const out = make(own.buffer, at, length);
    at += align(length * size);
    return out;
  };
  const snapshot: Snapshot = {
    keys: header.reports.map(([id, bodyKey, year, agency]) => ({ id, bodyKey, year, agency })),
    sectionCounts: header.reports.map((r) => r[4]),
    shingles: take((b, o, l) => new Uint32Array(b, o, l), n, 4),
    sentenceCount: take((b, o, l) => new Uint16Array(b, o, l), n, 2),
    number: take((b, o, l) => new Uint8Array(b, o, l), n, 1),
    signatures: take((b, o, l) => new Uint16Array(b, o, l), n * header.params.hashes, 2),
    sentenceHashes: take((b, o, l) => new Uint32Array(b, o, l), m, 4),
    sentenceLengths: take((b, o, l) => new Uint16Array(b, o, l), m, 2),
  };
  if (snapshot.sectionCounts.reduce((a, b) => a + b, 0) !== n) fail('section counts do not add up');
  if (snapshot.sentenceCount.reduce((a, b) => a + b, 0) !== m) fail('sentence counts do not add up');
  return { params: header.params, snapshot };
}
