/**
 * What the benchmark times, one section per stage chain. A section runs on one corpus item; add DOCX, PDF
 * or ingest sections here (and their corpus families in corpus.ts) without touching the runner.
 */
import { UnusableInputError } from '../src/diagnostics/index.ts';
import { checkBytes, parseBytes } from '../src/pipeline/index.ts';
import type { CorpusItem } from './corpus.ts';

export interface BenchSection {
  name: string;
  description: string;
  /** Runs on one item; returns false when the input was refused as unusable (counted, not timed apart). */
  run(item: CorpusItem): Promise<boolean>;
}

function refusing(run: (item: CorpusItem) => Promise<unknown>): (item: CorpusItem) => Promise<boolean> {
  return async (item) => {
    try {
      await run(item);
      return true;
    } catch (e) {
      if (e instanceof UnusableInputError) return false;
      throw e;
    }
  };
}

export const SECTIONS: readonly BenchSection[] = [
  {
    name: 'parse',
    description: 'parseBytes: read + recognise',
    run: refusing((item) => parseBytes(item.bytes, item.name)),
  },
  {
    name: 'parse+check',
    description: 'checkBytes: read + recognise + every rule',
    run: refusing((item) => checkBytes(item.bytes, item.name)),
  },
];
