/**
 * The DOCX reader: WordprocessingML read directly (no DOM, no dependency) from a capped ZIP reader.
 * Only word/document.xml carries the report; numbering.xml and styles.xml supply list numbers Word prints
 * but does not store. Headers, footers, footnotes and comments are other parts and are left out.
 */
import { UnusableInputError, finding, type Finding } from '../../diagnostics/index.ts';
import { decodeUtf8 } from '../encoding.ts';
import type { Reader } from '../reader.ts';
import { documentFromBlocks } from '../text-dump.ts';
import { openZip, type ZipArchive } from '../zip.ts';
import { readBody } from './body.ts';
import { layOutBlocks } from './layout.ts';
import { documentNumbering } from './numbering.ts';

export const readDocx: Reader = (bytes) => {
  const zip = openZip(bytes);
  const main = mainDocumentPart(zip);
  const xml = partText(zip, main);
  if (xml === null) {
    throw new UnusableInputError(
      'input.docx.noDocument',
      'Word 文档已损坏：缺少正文（word/document.xml）',
      'damaged Word document: the main part (word/document.xml) is missing',
    );
  }
  const numbering = documentNumbering(partText(zip, 'word/numbering.xml'), partText(zip, 'word/styles.xml'));
  const blocks = layOutBlocks(readBody(xml, numbering));
  if (blocks.length === 0) {
    throw new UnusableInputError('input.noText', 'Word 文档中没有文字', 'the Word document has no text');
  }
  const messages: Finding[] = [];
  if (!blocks.some((b) => b.kind === 'table')) {
    messages.push(finding('read.docx.noTables', 'info', 'Word 文档中没有表格，统计表只能从段落文字中识别'));
  }
  return { document: documentFromBlocks(blocks), kind: 'docx', messages };
};

/**
 * The main part is named in [Content_Types].xml; it is word/document.xml in every writer we know of, but
 * a few (some WPS versions, converters) name it differently.
 */
function mainDocumentPart(zip: ZipArchive): string {
  if (zip.has('word/document.xml')) return 'word/document.xml';
  const types = partText(zip, '[Content_Types].xml') ?? '';
  const m =
    /PartName="\/([^"]+)"\s+ContentType="application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document\.main\+xml"/.exec(
      types,
    );
  return m ? m[1]! : 'word/document.xml';
}

function partText(zip: ZipArchive, name: string): string | null {
  const bytes = zip.read(name);
  if (!bytes) return null;
  // Parts are UTF-8 (ECMA-376 allows UTF-16, which only a byte-order mark announces).
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return decodeUtf8(bytes);
}
