/**
 * A GB18030 encoder, for reports served in the encoding many Chinese sites still use. Node has a GB18030
 * decoder (TextDecoder) but no encoder, so the table is built once by decoding every two-byte code, and
 * four-byte codes (U+00A0 no-break space, …) by decoding the BMP four-byte range on demand.
 */

let twoByte: Map<number, number> | null = null;
let fourByte: Map<number, number> | null = null;

function buildTwoByte(): Map<number, number> {
  const decoder = new TextDecoder('gb18030');
  const map = new Map<number, number>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const s = decoder.decode(pair);
      if (s.length === 1 && s !== '\ufffd' && !map.has(s.charCodeAt(0)))
        map.set(s.charCodeAt(0), (lead << 8) | trail);
    }
  }
  return map;
}

function buildFourByte(): Map<number, number> {
  const decoder = new TextDecoder('gb18030');
  const map = new Map<number, number>();
  const quad = new Uint8Array(4);
  for (let b1 = 0x81; b1 <= 0x84; b1++) {
    for (let b2 = 0x30; b2 <= 0x39; b2++) {
      for (let b3 = 0x81; b3 <= 0xfe; b3++) {
        for (let b4 = 0x30; b4 <= 0x39; b4++) {
          quad.set([b1, b2, b3, b4]);
          const s = decoder.decode(quad);
          if (s.length === 1 && s !== '\ufffd')
            map.set(s.charCodeAt(0), ((b1 << 24) | (b2 << 16) | (b3 << 8) | b4) >>> 0);
        }
      }
    }
  }
  return map;
}

export function encodeGb18030(text: string): Uint8Array {
  twoByte ??= buildTwoByte();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    const two = twoByte.get(code);
    if (two !== undefined) {
      out.push(two >> 8, two & 0xff);
      continue;
    }
    fourByte ??= buildFourByte();
    const four = code <= 0xffff ? fourByte.get(code) : undefined;
    if (four === undefined) throw new Error(`no GB18030 code for U+${code.toString(16).toUpperCase()}`);
    out.push(four >>> 24, (four >> 16) & 0xff, (four >> 8) & 0xff, four & 0xff);
  }
  return Uint8Array.from(out);
}
