/**
 * A report's narrative sections as the index stores and compares them: per official section number, the
 * sentences that are not boilerplate (hash and normalised length) and the MinHash signature of their
 * shingles. Sections with less than `minChars` normalised characters are left out (「无。」, one line).
 *
 * Making the profile is nearly all the work of adding or querying a report, and it needs nothing but the
 * record: `profileReport` gives plain, structured-cloneable data, so ingest workers can make profiles in
 * parallel and hand them to the one index.
 */
import type { ReportRecord } from '../../record/index.ts';
import { hashText, minHash, shingleHashes } from './hashing.ts';
import { resolveParams, type SimilarityParams } from './params.ts';
import { isBoilerplate, nameVariants, normalise, splitSentences } from './text.ts';

export interface SentenceProfile {
  hash: number;
  /** Normalised characters: roughly the shingles the sentence contributes. */
  length: number;
  /** As printed, for quotes. */
  text: string;
}

export interface SectionProfile {
  number: number;
  /** The kept sentences in order, at most MAX_SENTENCES. */
  sentences: SentenceProfile[];
  /** Distinct shingles of the kept text. */
  shingles: number;
  signature: Uint16Array;
}

/** Sentences kept per section for frequencies and quotes: bounds memory and the passage search. */
export const MAX_SENTENCES = 255;
const MAX_LENGTH = 0xffff;

/** One text per official section number: a section the recogniser found in two pieces is read as one. */
function sectionTexts(record: ReportRecord): Map<number, string> {
  const texts = new Map<number, string>();
  for (const section of record.sections) {
    const before = texts.get(section.number);
    texts.set(section.number, before === undefined ? section.text : `${before}\n${section.text}`);
  }
  return texts;
}

export function profileSections(record: ReportRecord, params: SimilarityParams): SectionProfile[] {
  const names = nameVariants(record.agency);
  const out: SectionProfile[] = [];
  for (const [number, text] of [...sectionTexts(record)].sort((a, b) => a[0] - b[0])) {
    const sentences: SentenceProfile[] = [];
    let content = '';
    for (const printed of splitSentences(text)) {
      const normalised = normalise(printed, names);
      if (isBoilerplate(normalised)) continue;
      content += normalised;
      if (sentences.length < MAX_SENTENCES) {
        sentences.push({
          hash: hashText(normalised),
          length: Math.min(normalised.length, MAX_LENGTH),
          text: printed,
        });
      }
    }
    if (content.length < params.minChars) continue;
    const shingles = shingleHashes(content, params.shingle);
    out.push({
      number,
      sentences,
      shingles: shingles.length,
      signature: minHash(shingles, params.seed | 0, params.hashes),
    });
  }
  return out;
}

/** The parameters a profile depends on: an index only takes profiles made with its own. */
export type ProfileParams = Pick<SimilarityParams, 'shingle' | 'hashes' | 'seed' | 'minChars'>;

export interface ReportProfile {
  kind: 'xxgk/similarity-profile';
  params: ProfileParams;
  sections: SectionProfile[];
}

export function profileReport(record: ReportRecord, params: Partial<SimilarityParams> = {}): ReportProfile {
  const resolved = resolveParams(params);
  const { shingle, hashes, seed, minChars } = resolved;
  return {
    kind: 'xxgk/similarity-profile',
    params: { shingle, hashes, seed, minChars },
    sections: profileSections(record, resolved),
  };
}

export function isProfile(value: ReportRecord | ReportProfile): value is ReportProfile {
  return (value as ReportProfile).kind === 'xxgk/similarity-profile';
}
