import assert from 'node:assert/strict';
import { EntityIndex } from '../../src/derived/entityIndex';
import { buildEventContext, EventContextOptions, RELATED_SHOWN_MAX } from '../../src/details/eventContextView';
import { formatTime } from '../../src/model/format';
import { normalizeEvent, PtaEvent } from '../../src/model/ptaEvent';
import { EventStore } from '../../src/store/eventStore';

const NOW = Date.UTC(2025, 0, 15, 12);
const DAY_MS = 86_400_000;
const MIN_MS = 60_000;

const webHost = { mOriginalAddress: '10.0.0.5', mResolvedAddress: { mAddress: '10.0.0.5', mHostName: 'web-01', mFqdn: 'web-01.corp.example' } };

function ev(id: string, overrides: Record<string, unknown> = {}, audits?: unknown[]): PtaEvent {
  return normalizeEvent({
    id,
    type: 'PassTheHash',
    score: 50,
    createTime: NOW - DAY_MS,
    lastUpdateTime: NOW - DAY_MS,
    mStatus: 'OPEN',
    audits: audits ?? [{ vaultUser: 'amy', accountId: '6_1', account: { accountAsStr: 'svc@corp.example' }, source: webHost, createTime: NOW - DAY_MS }],
    ...overrides,
  })!;
}

const subject = ev('subject', { score: 88 }, [
  { vaultUser: 'amy', accountId: '6_1', account: { accountAsStr: 'svc@corp.example' }, source: webHost, createTime: NOW - 60 * MIN_MS },
  { vaultUser: 'amy', target: { mOriginalAddress: 'dc-01' }, createTime: NOW - 15 * MIN_MS },
  { vaultUser: 'amy', createTime: NOW - 60 * MIN_MS + 30_000 },
  { vaultUser: 'amy' },
]);

function context(events: PtaEvent[], event: PtaEvent, options: Partial<EventContextOptions> = {}) {
  const store = new EventStore();
  store.replaceAll(events);
  const index = new EntityIndex(store);
  return buildEventContext(index, event, { now: NOW, canTriage: true, canLoadHistory: true, loadedSince: () => NOW - 30 * DAY_MS, ...options });
}

describe('buildEventContext', () => {
  const lookAlike = (id: string, daysAgo: number) =>
    ev(id, { mStatus: 'CLOSED', closeReason: 'NOTREAL', reasonText: 'Red team, SEC-2231', lastUpdateTime: NOW - daysAgo * DAY_MS, createTime: NOW - daysAgo * DAY_MS });
  const events = [
    subject,
    lookAlike('closed-1', 9),
    lookAlike('closed-2', 20),
    ev('other-type', { type: 'GoldenTicket', score: 95 }, [{ target: { mOriginalAddress: 'DC-01' } }]),
    ev('stranger', {}, [{ vaultUser: 'bob', source: { mOriginalAddress: '10.9.9.9' } }]),
  ];

  it('says how the look-alikes were closed, and offers Close the Same Way only where the source can close', () => {
    const { memory } = context(events, subject);
    assert.equal(memory?.sentence, "Closed 2 times before as False positive: 'Red team, SEC-2231' (last 9 d ago)");
    assert.equal(memory?.lookAlikes, 2);
    assert.equal(memory?.canCloseSameWay, true);
    assert.equal(memory?.sameWayIsPrimary, memory?.caution === undefined);
    assert.equal(context(events, subject, { canTriage: false }).memory?.canCloseSameWay, false);
    assert.equal(context(events, events[1]).memory, undefined, 'a closed event has no memory');
    assert.equal(context([subject], subject).memory, undefined, 'nor one without look-alikes');
  });

  it('lists the entities with the other loaded events involving each, and the history action for an account with an id', () => {
    const { entities } = context(events, subject);
    assert.deepEqual(
      entities.map((e) => [e.kindName, e.label, e.ip, e.side, e.summary, e.canLoadHistory]),
      [
        ['Vault user', 'amy', undefined, undefined, '2 closed', false],
        ['Account', 'svc@corp.example', undefined, undefined, '2 closed', true],
        ['Host', 'web-01.corp.example', '10.0.0.5', 'source', '2 closed', false],
        ['Host', 'dc-01', undefined, 'target', '1 open (highest 95)', false],
      ],
    );
    assert.deepEqual([entities[3].open, entities[3].closed, entities[3].highestOpenScore], [1, 0, '95']);
    assert.ok(context(events, subject, { canLoadHistory: false }).entities.every((e) => !e.canLoadHistory), 'no history from a file');
    assert.equal(context([ev('alone', {}, [{ vaultUser: 'zed' }])], ev('alone', {}, [{ vaultUser: 'zed' }])).entities[0].summary, 'no other loaded event');
  });

  it('lists related events strongest first, with what each shares', () => {
    const { related } = context(events, subject);
    assert.equal(related.total, 3);
    assert.deepEqual(
      related.events.map((r) => [r.eventId, r.typeName, r.score, r.status, r.statusText, r.age, r.shares]),
      [
        ['closed-1', 'Pass-the-hash', '50', 'CLOSED', 'Closed · False positive', '9 d ago', 'vault user amy, account svc@corp.example, host web-01.corp.example'],
        ['closed-2', 'Pass-the-hash', '50', 'CLOSED', 'Closed · False positive', '20 d ago', 'vault user amy, account svc@corp.example, host web-01.corp.example'],
        ['other-type', 'Golden Ticket', '95', 'OPEN', 'Open', '24 h ago', 'host dc-01'],
      ],
    );
    const many = [subject, ...Array.from({ length: RELATED_SHOWN_MAX + 5 }, (_, i) => ev(`r${i}`))];
    const capped = context(many, subject).related;
    assert.equal(capped.total, RELATED_SHOWN_MAX + 5);
    assert.equal(capped.events.length, RELATED_SHOWN_MAX);
  });

  it('puts the audits on an axis from the first to the last, with the gaps, and counts the untimed', () => {
    const { audits } = context(events, subject).timeline;
    assert.deepEqual(
      audits.marks.map((m) => [m.auditIndex, Math.round(m.at * 1000) / 1000, m.time, m.gap]),
      [
        [0, 0, formatTime(NOW - 60 * MIN_MS), undefined],
        [2, 0.011, formatTime(NOW - 60 * MIN_MS + 30_000), 'under a minute'],
        [1, 1, formatTime(NOW - 15 * MIN_MS), '44 min'],
      ],
    );
    assert.equal(audits.untimed, 1);
    assert.equal(audits.span, '45 min');
  });

  it("shows the chosen entity's events over the loaded window, this event marked, only for one of its entities", () => {
    const { timeline } = context(events, subject, { timelineEntityKey: 'account:svc@corp.example' });
    const entity = timeline.entity!;
    assert.equal(entity.label, 'svc@corp.example');
    assert.equal(entity.total, 3);
    assert.equal(entity.start, formatTime(NOW - 30 * DAY_MS));
    assert.equal(entity.end, formatTime(NOW));
    assert.deepEqual(
      entity.marks.map((m) => [m.eventId, Math.round(m.at * 100) / 100, m.isSubject]),
      [
        ['closed-2', 0.33, false],
        ['closed-1', 0.7, false],
        ['subject', 0.97, true],
      ],
    );
    assert.equal(context(events, subject, { timelineEntityKey: 'user:bob' }).timeline.entity, undefined);
  });

  it('passes vault strings through displayText', () => {
    const hostile = ev('hostile', {}, [{ vaultUser: 'ad\u202emin<script>', createTime: NOW - MIN_MS, action: 'x\u0000y' }]);
    const view = context([hostile], hostile);
    assert.equal(view.entities[0].label, 'ad<U+202E>min<script>');
    assert.equal(view.timeline.audits.marks[0].label, 'x<U+0000>y');
  });
});
