/**
 * The parser version stored with every report version. Raise it whenever readers, recognition or rules
 * change what they produce for the same bytes: `xxgk ingest` then reads known files again instead of
 * skipping them, and `xxgk reparse` re-reads every stored source read by an older version.
 */
export const PARSER_VERSION = 1;
