/**
 * Untrusted text inside Markdown (shift reports, exports, tickets, hovers): every character that
 * Markdown or HTML could read as syntax is backslash-escaped or made an entity, so a vault string
 * can never become a link, an image, a heading, emphasis, a table cell break or raw HTML.
 * The colon is escaped too: renderers that link bare URLs (GitHub, markdown-it's linkify) would
 * otherwise turn `https://evil` into a link, the escaped dots notwithstanding.
 */
export function markdownText(value: string): string {
  return value
    .replace(/[\\`*_{}[\]()#+\-.!|~>:]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/\r\n|\r|\n/g, ' ');
}
