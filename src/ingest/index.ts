/** Ingest: reports parsed in worker threads and stored whole, one or several per transaction (decision 006). */
export {
  filesInFlight,
  Ingester,
  type IngestItem,
  type IngestFailure,
  type Ingested,
  type IngesterOptions,
  type IngestStatus,
  type StoredSource,
} from './ingester.ts';
export { Writer, type RetryOptions, type WriterOptions } from './writer.ts';
export { CorpusIndex, type CorpusTally } from './corpus-checks.ts';
export { ParserPool, type PoolOptions } from './pool.ts';
export { DEFAULT_PARSE_SECONDS } from './time-limit.ts';
