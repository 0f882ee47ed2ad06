import assert from 'node:assert/strict';
import { normalizeEvent } from '../../src/model/ptaEvent';
import { HOSTILE_STRINGS } from '../../test/simulator/hostileStrings';
import { eventSearchText } from '../../src/store/eventFilter';
import { matchReason } from '../../src/store/matchReason';
import { hostileEvents } from '../support/hostileEvents';
import { NOW, psmEvent } from '../support/psmEvent';

describe('matchReason', () => {
  it('names the field kind the text was found in', () => {
    const event = psmEvent();
    assert.equal(matchReason(event, 'curl'), 'matched: curl in a command');
    assert.equal(matchReason(event, 'web-prod'), 'matched: web-prod in an account');
    assert.equal(matchReason(event, 'JSMITH'), 'matched: JSMITH in a vault user');
    assert.equal(matchReason(event, 'suspicious'), 'matched: suspicious in the event type');
    assert.equal(matchReason(event, '[0-7]'), 'matched: [0-7] in additional data');
  });

  it('finds a host inside a resolved address, and names at most two places, most telling first', () => {
    const event = psmEvent();
    assert.equal(matchReason(event, 'erp-dev-27.corp'), 'matched: erp-dev-27.corp in a source');
    assert.equal(matchReason(event, '10.'), 'matched: 10. in a target and a source');
    assert.equal(matchReason(event, '1'), 'matched: 1 in a command and an account and 5 more');
    assert.equal(matchReason(event, '10.25.171.60'), 'matched: 10.25.171.60 in a source');
  });

  it('says nothing for an empty filter or text found nowhere', () => {
    assert.equal(matchReason(psmEvent(), '   '), undefined);
    assert.equal(matchReason(psmEvent(), 'no such text'), undefined);
  });

  it('reads field names as data: a "__proto__" key finds no prototype', () => {
    const event = normalizeEvent({ id: 'e1', __proto__: 'x', constructor: 'curl', toString: 'y' });
    assert.ok(event);
    assert.equal(matchReason(event, 'curl'), 'matched: curl in another field');
  });

  it('gives a reason for every hostile event the text filter keeps, as visible single-line text', () => {
    const events = hostileEvents(NOW).map((raw) => normalizeEvent(raw)!);
    for (const payload of HOSTILE_STRINGS) {
      const needle = payload.trim();
      if (!needle) continue;
      for (const event of events) {
        const reason = matchReason(event, payload);
        if (eventSearchText(event).includes(needle.toLowerCase()) && !needle.includes('\n')) assert.ok(reason, `no reason for ${JSON.stringify(needle.slice(0, 40))}`);
        if (reason) {
          assert.doesNotMatch(reason, /[\u0000-\u001f\u202e\u2028\u2029]/);
          assert.ok(reason.length < 120, `reason of ${reason.length} characters`);
        }
      }
    }
  });
});
