/**
 * The PTA event an analyst pastes from elsewhere: a bare event id, the event's PVWA link
 * (`…/PasswordVault/v10/pta/events/<id>`, any host), or the syslog line a SIEM shows: CEF
 * (`CEF:0|CyberArk|PTA|…|… cs2Label=EventID cs2=<id> …`) or LEEF (`LEEF:1.0|CyberArk|PTA|…|…
 * eventID=<id> …`). All of it is untrusted text; only an id of a plain shape comes out. Pure.
 */
export type AlertForm = 'id' | 'link' | 'cef' | 'leef';

export type AlertReference = { readonly ok: true; readonly eventId: string; readonly form: AlertForm } | { readonly ok: false; readonly reason: string };

/** A syslog line is about a kilobyte; anything far longer is not one alert. */
export const MAX_ALERT_TEXT = 16_384;

/** PTA event ids are 24 hex digits; other sources keep ids of letters, digits and a few separators. */
const EVENT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

const LINK_PATH = /\/v10\/pta\/events\/([^/?#]+)\/?$/i;

const NOT_RECOGNISED = 'Paste an event id, a PVWA event link (…/PasswordVault/v10/pta/events/<id>), or a CEF or LEEF line of a PTA alert.';

export function parseAlertReference(text: unknown): AlertReference {
  if (typeof text !== 'string') return fail(NOT_RECOGNISED);
  if (text.length > MAX_ALERT_TEXT) return fail(`The text is ${text.length.toLocaleString('en-US')} characters long: too long for one alert (at most ${MAX_ALERT_TEXT.toLocaleString('en-US')}).`);
  const lines = text.split(/\r\n|\r|\n/).map((line) => line.trim()).filter(Boolean);
  if (lines.length === 0) return fail(NOT_RECOGNISED);
  const found = lines.map(parseLine);
  const ids = found.filter((f): f is Extract<AlertReference, { ok: true }> => f.ok);
  if (ids.length === 0) return found.find((f) => !f.ok && f.reason !== NOT_RECOGNISED) ?? fail(NOT_RECOGNISED);
  const distinct = new Set(ids.map((f) => f.eventId));
  if (distinct.size > 1) return fail(`The text names ${distinct.size} different events; paste one alert at a time.`);
  return ids[0];
}

function parseLine(line: string): AlertReference {
  const cef = /CEF:\d+\|/i.exec(line);
  const leef = /LEEF:\d+(?:\.\d+)?\|/i.exec(line);
  // A SIEM may show the syslog header (priority, time, host) before the CEF or LEEF part.
  if (cef && (!leef || cef.index < leef.index)) return fromCef(line.slice(cef.index));
  if (leef) return fromLeef(line.slice(leef.index));
  if (/^https?:\/\//i.test(line)) return fromLink(line);
  return EVENT_ID.test(line) ? { ok: true, eventId: line, form: 'id' } : fail(NOT_RECOGNISED);
}

function fromLink(line: string): AlertReference {
  let url: URL;
  try {
    url = new URL(line);
  } catch {
    return fail('The link is not a valid address.');
  }
  const match = LINK_PATH.exec(url.pathname);
  if (!match) return fail('The link is not a PVWA event link (…/PasswordVault/v10/pta/events/<id>).');
  return eventIdFrom(decoded(match[1]), 'link', 'The link');
}

/** `CEF:0|Vendor|Product|Version|Signature|Name|Severity|extension`; `\|` escapes a pipe in the header. */
function fromCef(line: string): AlertReference {
  const header = splitHeader(line, 7);
  if (!header) return fail('The CEF line is cut short: it has fewer than the 7 header fields before its extension.');
  const fields = cefExtension(header.rest);
  // PTA labels its custom strings; cs2 is the event id. Some SIEMs show the long key names.
  const labelled = [1, 2, 3, 4, 5, 6].find((n) => (fields.get(`cs${n}label`) ?? fields.get(`devicecustomstring${n}label`))?.toLowerCase() === 'eventid');
  const slot = labelled ?? (isPta(header.fields) ? 2 : undefined);
  if (slot === undefined) return fail('The CEF line is not a PTA alert: no custom string is labelled EventID.');
  const value = fields.get(`cs${slot}`) ?? fields.get(`devicecustomstring${slot}`);
  if (value === undefined || value === '') return fail(`The CEF line has no event id (cs${slot} is missing or empty).`);
  return eventIdFrom(value, 'cef', `The CEF line's cs${slot}`);
}

/** `LEEF:1.0|Vendor|Product|Version|EventID|attributes` (tab-separated); LEEF 2.0 adds a delimiter field. */
function fromLeef(line: string): AlertReference {
  const version = /^LEEF:(\d+)/i.exec(line)?.[1];
  const header = splitHeader(line, version === '2' ? 6 : 5);
  if (!header) return fail('The LEEF line is cut short: it has fewer header fields than LEEF needs.');
  const delimiter = version === '2' ? leefDelimiter(header.fields[5]) : undefined;
  // Tabs often arrive as spaces once a SIEM has shown them; ids hold neither.
  const value = attribute(header.rest, 'eventid', delimiter ? ['\t', ' ', delimiter] : ['\t', ' ']);
  if (value === undefined) return fail('The LEEF line has no eventID attribute.');
  if (value === '') return fail('The LEEF line has an empty eventID.');
  return eventIdFrom(value, 'leef', "The LEEF line's eventID");
}

/** The value of the first `key=` that starts the text or follows a separator, up to the next separator. */
function attribute(text: string, key: string, separators: readonly string[]): string | undefined {
  const lowered = text.toLowerCase();
  for (let at = lowered.indexOf(`${key}=`); at >= 0; at = lowered.indexOf(`${key}=`, at + 1)) {
    if (at > 0 && !separators.includes(text[at - 1])) continue;
    const start = at + key.length + 1;
    let end = text.length;
    for (const separator of separators) {
      const next = text.indexOf(separator, start);
      if (next >= 0 && next < end) end = next;
    }
    return text.slice(start, end);
  }
  return undefined;
}

/** LEEF 2.0's delimiter field: one character, or its code as `x09` / `0x09`. */
function leefDelimiter(field: string | undefined): string | undefined {
  if (!field) return undefined;
  const hex = /^(?:0?x)([0-9a-f]{1,4})$/i.exec(field);
  if (hex) return String.fromCharCode(parseInt(hex[1], 16));
  return field.length === 1 ? field : undefined;
}

function isPta(fields: readonly string[]): boolean {
  return fields[1]?.trim().toLowerCase() === 'cyberark' && fields[2]?.trim().toLowerCase() === 'pta';
}

/** The first `count` pipe-separated fields (a backslash escapes a pipe or itself) and what follows them. */
function splitHeader(line: string, count: number): { fields: string[]; rest: string } | undefined {
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && (line[i + 1] === '|' || line[i + 1] === '\\')) {
      current += line[++i];
    } else if (c === '|') {
      fields.push(current);
      current = '';
      if (fields.length === count) return { fields, rest: line.slice(i + 1) };
    } else {
      current += c;
    }
  }
  return undefined;
}

/**
 * CEF's extension: `key=value` pairs separated by spaces, where a value may itself hold spaces
 * and `\=` is an escaped equals sign; each value runs to the next ` key=`. Keys lower-case.
 */
function cefExtension(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  const keyPattern = /(?:^|\s)([A-Za-z0-9_.]{1,64})=/g;
  const keys: Array<{ key: string; valueStart: number; start: number }> = [];
  for (let match = keyPattern.exec(text); match; match = keyPattern.exec(text)) {
    keys.push({ key: match[1].toLowerCase(), start: match.index, valueStart: match.index + match[0].length });
  }
  keys.forEach((entry, i) => {
    const end = i + 1 < keys.length ? keys[i + 1].start : text.length;
    if (!fields.has(entry.key)) fields.set(entry.key, unescapeCef(text.slice(entry.valueStart, end).trim()));
  });
  return fields;
}

function unescapeCef(value: string): string {
  return value.replace(/\\([\\=|nr])/g, (_match, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c));
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function eventIdFrom(value: string, form: AlertForm, where: string): AlertReference {
  const id = value.trim();
  if (!EVENT_ID.test(id)) return fail(`${where} does not hold an event id: event ids are letters and digits (up to 128).`);
  return { ok: true, eventId: id, form };
}

function fail(reason: string): AlertReference {
  return { ok: false, reason };
}
