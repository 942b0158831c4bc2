/**
 * The source beside the tables: a text or HTML report's text (an HTML page is shown as the text it
 * contains, never rendered: reports are hostile), and for other kinds the narrative the recogniser read.
 * Quoted sentences of findings are marked where they occur, whatever the line breaks and spaces between.
 */
import type { QuotedText } from '../../diagnostics/index.ts';
import { SECTIONS, type ReportRecord } from '../../record/index.ts';

/** Text decoded the way reports come: UTF-8, UTF-16 with a byte order mark, else GB18030. */
export function decodeReportText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** What an HTML page says, as plain text: scripts and styles dropped, blocks on their own lines. */
export function htmlText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(br|\/p|\/div|\/tr|\/h[1-6]|\/li|\/table|\/section)\b[^>]*>/gi, '\n')
    .replace(/<\/t[dh]\s*>/gi, '\t')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, name: string) => {
      if (name[0] === '#') {
        const code =
          name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : '';
      }
      return ENTITIES[name.toLowerCase()] ?? all;
    })
    .replace(/[ \t\u00a0]*\n[ \t\u00a0\n]*/g, '\n')
    .trim();
}

/** The narrative the recogniser read, section by section: for sources without a text of their own. */
export function sectionsText(record: ReportRecord): string {
  return record.sections
    .map((s) => {
      const def = SECTIONS.find((d) => d.number === s.number);
      return `${def ? `${def.numeral}、` : ''}${s.title}\n${s.text}`;
    })
    .join('\n\n');
}

export interface QuoteMark {
  /** Element id of the finding (`f-3`). */
  finding: string;
  text: QuotedText;
}

interface Segment {
  text: string;
  findings: string[];
}

/** Splits `text` where quotes start and end; a quote is found ignoring whitespace. */
export function markQuotes(text: string, quotes: readonly QuoteMark[]): Segment[] {
  const compact: string[] = [];
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i]!)) continue;
    compact.push(text[i]!);
    at.push(i);
  }
  const joined = compact.join('');
  const spans: { from: number; to: number; finding: string }[] = [];
  for (const q of quotes) {
    const needle = q.text.quote.replace(/\s+/g, '');
    if (!needle) continue;
    const found = joined.indexOf(needle);
    if (found < 0) continue;
    spans.push({ from: at[found]!, to: at[found + needle.length - 1]! + 1, finding: q.finding });
  }
  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.from, s.to])])].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i]!;
    const to = cuts[i + 1]!;
    const findings = spans.filter((s) => s.from <= from && s.to >= to).map((s) => s.finding);
    out.push({ text: text.slice(from, to), findings });
  }
  return out;
}

export function SourceText({ text, quotes }: { text: string; quotes: readonly QuoteMark[] }) {
  return (
    <pre class="source-text">
      {markQuotes(text, quotes).map((s) =>
        s.findings.length === 0 ? (
          s.text
        ) : (
          <mark class="quote" data-findings={s.findings.join(' ')}>
            {s.text}
          </mark>
        ),
      )}
    </pre>
  );
}
