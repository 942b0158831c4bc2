/**
 * A tiny PDF writer for fixtures and tests: pages with Chinese text in a font that is *not* embedded
 * (STSong-Light with the UniGB-UTF16-H CMap — readable only with pdf.js's CMaps, as many real Chinese PDFs),
 * ruling lines drawn as thin filled rectangles (as Word exports table borders) or stroked lines, and
 * full-page images (what a scanner produces). Coordinates are in points from the top left.
 */
import { deflateSync } from 'node:zlib';

export type PdfItem =
  | { kind: 'text'; x: number; y: number; size: number; text: string; angle?: number }
  | { kind: 'fill'; x: number; y: number; width: number; height: number }
  | { kind: 'line'; x0: number; y0: number; x1: number; y1: number; width?: number }
  | { kind: 'image'; image: PdfImage };

/** A greyscale image covering the whole page: 8-bit DCT (JPEG) data or 1-bit rows (1 = black). */
export type PdfImage =
  | { format: 'jpeg'; data: Uint8Array; width: number; height: number }
  | { format: 'bits'; data: Uint8Array; width: number; height: number };

export interface PdfPageSpec {
  width?: number;
  height?: number;
  items: PdfItem[];
}

const A4: [number, number] = [595.28, 841.89];

export function minimalPdf(pages: readonly PdfPageSpec[]): Uint8Array {
  const objects: (string | Buffer)[] = [];
  const add = (body: string | Buffer) => objects.push(body);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(''); // Pages, filled in below.
  add(
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UTF16-H /DescendantFonts [4 0 R] >>',
  );
  add(
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 5 0 R /DW 1000 /W [1 95 500] >>',
  );
  add(
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  );
  const kids: number[] = [];
  for (const page of pages) {
    const [width, height] = [page.width ?? A4[0], page.height ?? A4[1]];
    const content: string[] = [];
    const images: string[] = [];
    for (const item of page.items) {
      if (item.kind === 'text') {
        const y = height - item.y;
        const a = ((item.angle ?? 0) * Math.PI) / 180;
        const [c, s] = [Math.cos(a), Math.sin(a)];
        content.push(
          `BT /F1 ${item.size} Tf ${f(c)} ${f(s)} ${f(-s)} ${f(c)} ${f(item.x)} ${f(y)} Tm <${utf16Hex(item.text)}> Tj ET`,
        );
      } else if (item.kind === 'fill') {
        content.push(
          `${f(item.x)} ${f(height - item.y - item.height)} ${f(item.width)} ${f(item.height)} re f`,
        );
      } else if (item.kind === 'line') {
        content.push(
          `${f(item.width ?? 0.5)} w ${f(item.x0)} ${f(height - item.y0)} m ${f(item.x1)} ${f(height - item.y1)} l S`,
        );
      } else {
        const number = objects.length + 1;
        add(imageObject(item.image));
        images.push(`/Im${number} ${number} 0 R`);
        content.push(`q ${f(width)} 0 0 ${f(height)} 0 0 cm /Im${number} Do Q`);
      }
    }
    const stream = Buffer.from(content.join('\n'), 'latin1');
    add(
      Buffer.concat([
        Buffer.from(`<< /Length ${stream.length} >>\nstream\n`, 'latin1'),
        stream,
        Buffer.from('\nendstream', 'latin1'),
      ]),
    );
    const contentNumber = objects.length;
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${f(width)} ${f(height)}] /Contents ${contentNumber} 0 R /Resources << /Font << /F1 3 0 R >> /XObject << ${images.join(' ')} >> >> >>`,
    );
    kids.push(objects.length);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  return serialise(objects);
}

function imageObject(image: PdfImage): Buffer {
  const data =
    image.format === 'jpeg' ? Buffer.from(image.data) : deflateSync(Buffer.from(image.data), { level: 9 });
  const head =
    image.format === 'jpeg'
      ? `<< /Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length ${data.length} >>`
      : `<< /Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} /ColorSpace /DeviceGray /BitsPerComponent 1 /Decode [1 0] /Filter /FlateDecode /Length ${data.length} >>`;
  return Buffer.concat([
    Buffer.from(`${head}\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream', 'latin1'),
  ]);
}

function serialise(objects: (string | Buffer)[]): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    'startxref',
    String(length),
    '%%EOF',
    '',
  ].join('\n');
  parts.push(Buffer.from(xref, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

function utf16Hex(text: string): string {
  return Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase();
}

function f(n: number): string {
  return Number(n.toFixed(3)).toString();
}
