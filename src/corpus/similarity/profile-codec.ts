/**
 * A report's similarity profile as bytes, for the store to keep beside the report's version: the index of
 * a whole corpus is rebuilt from these without reading a single record (docs/corpus.md). The printed
 * sentences are not kept — they only serve quotes, and a report whose findings are recomputed is profiled
 * again from its record — so a profile is about 300 bytes per section.
 *
 *   u16 shingle · u16 hashes · i32 seed · u16 minChars · u16 sections
 *   then per section: u8 number · u32 shingles · u16 sentences · u16 signature[hashes]
 *                     · u32 sentence hash[sentences] · u16 sentence length[sentences]
 *
 * Little-endian throughout, so the bytes read the same on any machine.
 */
import type { ReportProfile, SectionProfile, SentenceProfile } from './profile.ts';

const HEADER = 12;

export function encodeProfile(profile: ReportProfile): Uint8Array {
  const { params, sections } = profile;
  const size = sections.reduce((n, s) => n + 7 + 2 * params.hashes + 6 * s.sentences.length, HEADER);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, params.shingle, true);
  view.setUint16(2, params.hashes, true);
  view.setInt32(4, params.seed | 0, true);
  view.setUint16(8, params.minChars, true);
  view.setUint16(10, sections.length, true);
  let at = HEADER;
  for (const s of sections) {
    view.setUint8(at, s.number);
    view.setUint32(at + 1, s.shingles, true);
    view.setUint16(at + 5, s.sentences.length, true);
    at += 7;
    for (let i = 0; i < params.hashes; i++, at += 2) view.setUint16(at, s.signature[i]!, true);
    for (const sentence of s.sentences) {
      view.setUint32(at, sentence.hash >>> 0, true);
      at += 4;
    }
    for (const sentence of s.sentences) {
      view.setUint16(at, sentence.length, true);
      at += 2;
    }
  }
  return bytes;
}

/**
 * The profile again. Its sentence texts are `texts` (`sentenceTexts` of the profile encoded), or empty: quotes
 * then need the record. Throws on bytes that do not add up, or texts that do not fit them.
 */
export function decodeProfile(bytes: Uint8Array, texts?: readonly string[]): ReportProfile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (): never => {
    throw new Error('similarity profile bytes: truncated');
  };
  const misfit = (): never => {
    throw new Error('similarity profile: the sentence texts do not fit the bytes');
  };
  if (bytes.byteLength < HEADER) fail();
  const params = {
    shingle: view.getUint16(0, true),
    hashes: view.getUint16(2, true),
    seed: view.getInt32(4, true),
    minChars: view.getUint16(8, true),
  };
  const sections: SectionProfile[] = [];
  let at = HEADER;
  let textAt = 0;
  for (let n = view.getUint16(10, true); n > 0; n--) {
    if (at + 7 > bytes.byteLength) fail();
    const number = view.getUint8(at);
    const shingles = view.getUint32(at + 1, true);
    const count = view.getUint16(at + 5, true);
    at += 7;
    if (at + 2 * params.hashes + 6 * count > bytes.byteLength) fail();
    const signature = new Uint16Array(params.hashes);
    for (let i = 0; i < params.hashes; i++, at += 2) signature[i] = view.getUint16(at, true);
    const lengthsAt = at + 4 * count;
    const sentences: SentenceProfile[] = [];
    for (let i = 0; i < count; i++) {
      sentences.push({
        hash: view.getUint32(at + 4 * i, true),
        length: view.getUint16(lengthsAt + 2 * i, true),
        text: texts ? (texts[textAt++] ?? misfit()) : '',
      });
    }
    at = lengthsAt + 2 * count;
    sections.push({ number, shingles, sentences, signature });
  }
  if (texts && textAt !== texts.length) misfit();
  return { kind: 'xxgk/similarity-profile', params, sections };
}

/**
 * The printed sentences of a profile, section after section: with its bytes, what a parsing thread sends
 * for the profile. A list of strings and a few hundred bytes cross between threads in a fraction of the
 * time the profile's objects take (≈0.15 ms a report, most of it on the main thread, which stores).
 */
export function sentenceTexts(profile: ReportProfile): string[] {
  return profile.sections.flatMap((section) => section.sentences.map((sentence) => sentence.text));
}
