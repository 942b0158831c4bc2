/**
 * Tag names as small integers. Every name the builders and the walker treat specially has a fixed id,
 * so "is this a cell / a block / void …" is a bit test in a typed array indexed by id, not a set
 * lookup on a string; any other name gets an id of its own page (HtmlTree.tagId).
 */

const KNOWN_NAMES = (
  '#document a abbr address applet area article aside audio b base basefont bdi bdo bgsound big blockquote ' +
  'body br button canvas caption center cite code col colgroup datalist dd del details dfn dialog dir div ' +
  'dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header ' +
  'hgroup hr html i iframe image img input ins kbd keygen label legend li link listing main map mark marquee ' +
  'math menu meta nav nobr noembed noframes noscript o:p object ol optgroup option p param plaintext pre q ' +
  's samp script search section select small source span strike strong style sub summary sup svg table ' +
  'tbody td template textarea tfoot th thead title tr track tt u ul var video wbr xmp'
).split(' ');

/** Ids from here on are a page's own names (see HtmlTree.tagId). */
export const KNOWN_TAG_COUNT = KNOWN_NAMES.length;

const ID_BY_NAME = new Map<string, number>(KNOWN_NAMES.map((name, id) => [name, id]));

/** The id of a name the code refers to; a misspelt name fails when the module loads. */
export function tag(name: string): number {
  const id = ID_BY_NAME.get(name);
  if (id === undefined) throw new Error(`not a known tag: ${name}`);
  return id;
}

/** The name of a known id. */
export function knownTagName(id: number): string {
  return KNOWN_NAMES[id]!;
}

/** The id of a lower-case name when it is known, else -1. */
export function knownTagId(name: string): number {
  return ID_BY_NAME.get(name) ?? -1;
}

/**
 * Kind bits by tag id, from lists of space-separated names and the bits they get. Read with `kindOf`: page-own
 * ids lie past the table and have no kind.
 */
export function tagKinds(lists: readonly (readonly [names: string, bit: number])[]): Int32Array {
  const kinds = new Int32Array(KNOWN_TAG_COUNT);
  for (const [names, bit] of lists) for (const name of names.split(' ')) kinds[tag(name)]! |= bit;
  return kinds;
}

export function kindOf(kinds: Int32Array, id: number): number {
  return id < KNOWN_TAG_COUNT ? kinds[id]! : 0;
}

/**
 * Known names of at most four characters by their packed lower-case codes (7 bits each; names here are
 * ASCII), in an open-addressing table: a typed-array probe instead of a map lookup for most tags.
 */
const SHORT_SLOTS = 512;
const shortKeys = new Int32Array(SHORT_SLOTS);
const shortIds = new Int16Array(SHORT_SLOTS);
/** Longer known names by a hash of their lower-case form (a name whose hash is taken keeps the slow path). */
const LONG_KNOWN = new Map<number, number>();
for (const [id, name] of KNOWN_NAMES.entries()) {
  if (name.length <= 4) {
    const key = packedName(name, 0, name.length);
    let slot = shortSlot(key);
    while (shortKeys[slot] !== 0) slot = (slot + 1) & (SHORT_SLOTS - 1);
    shortKeys[slot] = key;
    shortIds[slot] = id;
  } else {
    const hash = lowerHash(name, 0, name.length);
    if (!LONG_KNOWN.has(hash)) LONG_KNOWN.set(hash, id);
  }
}

/** The key of a name: 0 for the empty name, then `withNameCode` for each character in turn. */
export function withNameCode(key: number, c: number): number {
  return (key << 7) | lowerAscii(c);
}

/** The id of the known name of at most four characters whose key (see `withNameCode`) is `key`, else -1. */
export function shortKnownId(key: number): number {
  for (let slot = shortSlot(key); shortKeys[slot] !== 0; slot = (slot + 1) & (SHORT_SLOTS - 1)) {
    if (shortKeys[slot] === key) return shortIds[slot]!;
  }
  return -1;
}

function shortSlot(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> 23;
}

/**
 * The id of the known tag whose name, in any case, spans text[from, to), else -1: most tags are found
 * without cutting the name out of the page.
 */
export function knownAsciiTagId(text: string, from: number, to: number): number {
  if (to - from <= 4) return shortKnownId(packedName(text, from, to));
  const id = LONG_KNOWN.get(lowerHash(text, from, to));
  if (id === undefined) return -1;
  const name = KNOWN_NAMES[id]!;
  if (name.length !== to - from) return -1;
  for (let k = 0; k < name.length; k++)
    if (lowerAscii(text.charCodeAt(from + k)) !== name.charCodeAt(k)) return -1;
  return id;
}

/** Exact for up to four ASCII characters (never 0: names start with a letter). */
function packedName(text: string, from: number, to: number): number {
  let key = 0;
  for (let i = from; i < to; i++) key = withNameCode(key, text.charCodeAt(i));
  return key;
}

function lowerHash(text: string, from: number, to: number): number {
  let hash = 0;
  for (let i = from; i < to; i++) hash = (Math.imul(hash, 31) + lowerAscii(text.charCodeAt(i))) | 0;
  return hash;
}

function lowerAscii(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
}
