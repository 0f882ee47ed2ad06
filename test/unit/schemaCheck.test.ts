import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkAgainstSchema } from '../../src/files/schemaCheck';
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
});
