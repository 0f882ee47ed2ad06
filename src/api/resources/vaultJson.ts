/**
 * Defensive readers for the respond calls' answers: vault data is untrusted, any field may be
 * missing, null or of another type, and a missing value stays undefined.
 */
export type JsonRecord = Record<string, unknown>;

export function asRecord(value: unknown): JsonRecord | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonRecord) : undefined;
}

export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A non-blank string; numbers are written out (ids such as 27 arrive as numbers). */
export function textField(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

export function numberField(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

export function booleanField(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'True') return true;
  if (value === 'false' || value === 'False') return false;
  return undefined;
}

/** Epoch seconds (as the vault sends times) to epoch ms; undefined for none, zero or negative. */
export function secondsToMs(value: unknown): number | undefined {
  const seconds = numberField(value);
  return seconds !== undefined && seconds > 0 ? seconds * 1000 : undefined;
}
