/**
 * word/document.xml → a small tree of what a reader sees: paragraphs (accepted text only) and tables whose
 * cells hold blocks. WordprocessingML details handled here:
 * - runs: `w:t` text, `w:tab` → tab, `w:br`/`w:cr` → newline, non-breaking hyphen; runs join without separators
 *   (Word splits 「2695」 into runs at arbitrary places);
 * - tracked changes read as accepted: `w:ins`/`w:moveTo` kept, `w:del`/`w:moveFrom` dropped, a deleted
 *   paragraph mark joins the paragraph to the next, a deleted table row is dropped;
 * - fields: the result is kept, the instruction (`w:instrText`, between `begin` and `separate`) is not;
 * - text boxes (`w:txbxContent`) follow the paragraph that anchors them; of `mc:AlternateContent` only the
 *   first choice is read (the fallback repeats it as VML);
 * - hidden text (`w:vanish`) is not printed and not read;
 * - headers, footers, footnotes and comments live in other parts and are never read.
 */
import { attribute, scanXml, type XmlHandler } from './xml.ts';
import type { ParagraphNumbering } from './numbering.ts';

export interface DocxParagraph {
  kind: 'paragraph';
  text: string;
}

export interface DocxCell {
  gridSpan: number;
  /** `restart` opens a vertical merge, `continue` is covered by the cell above. */
  vMerge: 'restart' | 'continue' | null;
  /** Legacy horizontal merge (Word 97 era documents converted to DOCX). */
  hMerge: 'restart' | 'continue' | null;
  blocks: DocxBlock[];
}

export interface DocxRow {
  /** Grid columns left empty before the first cell. */
  gridBefore: number;
  cells: DocxCell[];
}

export interface DocxTable {
  kind: 'table';
  rows: DocxRow[];
}

export type DocxBlock = DocxParagraph | DocxTable;

const MAIN_NAMESPACES = new Set([
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
]);
const COMPATIBILITY_NAMESPACE = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** Subtrees that hold no accepted text. */
const SKIPPED = new Set([
  'w:del',
  'w:moveFrom',
  'w:instrText',
  'w:delText',
  'w:delInstrText',
  'w:fldData',
  'w:pPrChange',
  'w:rPrChange',
  'w:tblPrChange',
  'w:tcPrChange',
  'w:trPrChange',
  'w:sectPrChange',
  'w:tblGridChange',
  'w:sdtPr',
  'w:sdtEndPr',
  'mc:Fallback',
  'w:sectPr',
  'w:tblGrid',
  'w:tblPr',
  'w:tblPrEx',
  'm:oMathPara',
  'm:oMath',
]);

/** Property elements: read for spans and tracked-change markers, never for text. */
const PROPERTIES = new Set(['w:pPr', 'w:rPr', 'w:tcPr', 'w:trPr']);

interface Container {
  blocks: DocxBlock[];
}

class ParagraphBuilder {
  text = '';
  /** Blocks of text boxes anchored in this paragraph: they follow it. */
  readonly anchored: DocxBlock[] = [];
  markDeleted = false;
  numbering: { numId: string | null; level: number | null; style: string | null } = {
    numId: null,
    level: null,
    style: null,
  };
}

class TableBuilder {
  readonly rows: DocxRow[] = [];
  row: DocxRow | null = null;
  rowDeleted = false;
  cell: (DocxCell & Container) | null = null;
}

/** Reads document.xml. `numbering` prints list numbers (「一、」) that Word keeps outside the text. */
export function readBody(xml: string, numbering: ParagraphNumbering | null): DocxBlock[] {
  const walker = new BodyWalker(numbering);
  scanXml(xml, walker);
  return walker.finish();
}

class BodyWalker implements XmlHandler {
  private readonly root: Container = { blocks: [] };
  private readonly containers: Container[] = [this.root];
  private readonly paragraphs: ParagraphBuilder[] = [];
  private readonly tables: TableBuilder[] = [];
  /** Open element names (canonical), innermost last. */
  private readonly stack: string[] = [];
  private skipDepth = 0;
  private propertyDepth = 0;
  private inText = false;
  /** The open run is hidden text (`w:vanish`): Word neither shows nor prints it. */
  private hiddenRun = false;
  /** Open complex fields: true while in the instruction part (before `separate`). */
  private readonly fields: boolean[] = [];
  private instructionFields = 0;
  /** Text of paragraphs whose mark was deleted, waiting for the paragraph they join. */
  private carried = '';
  private prefixes: Map<string, string> | null = null;

  constructor(private readonly numbering: ParagraphNumbering | null) {}

  finish(): DocxBlock[] {
    if (this.carried) this.root.blocks.push({ kind: 'paragraph', text: this.carried });
    return this.root.blocks;
  }

  open(rawName: string, attributes: string, selfClosing: boolean): void {
    if (this.prefixes === null) this.prefixes = namespacePrefixes(attributes);
    const name = this.canonical(rawName);
    if (this.skipDepth > 0) {
      if (!selfClosing) this.skipDepth++;
      return;
    }
    if (SKIPPED.has(name)) {
      if (name === 'w:del' && this.propertyDepth > 0) this.deletionMark();
      if (!selfClosing) this.skipDepth = 1;
      return;
    }
    this.stack.push(name);
    if (this.propertyDepth > 0 || PROPERTIES.has(name)) {
      this.propertyDepth++;
      this.property(name, attributes);
    } else {
      this.element(name, attributes);
    }
    if (selfClosing) this.close(rawName);
  }

  /** An element outside properties: structure and text. */
  private element(name: string, attributes: string): void {
    switch (name) {
      case 'w:p':
        this.paragraphs.push(new ParagraphBuilder());
        break;
      case 'w:tbl':
        this.tables.push(new TableBuilder());
        break;
      case 'w:tr': {
        const table = this.tables[this.tables.length - 1];
        if (table) {
          table.row = { gridBefore: 0, cells: [] };
          table.rowDeleted = false;
        }
        break;
      }
      case 'w:tc': {
        const table = this.tables[this.tables.length - 1];
        if (table?.row) {
          table.cell = { gridSpan: 1, vMerge: null, hMerge: null, blocks: [] };
          this.containers.push(table.cell);
        }
        break;
      }
      case 'w:txbxContent':
        this.containers.push({ blocks: [] });
        break;
      case 'w:r':
        this.hiddenRun = false;
        break;
      case 'w:t':
        this.inText = true;
        break;
      case 'w:tab':
      case 'w:ptab':
        this.append('\t');
        break;
      case 'w:br':
      case 'w:cr':
        this.append('\n');
        break;
      case 'w:noBreakHyphen':
        this.append('-');
        break;
      case 'w:fldChar':
        this.fieldChar(attribute(attributes, this.prefixed('w:fldCharType')));
        break;
    }
  }

  close(rawName: string): void {
    if (this.skipDepth > 0) {
      this.skipDepth--;
      return;
    }
    const name = this.canonical(rawName);
    if (this.stack[this.stack.length - 1] !== name) return;
    this.stack.pop();
    if (this.propertyDepth > 0) {
      this.propertyDepth--;
      return;
    }
    switch (name) {
      case 'w:t':
        this.inText = false;
        break;
      case 'w:p':
        this.endParagraph();
        break;
      case 'w:txbxContent': {
        const box = this.containers.pop()!;
        const anchor = this.paragraphs[this.paragraphs.length - 1];
        if (anchor) anchor.anchored.push(...box.blocks);
        else this.container().blocks.push(...box.blocks);
        break;
      }
      case 'w:tc': {
        const table = this.tables[this.tables.length - 1];
        if (table?.cell && table.row) {
          this.containers.pop();
          const { gridSpan, vMerge, hMerge, blocks } = table.cell;
          table.row.cells.push({ gridSpan, vMerge, hMerge, blocks });
          table.cell = null;
        }
        break;
      }
      case 'w:tr': {
        const table = this.tables[this.tables.length - 1];
        if (table?.row && !table.rowDeleted) table.rows.push(table.row);
        if (table) table.row = null;
        break;
      }
      case 'w:tbl': {
        const table = this.tables.pop()!;
        if (table.rows.length > 0) this.container().blocks.push({ kind: 'table', rows: table.rows });
        break;
      }
    }
  }

  text(text: string): void {
    if (this.inText && this.skipDepth === 0) this.append(text);
  }

  private append(text: string): void {
    if (this.propertyDepth > 0 || this.instructionFields > 0 || this.hiddenRun) return;
    const paragraph = this.paragraphs[this.paragraphs.length - 1];
    if (paragraph) paragraph.text += text;
  }

  private container(): Container {
    return this.containers[this.containers.length - 1]!;
  }

  private endParagraph(): void {
    const paragraph = this.paragraphs.pop();
    if (!paragraph) return;
    const number = this.numbering?.label(paragraph.numbering) ?? '';
    const text = this.carried + number + paragraph.text;
    this.carried = '';
    if (paragraph.markDeleted) {
      // Accepting the deletion of a paragraph mark joins this paragraph to the next one.
      this.carried = text;
    } else {
      this.container().blocks.push({ kind: 'paragraph', text });
    }
    this.container().blocks.push(...paragraph.anchored);
  }

  /** Values read inside property elements. */
  private property(name: string, attributes: string): void {
    const table = this.tables[this.tables.length - 1];
    switch (name) {
      case 'w:gridSpan':
        if (table?.cell)
          table.cell.gridSpan = Math.max(1, Math.min(1000, Number(this.value(attributes)) || 1));
        break;
      case 'w:vMerge':
        if (table?.cell) table.cell.vMerge = this.value(attributes) === 'restart' ? 'restart' : 'continue';
        break;
      case 'w:hMerge':
        if (table?.cell) table.cell.hMerge = this.value(attributes) === 'restart' ? 'restart' : 'continue';
        break;
      case 'w:gridBefore':
        if (table?.row)
          table.row.gridBefore = Math.max(0, Math.min(1000, Number(this.value(attributes)) || 0));
        break;
      case 'w:vanish': {
        const inRun =
          this.stack[this.stack.length - 2] === 'w:rPr' && this.stack[this.stack.length - 3] === 'w:r';
        const value = this.value(attributes);
        if (inRun) this.hiddenRun = value !== '0' && value !== 'false';
        break;
      }
      case 'w:numId':
      case 'w:ilvl':
      case 'w:pStyle': {
        const paragraph = this.paragraphs[this.paragraphs.length - 1];
        const parent = this.stack[this.stack.length - 2];
        if (!paragraph || (parent !== 'w:numPr' && parent !== 'w:pPr')) break;
        if (name === 'w:numId') paragraph.numbering.numId = this.value(attributes);
        else if (name === 'w:ilvl') paragraph.numbering.level = Number(this.value(attributes)) || 0;
        else paragraph.numbering.style = this.value(attributes);
        break;
      }
    }
  }

  private value(attributes: string): string | null {
    return attribute(attributes, this.prefixed('w:val'));
  }

  /** A `w:del` marker inside properties: of the paragraph mark (`w:pPr/w:rPr`) or of a table row (`w:trPr`). */
  private deletionMark(): void {
    const parent = this.stack[this.stack.length - 1];
    const grandparent = this.stack[this.stack.length - 2];
    if (parent === 'w:rPr' && grandparent === 'w:pPr') {
      const paragraph = this.paragraphs[this.paragraphs.length - 1];
      if (paragraph) paragraph.markDeleted = true;
    } else if (parent === 'w:trPr') {
      const table = this.tables[this.tables.length - 1];
      if (table) table.rowDeleted = true;
    }
  }

  private fieldChar(type: string | null): void {
    if (type === 'begin') {
      this.fields.push(true);
      this.instructionFields++;
    } else if (type === 'separate') {
      if (this.fields[this.fields.length - 1] === true) {
        this.fields[this.fields.length - 1] = false;
        this.instructionFields--;
      }
    } else if (type === 'end') {
      if (this.fields.pop() === true) this.instructionFields--;
    }
  }

  /** Element names with the document's own prefixes replaced by `w:` and `mc:`. */
  private canonical(name: string): string {
    const prefixes = this.prefixes;
    if (prefixes === null || prefixes.size === 0) return name;
    const colon = name.indexOf(':');
    const mapped = prefixes.get(colon === -1 ? '' : name.slice(0, colon));
    return mapped === undefined ? name : `${mapped}:${name.slice(colon + 1)}`;
  }

  /** An attribute name in the document's own prefix (attributes are looked up raw). */
  private prefixed(name: string): string {
    const prefixes = this.prefixes;
    if (prefixes === null || prefixes.size === 0) return name;
    for (const [own, canonical] of prefixes) {
      if (canonical === 'w' && own !== '') return `${own}${name.slice(1)}`;
    }
    return name;
  }
}

/**
 * Prefixes bound on the root element to the WordprocessingML and markup-compatibility namespaces, when they
 * are not the usual `w` and `mc` (other writers may use `ns0:` or a default namespace). Empty when usual.
 */
function namespacePrefixes(attributes: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of attributes.matchAll(/xmlns(?::([\w.-]+))?\s*=\s*["']([^"']*)["']/g)) {
    const prefix = m[1] ?? '';
    const canonical = MAIN_NAMESPACES.has(m[2]!) ? 'w' : m[2] === COMPATIBILITY_NAMESPACE ? 'mc' : null;
    if (canonical && prefix !== canonical) map.set(prefix, canonical);
  }
  return map;
}
