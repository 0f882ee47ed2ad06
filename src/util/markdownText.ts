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

/**
 * Untrusted text for Markdown that is read as plain text just as often (the shift report, pasted
 * into a chat or a plain editor as often as where Markdown renders): plain words stay as they are;
 * anything else goes in a code span, inside which Markdown reads nothing (no link, emphasis,
 * heading or HTML) and no backslash is needed, so the value reads exactly as written either way.
 * The fence is one backtick longer than the longest run in the value. A code span does not stop
 * a table cell break, so callers keep such text out of tables.
 */
export function markdownPlainText(value: string): string {
  const line = value.replace(/\r\n|\r|\n/g, ' ');
  if (PLAIN_WORDS.test(line)) return line;
  const longestRun = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // CommonMark takes one space off each end of a code span that has both, and needs one next to a backtick.
  const pad = line.startsWith('`') || line.endsWith('`') || (line.startsWith(' ') && line.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

const PLAIN_WORDS = /^[\p{L}\p{N}][\p{L}\p{N} ]*$/u;
