/** The narrative sections as the text rules read them: sentences and the statements found in them. */
import type { ReportRecord } from '../../record/index.ts';
import type { RuleContext } from '../rule.ts';

/*
 * Sentence and clause breaks, by character code: looking at a character's code spares making a one-character
 * string of a Chinese character, for every character looked at; a switch spares a set lookup per character
 * of the walks back to a sentence's start.
 */
const NEWLINE = 10;

/** 。！？!?；; and the line break. */
function isBoundary(c: number): boolean {
  switch (c) {
    case 0x3002: // 。
    case 0xff01: // ！
    case 0xff1f: // ？
    case 0x21: // !
    case 0x3f: // ?
    case 0xff1b: // ；
    case 0x3b: // ;
    case NEWLINE:
      return true;
    default:
      return false;
  }
}

/** ，,、：: */
function isClauseBreak(c: number): boolean {
  return c === 0xff0c || c === 0x2c || c === 0x3001 || c === 0xff1a || c === 0x3a;
}

/** Where the sentence holding `index` starts. */
export function sentenceStart(text: string, index: number): number {
  let from = index;
  while (from > 0 && !isBoundary(text.charCodeAt(from - 1))) from--;
  return from;
}

/** The sentence around `[start, end)` of `text`, trimmed. */
export function sentenceAt(text: string, start: number, end = start): string {
  while (start < end && isBoundary(text.charCodeAt(start))) start++;
  const from = sentenceStart(text, start);
  let to = end;
  while (to < text.length && !isBoundary(text.charCodeAt(to))) to++;
  if (to < text.length && text.charCodeAt(to) !== NEWLINE) to++; // keep the full stop
  return text.slice(from, to).trim();
}

/** The clause (between commas) that ends at `index`: what a number right after it belongs to. */
export function clauseBefore(text: string, index: number): string {
  let from = index;
  while (from > 0 && !isBoundary(text.charCodeAt(from - 1)) && !isClauseBreak(text.charCodeAt(from - 1)))
    from--;
  return text.slice(from, index);
}

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
 * A pattern the text rules look for in the sections, with plain substrings one of which every match holds
 * (`hints`): a section that holds none is skipped without running the pattern.
 */
export class Search {
  /** Global: each match is looked for from the end of the one before. */
  readonly pattern: RegExp;
  readonly hints: readonly string[];
  /** The hints' numbers (see hintNumber). */
  readonly hintNumbers: readonly number[];
  /** Numbers the searches, so that a check keeps each one's walk in a list. */
  readonly index: number;

  constructor(pattern: RegExp, hints: string | readonly string[]) {
    this.pattern = pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
    this.hints = typeof hints === 'string' ? [hints] : hints;
    this.hintNumbers = this.hints.map(hintNumber);
    this.index = searches++;
  }
}

let searches = 0;

/** Each distinct hint of the searches gets a number: a check keeps what it learnt of each in an array. */
const HINT_NUMBERS = new Map<string, number>();
function hintNumber(hint: string): number {
  let n = HINT_NUMBERS.get(hint);
  if (n === undefined) HINT_NUMBERS.set(hint, (n = HINT_NUMBERS.size));
  return n;
}

/**
 * One search's walk through a record's sections, kept for the whole check: a second rule that asks (or the
 * same rule again) goes over the statements found so far and only then looks further, where it stopped.
 * Rules stop at the first statement that disagrees with a table, so the walk goes only as far as one needs.
 */
class Walk {
  readonly found: Statement[] = [];
  /** The section looked in, and where in its text the next match is looked for (-1: not begun). */
  #section = 0;
  #from = -1;

  constructor(
    private readonly reading: Reading,
    private readonly search: Search,
  ) {}

  /** Finds one more statement; false when the sections hold no more. */
  next(): boolean {
    const sections = this.reading.record.sections;
    const pattern = this.search.pattern;
    while (this.#section < sections.length) {
      const section = sections[this.#section]!;
      if (this.#from < 0) {
        if (!this.reading.holdsHint(this.#section, this.search)) {
          this.#section++;
          continue;
        }
        this.#from = 0;
      }
      pattern.lastIndex = this.#from;
      const match = pattern.exec(section.text);
      if (match === null) {
        this.#section++;
        this.#from = -1;
        continue;
      }
      if (match[0].length === 0) pattern.lastIndex++;
      this.#from = pattern.lastIndex;
      this.found.push(new Statement(section.number, match, section.text));
      return true;
    }
    return false;
  }
}

/** What the searches of one check have read of the record. */
class Reading {
  readonly walks: Array<Walk | undefined> = [];
  /** Per hint number, per section: whether the section's text holds it (NOT_ASKED until asked). */
  #holds: Int8Array | undefined;

  constructor(readonly record: ReportRecord) {}

  /** Whether section s holds one of the search's hints; each section is looked through once per hint. */
  holdsHint(s: number, search: Search): boolean {
    const sections = this.record.sections;
    const holds = (this.#holds ??= new Int8Array(HINT_NUMBERS.size * sections.length));
    const { hints, hintNumbers } = search;
    for (let h = 0; h < hints.length; h++) {
      const at = hintNumbers[h]! * sections.length + s;
      let known = holds[at]!;
      if (known === NOT_ASKED) {
        known = sections[s]!.text.includes(hints[h]!) ? HOLDS : LACKS;
        // A search made after the array (none is: they are module constants) is looked up each time.
        if (at < holds.length) holds[at] = known;
      }
      if (known === HOLDS) return true;
    }
    return false;
  }
}

const NOT_ASKED = 0;
const HOLDS = 1;
const LACKS = 2;

/** Every match of `search` in the sections' text, section by section, with its sentence; found as iterated. */
export function* statements(ctx: RuleContext, search: Search): Generator<Statement> {
  let reading = ctx.memo.get(Reading) as Reading | undefined;
  if (!reading) ctx.memo.set(Reading, (reading = new Reading(ctx.record)));
  const walk = (reading.walks[search.index] ??= new Walk(reading, search));
  for (let i = 0; i < walk.found.length || walk.next(); i++) yield walk.found[i]!;
}
