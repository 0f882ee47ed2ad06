/** Checks for messages from webview pages, which are untrusted. Pure. */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

/** A plain object with exactly these keys, each holding a string. */
export function isStringRecord<K extends string>(value: unknown, keys: readonly K[]): value is Record<K, string> {
  if (!isPlainObject(value)) return false;
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((key) => Object.prototype.hasOwnProperty.call(value, key) && typeof value[key] === 'string');
}
