/** The contract every reader fulfils: bytes in, one layout-neutral Document out, plus messages. */
import type { Document } from '../document/index.ts';
import type { Finding } from '../diagnostics/index.ts';

export type SourceKind = 'text' | 'html' | 'docx' | 'pdf';

export interface ReadResult {
  document: Document;
  kind: SourceKind;
  /** What the reader noticed but could carry on with (encoding guessed, page chrome dropped, …). */
  messages: Finding[];
}

/**
 * A reader never throws for bad input except `UnusableInputError` (empty, binary, encrypted, …),
 * whose one-line message is shown to the user. Anything else thrown is a bug.
 */
export type Reader = (bytes: Uint8Array, name: string) => ReadResult;

/** A reader that waits on a library or a child process (pdf.js, tesseract, LibreOffice). Same contract. */
export type AsyncReader = (bytes: Uint8Array, name: string) => Promise<ReadResult>;
