/**
 * A small, defensive ZIP reader for the containers reports come in (DOCX, ODT): the central directory is
 * read once, entries are inflated on demand, and everything a hostile archive could use to exhaust memory
 * is capped before it is inflated — entry count, declared sizes, compression ratio — and checked again
 * while inflating (`maxOutputLength`), since declared sizes can lie.
 */
import { inflateRawSync } from 'node:zlib';
import { UnusableInputError } from '../diagnostics/index.ts';

interface ZipLimits {
  /** Entries in the central directory. A DOCX has 10–40; thousands only in a bomb. */
  maxEntries: number;
  /** Sum of the declared uncompressed sizes of all entries. */
  maxTotalBytes: number;
  /** Uncompressed : compressed, for entries larger than `ratioFloorBytes`. XML compresses 5–30×. */
  maxRatio: number;
  ratioFloorBytes: number;
}

const LIMITS: ZipLimits = {
  maxEntries: 2000,
  maxTotalBytes: 64 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeader: number;
}

export interface ZipArchive {
  names(): string[];
  has(name: string): boolean;
  /** The entry's bytes, or null when there is no such entry. */
  read(name: string): Uint8Array | null;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

const notZip = () =>
  new UnusableInputError(
    'input.zip.corrupt',
    '文件已损坏：不是完整的 ZIP/Word 文档',
    'damaged file: not a complete ZIP/Word document',
  );
const BOMB_REASONS = {
  entries: ['条目过多', 'too many entries'],
  size: ['解压后过大', 'uncompressed content too large'],
  ratio: ['压缩比异常', 'suspicious compression ratio'],
} as const;
const bomb = (why: keyof typeof BOMB_REASONS) =>
  new UnusableInputError(
    'input.zip.bomb',
    `压缩包内容异常（${BOMB_REASONS[why][0]}），拒绝解压`,
    `archive refused: ${BOMB_REASONS[why][1]}`,
  );

export function openZip(bytes: Uint8Array, limits: ZipLimits = LIMITS): ZipArchive {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  if (eocd === -1) throw notZip();
  const count = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryAt = view.getUint32(eocd + 16, true);
  if (count === 0xffff || directoryAt === 0xffffffff) throw bomb('entries');
  if (count > limits.maxEntries) throw bomb('entries');
  if (directoryAt + directorySize > bytes.length) throw notZip();

  const entries = new Map<string, Entry>();
  let total = 0;
  let at = directoryAt;
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) throw notZip();
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localHeader = view.getUint32(at + 42, true);
    if (at + 46 + nameLength > bytes.length) throw notZip();
    const name = Buffer.from(bytes.buffer, bytes.byteOffset + at + 46, nameLength).toString(
      flags & 0x800 ? 'utf8' : 'latin1',
    );
    at += 46 + nameLength + extraLength + commentLength;
    // ZIP64 sizes (0xffffffff) only occur above 4 GB: far beyond any report.
    if (size === 0xffffffff || compressedSize === 0xffffffff) throw bomb('size');
    total += size;
    if (total > limits.maxTotalBytes) throw bomb('size');
    if (size > limits.ratioFloorBytes && size > limits.maxRatio * Math.max(1, compressedSize))
      throw bomb('ratio');
    if (flags & 0x1) {
      throw new UnusableInputError(
        'input.zip.encrypted',
        '文档已加密（设置了密码），无法读取',
        'the document is encrypted (password protected)',
      );
    }
    entries.set(name, { name, method, compressedSize, size, localHeader });
  }

  return {
    names: () => [...entries.keys()],
    has: (name) => entries.has(name),
    read(name) {
      const entry = entries.get(name);
      return entry ? inflateEntry(bytes, view, entry) : null;
    },
  };
}

function inflateEntry(bytes: Uint8Array, view: DataView, entry: Entry): Uint8Array {
  const at = entry.localHeader;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) throw notZip();
  const dataAt = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (dataAt + entry.compressedSize > bytes.length) throw notZip();
  const data = bytes.subarray(dataAt, dataAt + entry.compressedSize);
  if (entry.method === STORED) {
    if (entry.compressedSize !== entry.size) throw notZip();
    return data;
  }
  if (entry.method !== DEFLATED) {
    throw new UnusableInputError(
      'input.zip.method',
      '文档使用了不支持的压缩方式，请用 Word/WPS 重新保存',
      'the document uses an unsupported compression method; save it again in Word/WPS',
    );
  }
  let out: Buffer;
  try {
    // The declared size bounds the output: a lying header cannot make us inflate more than it said.
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
  } catch (e) {
    if (e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw bomb('size');
    throw notZip();
  }
  if (out.length !== entry.size) throw notZip();
  return out;
}

function findEndOfCentralDirectory(view: DataView): number {
  // 22 bytes plus a comment of at most 65535 bytes.
  const earliest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let i = view.byteLength - 22; i >= earliest; i--) {
    if (view.getUint32(i, true) === EOCD) return i;
  }
  return -1;
}
