import Ajv from 'ajv';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateEvents } from '../simulator/data';

// out/test/unit -> the project root
const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'schemas', 'pta-events.schema.json'), 'utf8'));

function validator() {
  const ajv = new Ajv({ allErrors: true });
  ajv.addKeyword('enumDescriptions');
  return ajv.compile(schema);
}

describe('the PTA events JSON schema', () => {
  const validate = validator();
  const events = generateEvents({ count: 2_000, seed: 11, now: 1_750_000_000_000, hostileShare: 0.05 });

  it('accepts every event the simulator generates, hostile and sparse ones included, one by one and as a list', () => {
    for (const event of events) {
      // through JSON, as a document holds it: hostile keys such as "__proto__" stay own properties
      const document = JSON.parse(JSON.stringify(event));
      assert.ok(validate(document), `${event.id}: ${JSON.stringify(validate.errors)}`);
    }
    assert.ok(validate(JSON.parse(JSON.stringify(events))), JSON.stringify(validate.errors));
  });

  it('covers the rare shapes: nulls, empty and missing audits, bare minimum', () => {
    const text = JSON.stringify(events);
    for (const shape of ['"audits":null', '"audits":[]', '"additionalData":null', '"createTime":null', '"closeReason":"NONE"']) {
      assert.ok(text.includes(shape), `no generated event has ${shape}`);
    }
    assert.ok(events.some((e) => Object.keys(e).length === 3), 'no bare-minimum event');
  });

  it('refuses what the contract rules out: an unknown status or close reason, a score out of range, a time as text, audits as an object', () => {
    const event = JSON.parse(JSON.stringify(events[0]));
    for (const [key, value] of Object.entries({ mStatus: 'open', closeReason: 'FIXED', score: 140, lastUpdateTime: '2026-01-01', audits: {} })) {
      assert.equal(validate({ ...event, [key]: value }), false, `${key}: ${JSON.stringify(value)} was accepted`);
    }
    assert.equal(validate([event, { ...event, audits: [{ source: { mOriginalAddress: 5 } }] }]), false);
  });

  it('allows fields it does not know, since real answers vary', () => {
    assert.ok(validate({ ...JSON.parse(JSON.stringify(events[0])), riskFactors: ['new'], tenant: { id: 1 } }));
  });
});
