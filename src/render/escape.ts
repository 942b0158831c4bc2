/** Escaping for text taken from reports, which may be hostile: every such string passes through here. */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape for HTML text and double- or single-quoted attribute values. Drops NUL and other C0 controls but tab/newline. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}
