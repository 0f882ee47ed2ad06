import assert from 'node:assert/strict';
import { normaliseForCompare } from '../../src/files/compareNormalise';

const UTC = { timeZone: 'UTC' };

describe('normaliseForCompare', () => {
  it('sorts keys at every depth and annotates every epoch-millisecond time with its date', () => {
    const event = {
      mStatus: 'OPEN',
      id: 'a1',
      lastUpdateTime: 1_700_000_000_000,
      audits: [{ type: 'VAULT_LOGON', createTime: 1_699_999_000_000, source: { mOriginalAddress: '10.0.0.1' } }],
      createTime: null,
    };
    assert.equal(
      normaliseForCompare(event, UTC),
      [
        '{',
        '  "audits": [',
        '    {',
        '      "createTime": 1699999000000, // 2023-11-14 21:56:40 UTC',
        '      "source": {',
        '        "mOriginalAddress": "10.0.0.1"',
        '      },',
        '      "type": "VAULT_LOGON"',
        '    }',
        '  ],',
        '  "createTime": null,',
        '  "id": "a1",',
        '  "lastUpdateTime": 1700000000000, // 2023-11-14 22:13:20 UTC',
        '  "mStatus": "OPEN"',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('gives the same text for the same event whatever its key order', () => {
    const a = { id: 'x', additionalData: { b: 1, a: [2, { d: 1, c: 2 }] }, score: 5 };
    const b = { score: 5, additionalData: { a: [2, { c: 2, d: 1 }], b: 1 }, id: 'x' };
    assert.equal(normaliseForCompare(a), normaliseForCompare(b));
  });

  it('keeps empty containers, scalars and list order, and shows bidi and invisible characters escaped', () => {
    const text = normaliseForCompare({ audits: [], additionalData: {}, list: [3, 1], text: 'a\u202eb\u0000' }, UTC);
    assert.match(text, /"additionalData": \{\},\n {2}"audits": \[\],\n {2}"list": \[\n {4}3,\n {4}1\n {2}\],/);
    assert.match(text, /"text": "a\\u202eb\\u0000"/);
  });

  it('leaves a hostile "__proto__" key as an ordinary key', () => {
    const raw = JSON.parse('{"additionalData": {"__proto__": {"isAdmin": true}}}');
    assert.match(normaliseForCompare(raw), /"__proto__": \{\n {6}"isAdmin": true/);
  });
});
