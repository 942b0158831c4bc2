/**
 * Pinyin initials of a name (教育局 → jyj), for searching bodies by typing a few Latin letters.
 *
 * GB2312's 3,755 level-1 characters are ordered by pinyin, so the first code of each initial letter
 * decides the letter of every character between it and the next. Level-2 characters (ordered by radical)
 * and polyphones read another way (重庆 gives zq) are the known limits; they only weaken search.
 */
const BOUNDARIES: readonly (readonly [number, string])[] = [
  [0xb0a1, 'a'],
  [0xb0c5, 'b'],
  [0xb2c1, 'c'],
  [0xb4ee, 'd'],
  [0xb6ea, 'e'],
  [0xb7a2, 'f'],
  [0xb8c1, 'g'],
  [0xb9fe, 'h'],
  [0xbbf7, 'j'],
  [0xbfa6, 'k'],
  [0xc0ac, 'l'],
  [0xc2e8, 'm'],
  [0xc4c3, 'n'],
  [0xc5b6, 'o'],
  [0xc5be, 'p'],
  [0xc6da, 'q'],
  [0xc8bb, 'r'],
  [0xc8f6, 's'],
  [0xcbfa, 't'],
  [0xcdda, 'w'],
  [0xcef4, 'x'],
  [0xd1b9, 'y'],
  [0xd4d1, 'z'],
];
const LEVEL_ONE_END = 0xd7f9;

let table: Map<string, string> | null = null;

function letters(): Map<string, string> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder('gb18030');
  let b = 0;
  for (let code = BOUNDARIES[0]![0]; code <= LEVEL_ONE_END; code++) {
    const low = code & 0xff;
    if (low < 0xa1 || low > 0xfe) continue;
    while (b + 1 < BOUNDARIES.length && code >= BOUNDARIES[b + 1]![0]) b++;
    const char = decoder.decode(new Uint8Array([code >> 8, low]));
    if (char.length === 1 && char !== '\ufffd') table.set(char, BOUNDARIES[b]![1]);
  }
  return table;
}

export function pinyinInitials(name: string): string {
  const map = letters();
  let out = '';
  for (const char of name.normalize('NFKC')) {
    const letter = map.get(char);
    if (letter) out += letter;
    else if (/[a-z0-9]/i.test(char)) out += char.toLowerCase();
  }
  return out;
}
