import assert from 'node:assert/strict';
import { EntityIndex } from '../../src/derived/entityIndex';
import { lookAlikeHint, triageMemory } from '../../src/derived/triageMemory';
import { normalizeEvent, PtaEvent } from '../../src/model/ptaEvent';
import { EventStore } from '../../src/store/eventStore';
import { generateEvents } from '../simulator/data';

const NOW = Date.UTC(2025, 0, 15, 12);
const DAY_MS = 86_400_000;

function closed(id: string, daysAgo: number, closeReason: unknown, reasonText: unknown): PtaEvent {
  return normalizeEvent({ id, type: 'GoldenTicket', lastUpdateTime: NOW - daysAgo * DAY_MS, mStatus: 'CLOSED', closeReason, reasonText })!;
}

describe('triageMemory', () => {
  it('says how the most frequent group of look-alikes was closed, and suggests closing the same way', () => {
    const memory = triageMemory(
      [
        closed('a', 9, 'NOTREAL', 'Red team exercise, ticket SEC-2231'),
        closed('b', 20, 'NOTREAL', ' Red team exercise, ticket SEC-2231 '),
        closed('c', 1, 'HANDLED', 'Rotated the password'),
      ],
      NOW,
    )!;
    assert.equal(memory.sentence, "Closed 2 times before as False positive: 'Red team exercise, ticket SEC-2231' (last 9 d ago); also closed 1 other way");
    assert.deepEqual(memory.suggestion, { reason: 'NOTREAL', text: 'Red team exercise, ticket SEC-2231' });
    assert.deepEqual(memory.groups.map((g) => [g.reason, g.count]), [['NOTREAL', 2], ['HANDLED', 1]]);
  });

  it('puts the most recent group first when counts tie, and says once for one', () => {
    const memory = triageMemory([closed('a', 30, 'OTHER', 'Vendor maintenance'), closed('b', 3, 'handled', '')], NOW)!;
    assert.equal(memory.sentence, 'Closed once before as Handled (3 d ago); also closed 1 other way');
    assert.deepEqual(memory.suggestion, { reason: 'HANDLED', text: '' });
  });

  it('suggests nothing when the look-alikes were closed without a reason the vault accepts', () => {
    const memory = triageMemory([closed('a', 2, 'NONE', null), closed('b', 4, null, null)], NOW)!;
    assert.equal(memory.sentence, 'Closed 2 times before without a reason (last 2 d ago)');
    assert.equal(memory.suggestion, undefined);
    assert.equal(triageMemory([closed('c', 2, 'MAYBE', 'x')], NOW)!.suggestion, undefined);
    assert.equal(triageMemory([], NOW), undefined);
  });

  it('shows hostile text inert in the sentence and prefills it as sent, cut to the vault limit', () => {
    const hostile = 'invoice\u202efdp.exe <img src=x onerror=alert(1)> ' + '😈'.repeat(60);
    const memory = triageMemory([closed('a', 2, 'OTHER', hostile)], NOW)!;
    assert.ok(!memory.sentence.includes('\u202e'));
    assert.ok(memory.sentence.includes('<U+202E>'));
    const text = memory.suggestion!.text;
    assert.ok(text.length <= 100 && text.length >= 99, String(text.length));
    assert.ok(hostile.startsWith(text));
    assert.ok(!/[\ud800-\udbff]$/.test(text), 'no lone surrogate at the cut');
  });

  it("remembers the simulator's red team exercise for an open event of the same story", () => {
    const store = new EventStore();
    store.replaceAll(generateEvents({ count: 400, now: NOW }).map((raw) => normalizeEvent(raw)!));
    const index = new EntityIndex(store);
    const memories = store.list('OPEN').map((event) => triageMemory(index.lookAlikes(event.id), NOW));
    const redTeam = memories.find((memory) => memory?.suggestion?.text === 'Red team exercise, ticket SEC-2231');
    assert.ok(redTeam, 'an open event whose look-alikes were closed as the red team exercise');
    assert.match(redTeam.sentence, /^Closed \d+ times before as False positive: 'Red team exercise, ticket SEC-2231' \(last \d+ (d|h) ago\)/);
    assert.equal(redTeam.suggestion?.reason, 'NOTREAL');
  });

  it('gives a short hint for the tree', () => {
    assert.equal(lookAlikeHint(2), 'seen before: closed 2×');
    assert.equal(lookAlikeHint(0), undefined);
  });
});
