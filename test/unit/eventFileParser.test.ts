import assert from 'node:assert/strict';
import { FileFormatError, parseEventFile } from '../../src/files/eventFileParser';
import { generateEvents } from '../simulator/data';

const EXPECTED = 'Expected PTA events (a list of events, one event, a recorded API answer, psPAS output or one event per line); ';
const events = generateEvents({ count: 30, seed: 7, now: 1_750_000_000_000 });
const ids = events.map((e) => e.id);

function refused(input: string | Uint8Array, message: string | RegExp): void {
  assert.throws(
    () => parseEventFile(input),
    (error: unknown) => {
      assert.ok(error instanceof FileFormatError, `not a FileFormatError: ${String(error)}`);
      if (typeof message === 'string') assert.equal(error.message, message);
      else assert.match(error.message, message);
      assert.doesNotMatch(error.message, /\n\s+at /);
      return true;
    },
  );
}

function utf16le(text: string, bom: boolean): Uint8Array {
  return Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
}

describe('parseEventFile', () => {
  describe('accepts', () => {
    it('a list of events, as the vault answers', () => {
      const parsed = parseEventFile(JSON.stringify(events));
      assert.equal(parsed.shape, 'list');
      assert.deepEqual(parsed.events.map((e) => e.id), ids);
    });

    it('an empty list', () => {
      assert.deepEqual(parseEventFile('[]'), { shape: 'list', events: [] });
    });

    it('one event on its own', () => {
      const parsed = parseEventFile(JSON.stringify(events[0], null, 2));
      assert.equal(parsed.shape, 'event');
      assert.deepEqual(parsed.events.map((e) => e.id), [ids[0]]);
    });

    it('the recorded-response shape of the API documentation, as a list and as one answer', () => {
      const recorded = [{ status_code: 200, json_body: events.slice(0, 10) }, { status_code: 200, json_body: events.slice(10) }];
      assert.deepEqual(parseEventFile(JSON.stringify(recorded)).events.map((e) => e.id), ids);
      const single = parseEventFile(JSON.stringify({ status_code: 200, json_body: events[3] }));
      assert.equal(single.shape, 'recordedAnswer');
      assert.deepEqual(single.events.map((e) => e.id), [ids[3]]);
    });

    it('psPAS ConvertTo-Json output: UTF-16LE with a BOM (Windows PowerShell 5 `>`), CRLF and its wide indentation', () => {
      const text = JSON.stringify(events, null, 4).replace(/\n/g, '\r\n');
      assert.deepEqual(parseEventFile(utf16le(text, true)).events.map((e) => e.id), ids);
      assert.deepEqual(parseEventFile(utf16le(text, false)).events.map((e) => e.id), ids);
    });

    it('UTF-8 with a BOM (Out-File -Encoding UTF8), as bytes and as text', () => {
      const text = '\ufeff' + JSON.stringify(events);
      assert.deepEqual(parseEventFile(Buffer.from(text, 'utf8')).events.map((e) => e.id), ids);
      assert.deepEqual(parseEventFile(text).events.map((e) => e.id), ids);
    });

    it('a single psPAS result, which ConvertTo-Json does not wrap in a list', () => {
      assert.equal(parseEventFile(JSON.stringify(events[1], null, 4)).shape, 'event');
    });

    it('the {"value": [...], "Count": n} wrapper Windows PowerShell 5.1 writes for some arrays', () => {
      const parsed = parseEventFile(JSON.stringify({ value: events, Count: events.length }));
      assert.equal(parsed.shape, 'powerShellWrapped');
      assert.deepEqual(parsed.events.map((e) => e.id), ids);
    });

    it('one event per line, blank lines and CRLF allowed', () => {
      const text = events.map((e) => JSON.stringify(e)).join('\r\n\r\n') + '\n\n';
      const parsed = parseEventFile(text);
      assert.equal(parsed.shape, 'lines');
      assert.deepEqual(parsed.events.map((e) => e.id), ids);
    });
  });

  describe('refuses, saying what was expected and what was found', () => {
    it('a JSON object that is not an event', () => {
      refused('{"name": "cyberark-pta", "version": "0.1.0"}', `${EXPECTED}found a JSON object with keys name, version.`);
    });

    it('scalars, empty objects and empty documents', () => {
      refused('"text"', `${EXPECTED}found a JSON string.`);
      refused('42', `${EXPECTED}found a JSON number.`);
      refused('null', `${EXPECTED}found JSON null.`);
      refused('{}', `${EXPECTED}found an empty JSON object.`);
      refused('  \n ', `${EXPECTED}found an empty document.`);
    });

    it('a list of things that are not events', () => {
      refused('[{"name": "a"}, {"name": "b"}]', `${EXPECTED}found a list whose items are not events (the first is a JSON object with keys name).`);
      refused(JSON.stringify([events[0], 'x']), `${EXPECTED}found a list whose item 2 is a JSON string.`);
    });

    it('text that is not JSON, with where it stops being JSON', () => {
      refused('[\n  {"id": "a",\n   oops}\n]', /^Expected PTA events .*; found text that is not JSON \(line 3, column 4\)\.$/);
      refused('<html>IIS error</html>', /found text that is not JSON/);
    });

    it('a line that is not JSON or not an event, by its number', () => {
      const lines = [JSON.stringify(events[0]), '', '{"id": "b", truncated'];
      refused(lines.join('\n'), `${EXPECTED}line 3 is not JSON.`);
      refused([JSON.stringify(events[0]), '[1, 2]'].join('\n'), `${EXPECTED}line 2 is not an event but a list.`);
    });

    it('a recorded answer that failed', () => {
      refused(JSON.stringify([{ status_code: 401, json_body: { ErrorCode: 'PASWS006E' } }]), `${EXPECTED}found the recorded answer with status 401, which holds no events.`);
    });

    it('psPAS output cut by ConvertTo-Json\'s default depth, with the fix', () => {
      const cut = { ...events[0], audits: ['@{id=5f0c; type=VAULT_LOGON; sensorType=VAULT; account=}'] };
      refused(JSON.stringify([cut]), /^This looks like psPAS output written by ConvertTo-Json at its default depth: parts of event .* were cut to text such as "@\{id=5f0c; type=VAULT_LOGON.*"\. Export again with ConvertTo-Json -Depth 10\.$/);
      const deeper = { ...events[0], audits: [{ id: 'a', type: 'VAULT_LOGON', source: '@{mOriginalAddress=10.0.0.1; mResolvedAddress=}' }] };
      refused(JSON.stringify(deeper), /default depth/);
    });

    it('bytes that are not text', () => {
      refused(Uint8Array.from([0x5b, 0xc3, 0x28, 0x5d]), `${EXPECTED}found bytes that are not UTF-8 or UTF-16 text.`);
    });

    it('a document over the size guard, before parsing it', () => {
      assert.throws(() => parseEventFile(JSON.stringify(events), { maxBytes: 1000 }), /^FileFormatError: The document is \d+\.\d KB; documents over 1000 B are refused to protect memory\.$/);
    });

    it('keys from the file as visible text, never raw control characters', () => {
      refused('{"\\u202eevil": 1}', `${EXPECTED}found a JSON object with keys <U+202E>evil.`);
    });
  });
});
