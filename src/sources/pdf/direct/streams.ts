/**
 * Stream data: unfiltered or FlateDecode (with the PNG predictors xref streams use). Any other filter, a
 * TIFF predictor, a corrupt or truncated deflate stream (pdf.js would keep what it could inflate) → Decline.
 * Inflated sizes are capped: a deflate bomb is a Decline, not an out-of-memory.
 */
import { inflateSync } from 'node:zlib';
import { decline, isDict, nameOf, type Dict, type PdfValue, type Stream } from './objects.ts';

/** No single stream of a report inflates past this. */
const MAX_STREAM_BYTES = 64 * 1024 * 1024;

export interface Budget {
  /** Bytes that may still be inflated for this document. */
  remaining: number;
}

export function decodeStream(
  stream: Stream,
  resolve: (v: PdfValue | undefined) => PdfValue | undefined,
  budget: Budget,
): Uint8Array {
  const dict = stream.dict;
  const filter = resolve(dict.get('Filter'));
  let params = resolve(dict.get('DecodeParms'));
  let filterName: string | null = null;
  if (filter === undefined || filter === null) filterName = null;
  else if (Array.isArray(filter)) {
    if (filter.length > 1) decline('several filters');
    if (filter.length === 1) filterName = nameOf(resolve(filter[0]));
    if (filter.length === 1 && filterName === null) decline('filter is not a name');
    if (Array.isArray(params))
      params =
        params.length === 1 ? resolve(params[0]) : params.length === 0 ? undefined : decline('parameters');
  } else {
    filterName = nameOf(filter);
    if (filterName === null) decline('filter is not a name');
  }
  if (filterName === null) {
    if (params !== undefined && params !== null) decline('parameters without a filter');
    return stream.raw;
  }
  if (filterName !== 'FlateDecode' && filterName !== 'Fl') decline(`filter ${filterName}`);
  const cap = Math.min(MAX_STREAM_BYTES, budget.remaining);
  let data: Uint8Array;
  try {
    const inflated = inflateSync(stream.raw, { maxOutputLength: Math.max(1, cap) });
    // A plain view: a Buffer's subarray and indexing cost more than a Uint8Array's.
    data = new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.length);
  } catch {
    return decline('deflate data corrupt, truncated or too large');
  }
  budget.remaining -= data.length;
  if (budget.remaining <= 0) decline('document inflates too much');
  if (params === undefined || params === null) return data;
  if (!isDict(params)) decline('DecodeParms is not a dictionary');
  return unpredict(data, params as Dict, resolve);
}

function integer(v: PdfValue | undefined, fallback: number): number {
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v)) return decline('parameter is not an integer');
  return v;
}

/** PNG predictors (10–15: each row tagged with its own filter); 1 = none. */
function unpredict(
  data: Uint8Array,
  params: Dict,
  resolve: (v: PdfValue | undefined) => PdfValue | undefined,
): Uint8Array {
  const predictor = integer(resolve(params.get('Predictor')), 1);
  if (predictor === 1) return data;
  if (predictor < 10 || predictor > 15) decline(`predictor ${predictor}`);
  const colors = integer(resolve(params.get('Colors')), 1);
  const bits = integer(resolve(params.get('BitsPerComponent')), 8);
  const columns = integer(resolve(params.get('Columns')), 1);
  if (colors < 1 || colors > 4 || bits !== 8 || columns < 1 || columns > 1 << 20)
    decline('predictor parameters');
  const pixelBytes = colors;
  const rowBytes = columns * colors;
  const rows = Math.floor(data.length / (rowBytes + 1));
  if (rows * (rowBytes + 1) !== data.length) decline('predicted data is not whole rows');
  const out = new Uint8Array(rows * rowBytes);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowBytes + 1)]!;
    const src = r * (rowBytes + 1) + 1;
    const dst = r * rowBytes;
    const up = dst - rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const raw = data[src + i]!;
      const left = i >= pixelBytes ? out[dst + i - pixelBytes]! : 0;
      const above = r > 0 ? out[up + i]! : 0;
      const corner = r > 0 && i >= pixelBytes ? out[up + i - pixelBytes]! : 0;
      let v: number;
      switch (type) {
        case 0:
          v = raw;
          break;
        case 1:
          v = raw + left;
          break;
        case 2:
          v = raw + above;
          break;
        case 3:
          v = raw + ((left + above) >> 1);
          break;
        case 4: {
          const p = left + above - corner;
          const pa = Math.abs(p - left);
          const pb = Math.abs(p - above);
          const pc = Math.abs(p - corner);
          v = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? above : corner);
          break;
        }
        default:
          return decline(`PNG row filter ${type}`);
      }
      out[dst + i] = v & 0xff;
    }
  }
  return out;
}
