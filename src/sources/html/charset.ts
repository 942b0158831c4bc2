/** The charset a page declares for itself, read from its first bytes (WHATWG "prescan", simplified). */

const PRESCAN_BYTES = 2048;
const META_CHARSET = /<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)/i;
const XML_ENCODING = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([a-z0-9_.:-]+)/i;

/**
 * `<meta charset=…>` or `<meta http-equiv=Content-Type content="…; charset=…">` (both match the
 * same pattern), else an XML declaration's encoding. Markup is ASCII in every encoding that
 * report pages use, so Latin-1 reading is enough. UTF-16 pages declare nothing readable here,
 * and need not: decodeText recognises them by their bytes.
 */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, PRESCAN_BYTES)).toString(
    'latin1',
  );
  return (META_CHARSET.exec(head) ?? XML_ENCODING.exec(head))?.[1] ?? null;
}
