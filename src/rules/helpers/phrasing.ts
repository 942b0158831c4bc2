/** Wording shared by the rules' messages: lists of rows, dates, section names, quotes. */
import { SECTIONS, type TableKey } from '../../record/index.ts';

/** 「a、b、c」, or 「a、b、c 等」 when there are more than `max`. */
export function listSome(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max).join('、');
  return items.length > max ? `${shown} 等` : shown;
}

/** 表四 prints its groups (行政复议, 行政诉讼…) side by side: they are not rows to a reader. */
export function rowUnit(table: TableKey): string {
  return table === 'reviews' ? '项' : '行';
}

/** 「（一）予以公开 行」, 「（一）予以公开、（二）部分公开 共 2 行」, 「（一）予以公开、… 等 20 行」. */
export function phraseRows(table: TableKey, labels: readonly string[]): string {
  const unit = rowUnit(table);
  if (labels.length === 1) return `${labels[0]} ${unit}`;
  if (labels.length <= 3) return `${labels.join('、')} 共 ${labels.length} ${unit}`;
  return `${labels.slice(0, 3).join('、')} 等 ${labels.length} ${unit}`;
}

/** `2021-01-28` → 「2021年1月28日」. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** 「五、存在的主要问题及改进情况」. */
export function sectionName(number: number): string {
  const def = SECTIONS[number - 1];
  return def ? `${def.numeral}、${def.title}` : `第${number}部分`;
}

/** A quote short enough for a message; the full sentence goes to `text.quote`. */
export function shorten(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
