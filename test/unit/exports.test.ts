import assert from 'node:assert/strict';
import { normalizeEvent, PtaEvent } from '../../src/model/ptaEvent';
import { csvField, eventsToCsv } from '../../src/export/csvExport';
import { EXPORT_COLUMNS, ExportedEvent } from '../../src/export/exportRow';
import { eventsToJson } from '../../src/export/jsonExport';
import { eventsToMarkdown } from '../../src/export/markdownExport';
import { parseEventFile } from '../../src/files/eventFileParser';
import { generateEvents, HOSTILE_STRINGS } from '../simulator/data';
import { FORMULAS, parseCsv } from '../support/csv';
import { hostileEvents } from '../support/hostileEvents';

const NOW = Date.UTC(2025, 5, 1, 8, 30, 0);
const hostile = (): PtaEvent[] => hostileEvents(NOW, [...HOSTILE_STRINGS, ...FORMULAS]).map((raw) => normalizeEvent(raw)!);
/** The events as exported from one vault named `source`. */
const from = (source: string, events: readonly PtaEvent[]): ExportedEvent[] => events.map((event) => ({ event, source }));

describe('Export', () => {
  describe('CSV', () => {
    it('writes a header and one row of 15 fields per event, CRLF-terminated, parseable as RFC 4180', () => {
      const events = generateEvents({ count: 30, seed: 4, now: NOW }).map((raw) => normalizeEvent(raw)!);
      const records = parseCsv(eventsToCsv(from('Prod', events)));
      assert.deepEqual(records[0], ['vault or file', 'id', 'type', 'score', 'band', 'status', 'reason', 'text', 'created', 'updated', 'accounts', 'users', 'source hosts', 'target hosts', 'PSM commands']);
      assert.equal(records.length, 31);
      assert.ok(records.every((r) => r.length === EXPORT_COLUMNS.length));
      const [first] = events;
      const row = records[1];
      assert.equal(row[0], 'Prod');
      assert.equal(row[1], first.id);
      assert.equal(row[5], first.status === 'OPEN' ? 'open' : 'closed');
      assert.equal(row[9], new Date(first.lastUpdateTime).toISOString());
      assert.match(row[8], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$|^$/);
    });

    it('names the vault or file of each event, and lists the PSM commands typed, one a line, each once', () => {
      const event = normalizeEvent({
        id: 'p1', type: 'SuspiciousPSMActivity', score: 80, mStatus: 'OPEN', lastUpdateTime: NOW,
        audits: [{ psmCommand: 'rm -rf /var/log/audit; history -c' }, { psmCommand: '=cmd|nc -e /bin/sh' }, { psmCommand: 'rm -rf /var/log/audit; history -c' }],
      })!;
      const [, prod, file] = parseCsv(eventsToCsv([{ event, source: 'Prod' }, { event, source: '=export.json' }]));
      assert.equal(prod[0], 'Prod');
      assert.equal(file[0], "'=export.json", 'a file name is vault-influenced text too');
      assert.equal(prod[14], 'rm -rf /var/log/audit; history -c\n=cmd|nc -e /bin/sh');
    });

    it('round-trips quotes, commas and line breaks, and lets no formula survive, across the hostile corpus', () => {
      const events = hostile();
      const records = parseCsv(eventsToCsv(from('Prod', events))).slice(1);
      assert.equal(records.length, events.length);
      for (const field of records.flat()) assert.doesNotMatch(field, /^[=+\-@\t\r]/, `a cell starts a formula: ${JSON.stringify(field.slice(0, 40))}`);
      const types = records.map((r) => r[2]);
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
      const [, row] = parseCsv(eventsToCsv([{ event, source: 'Prod' }]));
      assert.equal(row[12], 'dc01.corp.example (10.0.0.5); 10.0.0.9');
    });
  });

  describe('JSON', () => {
    it('writes the raw events, pretty, grouped by source, and reads back to the same data', () => {
      const events = hostile();
      const json = eventsToJson([...from('Prod', events.slice(0, 3)), ...from('DR', events.slice(3)), ...from('Prod', events.slice(0, 1))]);
      assert.match(json, /^\[\n {2}\{/);
      const raw = (list: readonly PtaEvent[]) => JSON.parse(JSON.stringify(list.map((e) => e.raw))) as unknown;
      assert.deepEqual(JSON.parse(json), [
        { source: 'Prod', status_code: 200, json_body: raw([...events.slice(0, 3), events[0]]) },
        { source: 'DR', status_code: 200, json_body: raw(events.slice(3)) },
      ]);
      const read = parseEventFile(json);
      assert.equal(read.shape, 'recordedAnswer', 'Open Events from File… reads it back');
      assert.equal(read.events.length, events.length + 1);
      assert.doesNotMatch(json, /[\u202e\u200b\u2028]/, 'invisible characters are written as escapes');
    });
  });

  describe('Markdown', () => {
    // What a Markdown renderer could read as a link, an image, raw HTML, a heading or a cell break.
    const ACTIVE = /(?<!\\)\[[^\]]*(?<!\\)\]\(|<[a-z!/]|(?<!\\)\|(?!\s)|^#/im;

    it('renders several events as a table whose rows no vault string can break or turn into markup', () => {
      const events = hostile();
      const markdown = eventsToMarkdown(from('Prod', events));
      const lines = markdown.trimEnd().split('\n');
      assert.match(lines[0], /^\| Source \| Type \|/);
      assert.match(lines[2], /^\| Prod \| /);
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
      const markdown = eventsToMarkdown([{ event, source: 'export [x](https://evil).json' }]);
      assert.match(markdown, /^### \\\[click\\\]\\\(command\\:workbench\\\.action\\\.terminal\\\.new\\\)\n\n- \*\*Source:\*\* export \\\[x\\\]\\\(https\\:\/\/evil\\\)\\\.json\n- \*\*ID:\*\* /);
      assert.doesNotMatch(markdown.split('\n').slice(1).join('\n'), ACTIVE);
    });
  });
});
