import assert from 'node:assert/strict';
import { JsonArrayError, JsonArrayReader } from '../../src/api/jsonArrayStream';
import { HOSTILE_STRINGS } from '../simulator/hostileStrings';

/** Feeds the chunks, then ends; the elements in order. */
function readAll(chunks: Array<Buffer | string>): unknown[] {
  const reader = new JsonArrayReader();
  const found: unknown[] = [];
  for (const chunk of chunks) found.push(...reader.push(chunk));
  reader.end();
  return found;
}

function problem(expected: JsonArrayError['problem']) {
  return (error: unknown) => error instanceof JsonArrayError && error.problem === expected;
}

const SAMPLE = [
  { id: 'a', text: 'quote " and \\" and ] and } and [ and {', nested: { list: [1, [2, { deep: '],' }]], empty: {} } },
  { id: 'é€😀', audits: [], n: -1.5e3, t: true, f: false, z: null },
  'a plain string, with a comma]',
  42,
  [],
  { backslashes: 'ends with a backslash \\', more: '\\\\"' },
];

describe('JsonArrayReader', () => {
  it('reads the same elements as JSON.parse with the answer split at every byte', () => {
    const bytes = Buffer.from(`\ufeff \n${JSON.stringify(SAMPLE, undefined, 1)}\r\n`, 'utf8');
    for (let cut = 0; cut <= bytes.length; cut++) {
      assert.deepEqual(readAll([bytes.subarray(0, cut), bytes.subarray(cut)]), SAMPLE, `cut at byte ${cut}`);
    }
  });

  it('reads an answer arriving one byte at a time, multi-byte characters included', () => {
    const bytes = Buffer.from(JSON.stringify(SAMPLE), 'utf8');
    const chunks = [...bytes].map((byte) => Buffer.from([byte]));
    assert.deepEqual(readAll(chunks), SAMPLE);
  });

  it('hands each element out as soon as the separator after it arrives', () => {
    const reader = new JsonArrayReader();
    assert.deepEqual(reader.push('[{"id":"1"}'), []);
    assert.deepEqual(reader.push(','), [{ id: '1' }]);
    assert.deepEqual(reader.push('{"id":"2"},{"id"'), [{ id: '2' }]);
    assert.deepEqual(reader.push(':"3"}]'), [{ id: '3' }]);
    reader.end();
  });

  it('keeps every hostile string intact', () => {
    const events = HOSTILE_STRINGS.map((text, i) => ({ id: String(i), text, audits: [{ command: text }] }));
    const bytes = Buffer.from(JSON.stringify(events), 'utf8');
    const chunks: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += 7) chunks.push(bytes.subarray(at, at + 7));
    assert.deepEqual(readAll(chunks), events);
  });

  it('reads empty arrays and whitespace-only chunks', () => {
    assert.deepEqual(readAll(['[]']), []);
    assert.deepEqual(readAll([' ', '[', ' \n', ']', ' ']), []);
  });

  it('says a truncated answer is truncated, never a shorter list', () => {
    const text = JSON.stringify(SAMPLE);
    for (const cut of [1, 2, text.length / 2, text.length - 1]) {
      assert.throws(() => readAll([text.slice(0, Math.floor(cut))]), problem('truncated'), `cut at ${cut}`);
    }
  });

  it('rejects what is not an array, empty answers included', () => {
    assert.throws(() => readAll(['{"id":"1"}']), problem('notArray'));
    assert.throws(() => readAll(['<html><body>Service Unavailable</body></html>']), problem('notArray'));
    assert.throws(() => readAll(['"text"']), problem('notArray'));
    assert.throws(() => readAll(['']), problem('notArray'));
    assert.throws(() => readAll(['  \n']), problem('notArray'));
  });

  it('rejects invalid elements, missing elements and text after the list', () => {
    assert.throws(() => readAll(['[{"id": NaN}]']), problem('invalid'));
    assert.throws(() => readAll(['[1,]']), problem('invalid'));
    assert.throws(() => readAll(['[,1]']), problem('invalid'));
    assert.throws(() => readAll(['[1}']), problem('invalid'));
    assert.throws(() => readAll(['[1] x']), problem('invalid'));
    assert.throws(() => readAll(['[1][2]']), problem('invalid'));
  });
});
