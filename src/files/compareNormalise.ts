import { formatTime, revealInvisibleInJson, TimeOptions } from '../model/format';

/** Fields holding epoch milliseconds, at any depth (an event's and each audit's). */
const TIME_KEYS = new Set(['createTime', 'lastUpdateTime']);

/**
 * An event's raw JSON made for a side-by-side diff: keys sorted at every depth so order never
 * shows as a change, two-space indentation, and every epoch-millisecond time followed by a
 * `// date` comment on its own line, so a changed time reads as a changed date (the text is
 * JSON with comments). Invisible and direction-changing characters are shown escaped.
 */
export function normaliseForCompare(raw: unknown, options?: TimeOptions): string {
  const lines: string[] = [];
  write(raw, '', '', '', lines, options);
  return revealInvisibleInJson(lines.join('\n')) + '\n';
}

function write(value: unknown, indent: string, prefix: string, suffix: string, lines: string[], options: TimeOptions | undefined): void {
  if (Array.isArray(value)) {
    if (value.length === 0) return void lines.push(`${indent}${prefix}[]${suffix}`);
    lines.push(`${indent}${prefix}[`);
    value.forEach((item, index) => write(item, indent + '  ', '', index < value.length - 1 ? ',' : '', lines, options));
    lines.push(`${indent}]${suffix}`);
    return;
  }
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    if (keys.length === 0) return void lines.push(`${indent}${prefix}{}${suffix}`);
    lines.push(`${indent}${prefix}{`);
    keys.forEach((key, index) => {
      const inner = (value as Record<string, unknown>)[key];
      const comma = index < keys.length - 1 ? ',' : '';
      const date = TIME_KEYS.has(key) && typeof inner === 'number' && inner > 0 ? ` // ${formatTime(inner, options)}` : '';
      write(inner, indent + '  ', `${JSON.stringify(key)}: `, comma + date, lines, options);
    });
    lines.push(`${indent}}${suffix}`);
    return;
  }
  lines.push(`${indent}${prefix}${JSON.stringify(value) ?? 'null'}${suffix}`);
}
