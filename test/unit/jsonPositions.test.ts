import assert from 'node:assert/strict';
import { eventObjects, jsonScalarAt } from '../../src/files/jsonPositions';

const doc = `[
  {
    "id": "a1",
    "createTime": 1700000000000,
    "audits": [{ "id": "x", "createTime": 1699999000000 }],
    "additionalData": { "id": "not an event" }
  },
  { "type": "GoldenTicket", "id": 7 }
]`;

describe('jsonScalarAt', () => {
  it('finds a value and its path with the pointer on the value or on its property name', () => {
    const onValue = jsonScalarAt(doc, doc.indexOf('1700000000000') + 3)!;
    assert.deepEqual(onValue, { path: [0, 'createTime'], value: 1_700_000_000_000, offset: doc.indexOf('1700000000000'), length: 13 });
    const onKey = jsonScalarAt(doc, doc.indexOf('"createTime": 1699') + 2)!;
    assert.deepEqual(onKey.path, [0, 'audits', 0, 'createTime']);
    assert.equal(onKey.value, 1_699_999_000_000);
    assert.equal(jsonScalarAt(doc, doc.indexOf('"GoldenTicket"') + 1)!.value, 'GoldenTicket');
  });

  it('finds nothing on punctuation, objects or lists', () => {
    assert.equal(jsonScalarAt(doc, 0), undefined);
    assert.equal(jsonScalarAt(doc, doc.indexOf('"audits"') + 2), undefined);
  });
});

describe('eventObjects', () => {
  it('lists the events of a list with where each starts, skipping ids deeper inside', () => {
    assert.deepEqual(eventObjects(doc), [
      { id: 'a1', offset: doc.indexOf('{') },
      { id: '7', offset: doc.indexOf('{ "type"') },
    ]);
  });

  it('finds the event of a single-event document, a recorded answer and PowerShell\'s wrapper', () => {
    assert.deepEqual(eventObjects('{"id": "e", "type": "t"}'), [{ id: 'e', offset: 0 }]);
    assert.deepEqual(eventObjects('[{"status_code": 200, "json_body": [{"id": "r"}]}]').map((e) => e.id), ['r']);
    assert.deepEqual(eventObjects('{"value": [{"id": "v"}], "Count": 1}').map((e) => e.id), ['v']);
    assert.deepEqual(eventObjects('{"json_body": "x", "id": "top"}').map((e) => e.id), ['top']);
  });

  it('stops at the limit', () => {
    assert.equal(eventObjects(JSON.stringify(Array.from({ length: 50 }, (_, i) => ({ id: `e${i}` }))), 10).length, 10);
  });
});
