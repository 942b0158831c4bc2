/**
 * What can go wrong with the database that a user must be told about in one line (never a stack trace):
 * a locked or read-only SQLite file, a server that cannot be reached or went away, a file that is not
 * an xxgk database, a schema newer than this program.
 */
export type StoreErrorCode =
  'locked' | 'readOnly' | 'cannotOpen' | 'notDatabase' | 'unavailable' | 'connectionLost' | 'newerSchema';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    readonly zh: string,
    readonly en: string,
    override readonly cause?: unknown,
  ) {
    super(`${zh} (${en})`);
    this.name = 'StoreError';
  }

  /** Worth retrying after a pause: the server may come back (PostgreSQL restarted, network cut). */
  get transient(): boolean {
    return this.code === 'connectionLost' || this.code === 'unavailable';
  }
}
