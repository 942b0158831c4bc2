/** The narrative sections as the text rules read them: sentences and the statements found in them. */
import type { ReportRecord } from '../../record/index.ts';

const BOUNDARY = new Set(['。', '！', '？', '!', '?', '；', ';', '\n']);

/** Where the sentence holding `index` starts. */
export function sentenceStart(text: string, index: number): number {
  let from = index;
  while (from > 0 && !BOUNDARY.has(text[from - 1]!)) from--;
  return from;
}

/** The sentence around `[start, end)` of `text`, trimmed. */
export function sentenceAt(text: string, start: number, end = start): string {
  while (start < end && BOUNDARY.has(text[start]!)) start++;
  const from = sentenceStart(text, start);
  let to = end;
  while (to < text.length && !BOUNDARY.has(text[to]!)) to++;
  if (to < text.length && text[to] !== '\n') to++; // keep the full stop
  return text.slice(from, to).trim();
}

/** The clause (between commas) that ends at `index`: what a number right after it belongs to. */
export function clauseBefore(text: string, index: number): string {
  let from = index;
  while (from > 0 && !BOUNDARY.has(text[from - 1]!) && !CLAUSE_BREAK.has(text[from - 1]!)) from--;
  return text.slice(from, index);
}
const CLAUSE_BREAK = new Set(['，', ',', '、', '：', ':']);

/** The text of the section(s) recognised as official part `number`, or undefined when absent. */
export function sectionText(record: ReportRecord, number: number): string | undefined {
  let text: string | undefined;
  for (const section of record.sections) {
    if (section.number === number) text = text === undefined ? section.text : `${text}\n${section.text}`;
  }
  return text;
}

/** Every section's text joined: for what a report must say somewhere. */
export function fullText(record: ReportRecord): string {
  return record.sections.map((s) => `${s.title}\n${s.text}`).join('\n');
}

/** A match in a section's text. */
export class Statement {
  #sentence: string | undefined;
  constructor(
    readonly section: number,
    readonly match: RegExpExecArray,
    /** The section's whole text. */
    readonly text: string,
  ) {}

  /** The whole sentence holding the match, for `text.quote` (found when first asked for). */
  get sentence(): string {
    return (this.#sentence ??= sentenceAt(
      this.text,
      this.match.index,
      this.match.index + this.match[0].length,
    ));
  }
}

/**
 * Every match of a global `pattern` in the sections' text, with its sentence. `hint` is a plain
 * substring every match contains: sections without it are skipped without running the pattern.
 */
export function* statements(record: ReportRecord, pattern: RegExp, hint: string): Generator<Statement> {
  for (const section of record.sections) {
    const text = section.text;
    if (!text.includes(hint)) continue;
    pattern.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = pattern.exec(text)) !== null) {
      if (match[0].length === 0) pattern.lastIndex++;
      yield new Statement(section.number, match, text);
    }
  }
}
