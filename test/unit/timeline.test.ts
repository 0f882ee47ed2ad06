import assert from 'node:assert/strict';
import { auditTimeline, eventTimeline } from '../../src/derived/timeline';
import { normalizeEvent } from '../../src/model/ptaEvent';

describe('timeline', () => {
  it('puts timed audits in order with the gap since the one before, and counts the untimed', () => {
    const event = normalizeEvent({
      id: 'e',
      lastUpdateTime: 9_000,
      mStatus: 'OPEN',
      audits: [{ type: 'PSM_SSH_COMMAND', createTime: 5_000 }, { action: 'Logon', createTime: 1_000 }, { type: 'VAULT_LOGON' }, null, { type: 'x<b>', createTime: 5_000 }],
    })!;
    const timeline = auditTimeline(event);
    assert.deepEqual(timeline.marks, [
      { auditIndex: 1, time: 1_000, label: 'Logon' },
      { auditIndex: 0, time: 5_000, label: 'PSM SSH command', gapMs: 4_000 },
      { auditIndex: 4, time: 5_000, label: 'x<b>', gapMs: 0 },
    ]);
    assert.equal(timeline.untimed, 2);
  });

  it("puts an entity's events oldest first, by creation, else last update", () => {
    const events = [
      normalizeEvent({ id: 'a', createTime: 300, lastUpdateTime: 900, mStatus: 'OPEN' })!,
      normalizeEvent({ id: 'b', lastUpdateTime: 200, mStatus: 'CLOSED' })!,
    ];
    assert.deepEqual(eventTimeline(events).map((m) => [m.event.id, m.time]), [['b', 200], ['a', 300]]);
  });
});
