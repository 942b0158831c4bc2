/**
 * What the corpus exports are and the formats they come in: names only, with no import, so that a
 * command's option parsing and a web form can use them without loading the renderers.
 */
export type ExportWhat = 'records' | 'findings' | 'coverage';
export type ExportFormat = 'xlsx' | 'csv' | 'jsonl';

export const EXPORT_WHATS: readonly ExportWhat[] = ['records', 'findings', 'coverage'];
export const EXPORT_FORMATS: readonly ExportFormat[] = ['xlsx', 'csv', 'jsonl'];

/** Sheet names, and the words a file name or a form uses for each export. */
export const EXPORT_LABEL: Record<ExportWhat, string> = {
  records: '报告',
  findings: '问题',
  coverage: '未报告单位',
};

/** Coverage is per year: an export of it without one is refused before anything is read. */
export function needsYear(what: ExportWhat, year: number | undefined): boolean {
  return what === 'coverage' && year === undefined;
}
