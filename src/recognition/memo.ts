/**
 * Answers of pure functions of a line of text, remembered across reports: headings and row labels are
 * printed alike from one report to the next, so most lines were seen before.
 */

/** How many answers a memo holds before it starts over: enough for the lines a corpus repeats. */
const LIMIT = 4096;

/**
 * `fn` remembered by its argument. The stored key and the answer must not be cut from a document: a string
 * sliced from a report keeps the whole report alive, so both are copied (`detached`) when first stored.
 */
export function memoByText<T extends object | number | string | null>(
  fn: (text: string) => T,
  detach: (answer: T) => T,
): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    const hit = known.get(text);
    if (hit !== undefined) return hit;
    if (known.size >= LIMIT) known.clear();
    const answer = detach(fn(text));
    known.set(detached(text), answer);
    return answer;
  };
}

/** A copy of `text` that shares no memory with the string it was cut from. */
export function detached(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}
