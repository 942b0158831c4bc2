/**
 * A streaming multipart/form-data reader for uploads (RFC 7578). The body is read chunk by chunk: a file
 * over the size limit stops being kept the moment it crosses it, a request over the total or with too many
 * files is refused as soon as that is known, and each file is handed on as it completes, so the caller can
 * start parsing it while the next one arrives.
 */

export interface MultipartLimits {
  /** Largest file kept; a larger one is reported as `tooLarge` and its bytes skipped. */
  maxFileBytes: number;
  /** Most file parts in one request. */
  maxFiles: number;
  /** Largest request body in all. */
  maxTotalBytes: number;
}

export type Part =
  | { kind: 'file'; field: string; name: string; bytes: Uint8Array }
  | { kind: 'tooLarge'; field: string; name: string; size: number };

/** A request that cannot be read as an upload: refused whole, with the HTTP status and a Chinese reason. */
export class MultipartError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly zh: string,
  ) {
    super(zh);
    this.name = 'MultipartError';
  }
}

const HEADER_END = Buffer.from('\r\n\r\n');
/** Part headers longer than this are not a browser's. */
const MAX_HEADER_BYTES = 16 * 1024;

export function boundaryOf(contentType: string | undefined): string {
  const type = contentType ?? '';
  if (!/^multipart\/form-data\b/i.test(type))
    throw new MultipartError(415, '上传请求应为 multipart/form-data 格式');
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(type);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) throw new MultipartError(400, '上传请求缺少 multipart 分隔符（boundary）');
  return boundary;
}

/** `form-data; name="files"; filename="报告.txt"` → its parameters (`filename*` decoded). */
function dispositionParams(value: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const m of value.matchAll(/;\s*([\w*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g)) {
    const key = m[1]!.toLowerCase();
    let text = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!.trim();
    if (key.endsWith('*')) {
      const encoded = /^[\w-]*'[\w-]*'(.*)$/.exec(text);
      try {
        text = decodeURIComponent(encoded ? encoded[1]! : text);
      } catch {
        continue;
      }
      params.set(key.slice(0, -1), text);
    } else if (!params.has(key)) params.set(key, text);
  }
  return params;
}

/** The name a browser gave a file: its last path segment, with the escapes browsers use undone. */
function fileName(raw: string): string {
  const name = raw.replace(/%22/g, '"').replace(/%0D/gi, '').replace(/%0A/gi, '');
  return (name.split(/[\\/]/).pop() ?? '').trim();
}

interface OpenPart {
  field: string;
  /** Null for a plain form field, which is skipped. */
  name: string | null;
  chunks: Buffer[];
  size: number;
}

/** Reads the body's parts, yielding each file as it completes. */
export async function* readMultipart(
  body: ReadableStream<Uint8Array>,
  boundary: string,
  limits: MultipartLimits,
): AsyncGenerator<Part> {
  // The first boundary has no CRLF before it: start the buffer with one so every delimiter looks alike.
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let buf: Buffer = Buffer.from('\r\n');
  // Widened on purpose: `drain` moves it along, which the compiler cannot see at the loop below.
  let state = 'preamble' as 'preamble' | 'boundary' | 'headers' | 'body' | 'done';
  let part: OpenPart | null = null;
  let total = 0;
  let files = 0;

  const keep = (p: OpenPart, bytes: Buffer) => {
    p.size += bytes.length;
    if (p.name === null || p.size > limits.maxFileBytes) {
      p.chunks = [];
      return;
    }
    p.chunks.push(Buffer.from(bytes));
  };

  function* drain(): Generator<Part> {
    for (;;) {
      if (state === 'preamble') {
        const at = buf.indexOf(delimiter);
        if (at < 0) {
          buf = buf.subarray(Math.max(0, buf.length - delimiter.length + 1));
          return;
        }
        buf = buf.subarray(at + delimiter.length);
        state = 'boundary';
      } else if (state === 'boundary') {
        if (buf.length < 2) return;
        if (buf[0] === 0x2d && buf[1] === 0x2d) {
          state = 'done';
          return;
        }
        if (buf[0] !== 0x0d || buf[1] !== 0x0a) throw new MultipartError(400, '上传内容格式有误');
        buf = buf.subarray(2);
        state = 'headers';
      } else if (state === 'headers') {
        const at = buf.indexOf(HEADER_END);
        if (at < 0) {
          if (buf.length > MAX_HEADER_BYTES) throw new MultipartError(400, '上传内容格式有误（分段头过长）');
          return;
        }
        const headers = buf.subarray(0, at).toString('utf8').split('\r\n');
        buf = buf.subarray(at + HEADER_END.length);
        const disposition = headers.find((h) => /^content-disposition\s*:/i.test(h));
        if (!disposition) throw new MultipartError(400, '上传内容格式有误（缺少 Content-Disposition）');
        const params = dispositionParams(disposition.slice(disposition.indexOf(':') + 1));
        const raw = params.get('filename');
        const name = raw === undefined ? null : fileName(raw);
        if (name !== null && ++files > limits.maxFiles)
          throw new MultipartError(413, `一次最多上传 ${limits.maxFiles} 个文件，请分批上传`);
        part = { field: params.get('name') ?? '', name, chunks: [], size: 0 };
        state = 'body';
      } else if (state === 'body') {
        const p = part!;
        const at = buf.indexOf(delimiter);
        if (at < 0) {
          // Keep what could be the start of a delimiter split across chunks.
          const safe = buf.length - delimiter.length + 1;
          if (safe > 0) {
            keep(p, buf.subarray(0, safe));
            buf = buf.subarray(safe);
          }
          return;
        }
        keep(p, buf.subarray(0, at));
        buf = buf.subarray(at + delimiter.length);
        state = 'boundary';
        part = null;
        if (p.name !== null) {
          yield p.size > limits.maxFileBytes
            ? { kind: 'tooLarge', field: p.field, name: p.name, size: p.size }
            : { kind: 'file', field: p.field, name: p.name, bytes: new Uint8Array(Buffer.concat(p.chunks)) };
        }
      } else return;
    }
  }

  for await (const chunk of chunksOf(body)) {
    total += chunk.length;
    if (total > limits.maxTotalBytes)
      throw new MultipartError(413, `上传内容超过上限（${megabytes(limits.maxTotalBytes)}），请分批上传`);
    if (state === 'done') continue;
    buf = buf.length > 0 ? Buffer.concat([buf, chunk]) : Buffer.from(chunk);
    yield* drain();
  }
  if (state !== 'done') throw new MultipartError(400, '上传内容不完整（连接中断或格式有误），请重试');
}

async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Refused early: the rest of the body is not wanted.
    await reader.cancel().catch(() => {});
  }
}

/** A size for people: `16 MB`, `512 KB`. */
export function megabytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
