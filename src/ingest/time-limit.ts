/**
 * The time a parsing worker may take over one file. A file that keeps a worker busy longer (a PDF built to
 * make the table reader crawl, a scan OCR cannot finish) is reported as unreadable and the worker is
 * replaced, so one bad upload cannot hold the pool for everyone.
 */
import type { ParseResponse } from './messages.ts';

export const DEFAULT_PARSE_SECONDS = 60;

/** What a file that ran out of time gets: an unreadable verdict, recorded like any other. */
export function timedOut(id: number, limitMs: number): ParseResponse {
  const seconds = limitMs >= 1000 ? `${Math.round(limitMs / 1000)} 秒` : `${limitMs} 毫秒`;
  return {
    id,
    ok: false,
    unusable: {
      code: 'timeout',
      zh: `解析超时（超过 ${seconds}仍未读完），文件可能过大或结构异常`,
      en: `parsing took longer than ${limitMs} ms`,
    },
  };
}
