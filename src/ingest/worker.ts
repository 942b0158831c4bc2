/**
 * A parsing worker: bytes in, a checked and validated record out. Runs the whole pipeline off the main
 * thread, which only reads files and writes to the database.
 */
import { parentPort } from 'node:worker_threads';
import { encodeProfile, profileReport, sentenceTexts } from '../corpus/index.ts';
import { UnusableInputError } from '../diagnostics/index.ts';
import { checkBytes } from '../pipeline/index.ts';
import { parseRecord } from '../record/index.ts';
import { cellStates, cellValuesOf } from '../store/cell-columns.ts';
import { contentHash } from '../store/content.ts';
import type { ParseRequest, ParseResponse } from './messages.ts';
import { packYearFacts } from './year-facts-cache.ts';

async function handle({ id, bytes, file }: ParseRequest): Promise<ParseResponse> {
  try {
    const checked = await checkBytes(bytes, file);
    // Validated on write: what is stored is what the record schema accepts.
    const record = parseRecord(checked.record);
    // One walk of the tables for the stored cells and the cross-year facts.
    const states = cellStates(record.tables);
    const cells = cellValuesOf(states);
    // Profiling is most of the similarity checks' cost: done here, in parallel, not in the main thread.
    const profile = profileReport(record);
    return {
      id,
      ok: true,
      report: {
        json: JSON.stringify(record),
        agency: record.agency,
        agencyKind: record.agencyKind,
        year: record.year,
        format: record.format,
        publishedOn: record.publishedOn,
        sourceKind: record.source.kind,
        contentHash: contentHash(record, cells),
        cells,
        findings: checked.findings,
        profileBytes: encodeProfile(profile),
        sentenceTexts: sentenceTexts(profile),
        facts: packYearFacts(record, states),
      },
    };
  } catch (e) {
    if (e instanceof UnusableInputError)
      return { id, ok: false, unusable: { code: e.code, zh: e.zh, en: e.en } };
    return { id, ok: false, internal: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

// The pool may send the next request before this one is answered: they are read one at a time, in order,
// and answered in that order (the pool takes each answer as its first unanswered request's).
let previous: Promise<void> = Promise.resolve();
parentPort?.on('message', (request: ParseRequest) => {
  previous = previous.then(() => handle(request).then((response) => parentPort!.postMessage(response)));
});
