import assert from 'node:assert/strict';
import { EntityIndex } from '../../src/derived/entityIndex';
import { lookAlikeHint, triageMemory } from '../../src/derived/triageMemory';
import { normalizeEvent, PtaEvent } from '../../src/model/ptaEvent';
import { EventStore } from '../../src/store/eventStore';
import { generateEvents } from '../simulator/data';

const NOW = Date.UTC(2025, 0, 15, 12);
const DAY_MS = 86_400_000;

function closed(id: string, daysAgo: number, closeReason: unknown, reasonText: unknown, score = 40): PtaEvent {
  return normalizeEvent({ id, type: 'GoldenTicket', score, lastUpdateTime: NOW - daysAgo * DAY_MS, mStatus: 'CLOSED', closeReason, reasonText })!;
}

describe('triageMemory', () => {
  it('says how the most frequent group of look-alikes was closed, and suggests closing the same way', () => {
    const memory = triageMemory(
      [
        closed('a', 9, 'NOTREAL', 'Red team exercise, ticket SEC-2231'),
        closed('b', 20, 'NOTREAL', ' Red team exercise, ticket SEC-2231 '),
        closed('c', 30, 'NOTREAL', 'Pen test'),
        closed('d', 31, 'NOTREAL', 'Pen test'),
        closed('e', 1, 'HANDLED', 'Rotated the password'),
      ],
      NOW,
      45,
    )!;
    assert.equal(memory.sentence, "Closed 2 times before as False positive: 'Red team exercise, ticket SEC-2231' (last 9 d ago); also closed 2 other ways");
    assert.deepEqual(memory.suggestion, { reason: 'NOTREAL', text: 'Red team exercise, ticket SEC-2231' });
    assert.deepEqual(memory.groups.map((g) => [g.reason, g.count]), [['NOTREAL', 2], ['NOTREAL', 2], ['HANDLED', 1]]);
    assert.equal(memory.scores, 'Look-alikes scored 40; this event 45.');
    assert.deepEqual(memory.cautions, [], '4 of 5 for one reason, a score close to theirs, medium risk: advice that may lead');
    assert.equal(memory.caution, undefined);
  });

  it('puts the most recent group first when counts tie, says once for one, and calls two reasons a mixed history', () => {
    const memory = triageMemory([closed('a', 30, 'OTHER', 'Vendor maintenance'), closed('b', 3, 'handled', '')], NOW, 40)!;
    assert.equal(memory.sentence, 'Mixed history: of 2 look-alikes closed before, 1 as Handled, 1 as Other (last 3 d ago)');
    assert.deepEqual(memory.suggestion, { reason: 'HANDLED', text: '' });
    assert.deepEqual(memory.cautions, ['mixed']);
  });

  it('is not the primary action for an event scoring clearly higher than its look-alikes, with a mixed history, or of high risk', () => {
    const oneLowLookAlike = triageMemory([closed('a', 2, 'NOTREAL', 'Scanner')], NOW, 92.7)!;
    assert.deepEqual(oneLowLookAlike.cautions, ['outscores', 'highRisk']);
    assert.equal(oneLowLookAlike.scores, 'The look-alike scored 40; this event 92.7.');
    assert.equal(oneLowLookAlike.caution, 'Read this event before reusing their close: it scores 52.7 points above the highest of them and it is high risk.');

    assert.deepEqual(triageMemory([closed('a', 2, 'NOTREAL', 'Scanner', 30)], NOW, 36)!.cautions, ['outscores'], 'a band above, though only 6 points');
    assert.deepEqual(triageMemory([closed('a', 2, 'NOTREAL', 'Scanner', 40)], NOW, 59.9)!.cautions, [], '19.9 points above, same band');
    assert.deepEqual(triageMemory([closed('a', 2, 'NOTREAL', 'Scanner', 40)], NOW, 60)!.cautions, ['outscores'], '20 points above');

    // The PSM event that ran `nc -e`: 11 of 36 earlier closes of its type were False positive.
    const history = [
      ...Array.from({ length: 11 }, (_, i) => closed(`fp${i}`, i + 1, 'NOTREAL', 'Admin work', 80)),
      ...Array.from({ length: 25 }, (_, i) => closed(`h${i}`, i + 1, 'HANDLED', 'Escalated', 80)),
    ];
    const psm = triageMemory(history, NOW, 85)!;
    assert.deepEqual(psm.cautions, ['mixed', 'highRisk']);
    assert.equal(psm.sentence, 'Mixed history: of 36 look-alikes closed before, 25 as Handled, 11 as False positive (last 24 h ago)');
    assert.equal(psm.scores, 'Look-alikes scored 80; this event 85.');
  });

  it('suggests nothing when the look-alikes were closed without a reason the vault accepts', () => {
    const memory = triageMemory([closed('a', 2, 'NONE', null), closed('b', 4, null, null)], NOW, 40)!;
    assert.equal(memory.sentence, 'Closed 2 times before without a reason (last 2 d ago)');
    assert.equal(memory.suggestion, undefined);
    assert.equal(triageMemory([closed('c', 2, 'MAYBE', 'x')], NOW, 40)!.suggestion, undefined);
    assert.equal(triageMemory([], NOW, 40), undefined);
  });

  it('shows hostile text inert in the sentence and prefills it as sent, cut to the vault limit', () => {
    const hostile = 'invoice\u202efdp.exe <img src=x onerror=alert(1)> ' + '😈'.repeat(60);
    const memory = triageMemory([closed('a', 2, 'OTHER', hostile)], NOW, 40)!;
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
    const memories = store.list('OPEN').map((event) => triageMemory(index.lookAlikes(event.id), NOW, event.score));
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
