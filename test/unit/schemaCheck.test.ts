import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDocumentText } from '../../src/files/documentSchemaCheck';
import { checkAgainstSchema, uncheckedKeywords } from '../../src/files/schemaCheck';
import { hostileEvents } from '../support/hostileEvents';
import { generateEvents } from '../simulator/data';

const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'schemas', 'pta-events.schema.json'), 'utf8')) as Record<string, unknown>;
const NOW = Date.UTC(2026, 10, 20);

describe('checkAgainstSchema (the PTA events schema on any JSON document)', () => {
  it('finds nothing wrong in what the simulator sends, its sparse and hostile shapes included', () => {
    const events = generateEvents({ count: 300, seed: 3, now: NOW });
    assert.deepEqual(checkAgainstSchema(events, schema), []);
    assert.deepEqual(checkAgainstSchema(events[0], schema), [], 'one event is accepted too');
  });

  it('flags a close reason outside the vault\'s list, however hostile, and only that', () => {
    const problems = checkAgainstSchema(hostileEvents(NOW), schema);
    assert.ok(problems.length > 0);
    assert.deepEqual([...new Set(problems.map((p) => p.path[1]))], ['closeReason']);
  });

  it('names the path and what was expected for each wrong field', () => {
    const [event] = generateEvents({ count: 1, seed: 3, now: NOW });
    const problems = checkAgainstSchema([{ ...event, mStatus: 'DONE', score: 140, createTime: '2026-01-01' }], schema);
    assert.deepEqual(problems.map((p) => p.path.join('.')).sort(), ['0.createTime', '0.mStatus', '0.score']);
    assert.match(problems.find((p) => p.path[1] === 'mStatus')!.message, /"DONE" is not one of "OPEN", "CLOSED", null/);
    assert.match(problems.find((p) => p.path[1] === 'score')!.message, /above the maximum 100/);
    assert.match(problems.find((p) => p.path[1] === 'createTime')!.message, /Expected a number or null; found a string/);
  });

  it('refuses what is neither an event nor a list of events', () => {
    const [problem] = checkAgainstSchema('just text', schema);
    assert.deepEqual(problem.path, []);
    assert.match(problem.message, /^Expected an object or a list; found a string/);
  });

  it('checks the events inside every wrapper the file reader accepts: recorded answers, one or a list, and PowerShell lists', () => {
    const [event] = generateEvents({ count: 1, seed: 3, now: NOW });
    const bad = { ...event, score: 140 };
    const at = (value: unknown) => checkAgainstSchema(value, schema).map((p) => p.path.join('.'));
    assert.deepEqual(at({ status_code: 200, json_body: [event, bad] }), ['json_body.1.score']);
    assert.deepEqual(at({ status_code: 200, json_body: bad }), ['json_body.score']);
    assert.deepEqual(at([{ status_code: 200, json_body: [bad] }, { status_code: 200, json_body: [event] }]), ['0.json_body.0.score']);
    assert.deepEqual(at({ value: [event, bad], Count: 2 }), ['value.1.score']);
    assert.deepEqual(at({ status_code: 200, json_body: [event] }), []);
    assert.deepEqual(at({ status_code: 500, json_body: [event] }), ['status_code'], 'an error answer holds no events');
    assert.deepEqual(at({ status_code: 200, json_body: [{ status_code: 200, json_body: [] }] }), ['json_body.0'], 'a wrapper is not an event');
  });

  it('says it did not check anything when the schema uses a keyword it does not support', () => {
    assert.deepEqual(uncheckedKeywords(schema), [], 'the PTA events schema uses only what is checked');
    const problems = checkAgainstSchema({ id: 'x' }, { type: 'object', properties: { id: { type: 'string', pattern: '^[0-9a-f]{24}$' } }, additionalProperties: false });
    assert.deepEqual(problems, [{ path: [], message: 'Not checked against the PTA events schema: it uses additionalProperties, pattern, which this check does not support.' }]);
  });
});

describe('checkDocumentText (a treated document, in each shape the file reader accepts)', () => {
  const [event] = generateEvents({ count: 1, seed: 3, now: NOW });

  it('places each problem in the text: one JSON document, or one event per line', () => {
    const text = JSON.stringify({ status_code: 200, json_body: [{ ...event, mStatus: 'DONE' }] });
    const [problem] = checkDocumentText(text, schema)!;
    assert.equal(text.slice(problem.offset, problem.offset + problem.length), '"DONE"');

    const lines = `${JSON.stringify(event)}\n\n${JSON.stringify({ ...event, score: -1 })}\r\n`;
    const found = checkDocumentText(lines, schema)!;
    assert.equal(found.length, 1);
    assert.equal(lines.slice(found[0].offset, found[0].offset + found[0].length), '-1');
    assert.match(found[0].message, /below the minimum 0/);
  });

  it('leaves a half-typed document to the JSON language service', () => {
    assert.equal(checkDocumentText('[{"id": "a", "score": ', schema), undefined);
    assert.equal(checkDocumentText(`${JSON.stringify(event)}\n{"id": `, schema), undefined);
  });
});
