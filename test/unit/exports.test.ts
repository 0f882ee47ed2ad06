import assert from 'node:assert/strict';
import { normalizeEvent, PtaEvent } from '../../src/model/ptaEvent';
import { csvField, eventsToCsv } from '../../src/export/csvExport';
import { EXPORT_COLUMNS } from '../../src/export/exportRow';
import { eventsToJson } from '../../src/export/jsonExport';
import { eventsToMarkdown } from '../../src/export/markdownExport';
import { generateEvents, HOSTILE_STRINGS } from '../simulator/data';
import { hostileEvents } from '../support/hostileEvents';

const NOW = Date.UTC(2025, 5, 1, 8, 30, 0);
// Spreadsheet formulas join the corpus here, so each lands in every string field of some event.
const FORMULAS = ['=cmd|\' /C calc\'!A0', '+SUM(1+1)*cmd|\' /C calc\'!A0', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)', '\t=1+1', '\r=1+1', '=HYPERLINK("https://evil.example","click")'];
const hostile = (): PtaEvent[] => hostileEvents(NOW, [...HOSTILE_STRINGS, ...FORMULAS]).map((raw) => normalizeEvent(raw)!);

/** RFC 4180, strictly: fields separated by commas, records by CRLF, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') break;
        else field += text[i++];
      }
      i++;
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '\n' || text[i] === '"') throw new Error(`bare ${JSON.stringify(text[i])} in an unquoted field at ${i}`);
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      records.push(record);
      record = [];
      i += 2;
    } else throw new Error(`expected a comma or CRLF at ${i}`);
  }
  if (record.length > 0) throw new Error('the last record has no CRLF');
  return records;
}

describe('Export', () => {
  describe('CSV', () => {
    it('writes a header and one row of 13 fields per event, CRLF-terminated, parseable as RFC 4180', () => {
      const events = generateEvents({ count: 30, seed: 4, now: NOW }).map((raw) => normalizeEvent(raw)!);
      const records = parseCsv(eventsToCsv(events));
      assert.deepEqual(records[0], ['id', 'type', 'score', 'band', 'status', 'reason', 'text', 'created', 'updated', 'accounts', 'users', 'sources', 'targets']);
      assert.equal(records.length, 31);
      assert.ok(records.every((r) => r.length === EXPORT_COLUMNS.length));
      const [first] = events;
      const row = records[1];
      assert.equal(row[0], first.id);
      assert.equal(row[4], first.status === 'OPEN' ? 'open' : 'closed');
      assert.equal(row[8], new Date(first.lastUpdateTime).toISOString());
      assert.match(row[7], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$|^$/);
    });

    it('round-trips quotes, commas and line breaks, and lets no formula survive, across the hostile corpus', () => {
      const events = hostile();
      const records = parseCsv(eventsToCsv(events)).slice(1);
      assert.equal(records.length, events.length);
      for (const field of records.flat()) assert.doesNotMatch(field, /^[=+\-@\t\r]/, `a cell starts a formula: ${JSON.stringify(field.slice(0, 40))}`);
      const types = records.map((r) => r[1]);
      for (const formula of FORMULAS) assert.ok(types.includes(`'${formula}`), `${JSON.stringify(formula)} kept, behind an apostrophe`);
      for (const payload of ['"}]},{"id":"injected","mStatus":"CLOSED"', 'first line\r\nsecond line\rthird', "'; DROP TABLE events; --", 'back\\slash \\" \\\\u0022 "quoted" \\n']) {
        assert.ok(types.includes(payload), `${JSON.stringify(payload)} came back verbatim`);
      }
    });

    it('neutralises each formula start with one apostrophe and leaves other text alone', () => {
      for (const value of ['=1+2', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', '=HYPERLINK("https://evil.example","x")']) {
        const [[parsed]] = parseCsv(`${csvField(value)}\r\n`);
        assert.equal(parsed, `'${value}`);
      }
      assert.equal(csvField('plain text'), 'plain text');
      assert.equal(csvField('a,b'), '"a,b"');
      assert.equal(csvField('say "hi"'), '"say ""hi"""');
      assert.equal(csvField(''), '');
    });

    it('lists each host once, however it is spelled', () => {
      const event = normalizeEvent({
        id: 'h1', type: 'X', score: 50, mStatus: 'OPEN', lastUpdateTime: NOW,
        audits: [
          { source: { mOriginalAddress: 'DC01', mResolvedAddress: { mAddress: '10.0.0.5', mHostName: 'DC01', mFqdn: 'dc01.corp.example' } } },
          { source: { mOriginalAddress: 'dc01.corp.example' } },
          { source: { mOriginalAddress: '10.0.0.9' } },
        ],
      })!;
      const [, row] = parseCsv(eventsToCsv([event]));
      assert.equal(row[11], 'dc01.corp.example (10.0.0.5); 10.0.0.9');
    });
  });

  describe('JSON', () => {
    it('writes the raw events, pretty, and reads back to the same data', () => {
      const events = hostile();
      const json = eventsToJson(events);
      assert.match(json, /^\[\n {2}\{/);
      assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(events.map((e) => e.raw))));
      assert.doesNotMatch(json, /[\u202e\u200b\u2028]/, 'invisible characters are written as escapes');
    });
  });

  describe('Markdown', () => {
    // What a Markdown renderer could read as a link, an image, raw HTML, a heading or a cell break.
    const ACTIVE = /(?<!\\)\[[^\]]*(?<!\\)\]\(|<[a-z!/]|(?<!\\)\|(?!\s)|^#/im;

    it('renders several events as a table whose rows no vault string can break or turn into markup', () => {
      const events = hostile();
      const markdown = eventsToMarkdown(events);
      const lines = markdown.trimEnd().split('\n');
      assert.equal(lines.length, events.length + 2, 'one line per event: no line break survives');
      const cells = (line: string) => line.split(/(?<!\\)\|/).length;
      assert.ok(lines.every((line) => cells(line) === cells(lines[0])), 'no row gains a cell');
      for (const line of lines.slice(2)) {
        assert.doesNotMatch(line, /<(img|script|svg|a|iframe|meta|base|link|style|b)\b/i);
        assert.doesNotMatch(line, /(?<!\\)\]\((?!\\)|(?<!\\)!\[/);
      }
    });

    it('renders one event as a list of its facts, escaped', () => {
      const [event] = hostile().filter((e) => e.type.startsWith('[click]'));
      const markdown = eventsToMarkdown([event]);
      assert.match(markdown, /^### \\\[click\\\]\\\(command\\:workbench\\\.action\\\.terminal\\\.new\\\)\n\n- \*\*ID:\*\* /);
      assert.doesNotMatch(markdown.split('\n').slice(1).join('\n'), ACTIVE);
    });
  });
});
