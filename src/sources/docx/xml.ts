/**
 * A minimal XML tokenizer for the parts of an Office document we read (document.xml, numbering.xml,
 * styles.xml): start tags with their raw attribute text, end tags and character data, in document order.
 * No DOM and no entity expansion beyond the five predefined entities and character references, so a
 * DOCTYPE with entity definitions (billion laughs) is inert: it is skipped, never expanded.
 */

export interface XmlHandler {
  /**
   * `attributes` is the raw text between the name and `>`; read values with `attribute`. A self-closing
   * element (`<w:tab/>`) gets no `close` call: the handler closes it itself.
   */
  open(name: string, attributes: string, selfClosing: boolean): void;
  close(name: string): void;
  text(text: string): void;
}

export function scanXml(xml: string, handler: XmlHandler): void {
  const length = xml.length;
  let at = 0;
  while (at < length) {
    const lt = xml.indexOf('<', at);
    if (lt === -1) {
      emitText(xml.slice(at), handler);
      return;
    }
    if (lt > at) emitText(xml.slice(at, lt), handler);
    const next = xml.charCodeAt(lt + 1);
    if (next === 0x2f /* / */) {
      const gt = xml.indexOf('>', lt);
      if (gt === -1) return;
      handler.close(xml.slice(lt + 2, gt).trim());
      at = gt + 1;
    } else if (next === 0x3f /* ? */) {
      const end = xml.indexOf('?>', lt);
      at = end === -1 ? length : end + 2;
    } else if (next === 0x21 /* ! */) {
      at = skipDeclaration(xml, lt, handler);
    } else {
      const gt = endOfTag(xml, lt);
      if (gt === -1) return;
      const selfClosing = xml.charCodeAt(gt - 1) === 0x2f;
      const end = selfClosing ? gt - 1 : gt;
      let nameEnd = lt + 1;
      while (nameEnd < end && !isSpace(xml.charCodeAt(nameEnd))) nameEnd++;
      handler.open(xml.slice(lt + 1, nameEnd), nameEnd < end ? xml.slice(nameEnd, end) : '', selfClosing);
      at = gt + 1;
    }
  }
}

/** Comments, CDATA sections and a DOCTYPE (with its internal subset) — returns where scanning resumes. */
function skipDeclaration(xml: string, lt: number, handler: XmlHandler): number {
  if (xml.startsWith('<!--', lt)) {
    const end = xml.indexOf('-->', lt + 4);
    return end === -1 ? xml.length : end + 3;
  }
  if (xml.startsWith('<![CDATA[', lt)) {
    const end = xml.indexOf(']]>', lt + 9);
    handler.text(xml.slice(lt + 9, end === -1 ? xml.length : end));
    return end === -1 ? xml.length : end + 3;
  }
  let depth = 0;
  for (let i = lt + 2; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c === 0x5b /* [ */) depth++;
    else if (c === 0x5d /* ] */) depth--;
    else if (c === 0x3e /* > */ && depth <= 0) return i + 1;
  }
  return xml.length;
}

/** The `>` closing a start tag, skipping any `>` inside quoted attribute values. */
function endOfTag(xml: string, lt: number): number {
  let quote = 0;
  for (let i = lt + 1; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x3e) return i;
    else if (c === 0x22 || c === 0x27) quote = c;
  }
  return -1;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function emitText(raw: string, handler: XmlHandler): void {
  handler.text(raw.includes('&') ? decodeEntities(raw) : raw);
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The value of one attribute in a start tag's raw attribute text, entities decoded; null when absent. */
export function attribute(attributes: string, name: string): string | null {
  let from = 0;
  for (;;) {
    const at = attributes.indexOf(name, from);
    if (at === -1) return null;
    from = at + name.length;
    const before = attributes.charCodeAt(at - 1);
    // The name must stand alone: `w:val` must not match inside `w:valx` or `xw:val`.
    if (at > 0 && before !== 0x20 && before !== 0x09 && before !== 0x0a && before !== 0x0d) continue;
    let i = from;
    while (/\s/.test(attributes[i] ?? '')) i++;
    if (attributes[i] !== '=') continue;
    i++;
    while (/\s/.test(attributes[i] ?? '')) i++;
    const quote = attributes[i];
    if (quote !== '"' && quote !== "'") continue;
    const end = attributes.indexOf(quote, i + 1);
    if (end === -1) return null;
    const value = attributes.slice(i + 1, end);
    return value.includes('&') ? decodeEntities(value) : value;
  }
}
