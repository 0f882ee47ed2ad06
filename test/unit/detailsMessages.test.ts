import assert from 'node:assert/strict';
import { parsePageMessage } from '../../src/details/detailsMessages';
import { EventViewModel } from '../../src/details/eventViewModel';

const base = { id: 'e1', status: 'OPEN' } as unknown as EventViewModel;
const model: EventViewModel = {
  ...base,
  memory: { sentence: 'Closed once before as Handled (2 d ago)', scores: 'The look-alike scored 40; this event 45.', lookAlikes: 1, canCloseSameWay: true, sameWayIsPrimary: true },
  entities: [
    { key: 'account:svc@corp', kind: 'account', kindName: 'Account', label: 'svc@corp', open: 1, closed: 1, summary: '', canLoadHistory: true },
    { key: 'user:amy', kind: 'user', kindName: 'Vault user', label: 'amy', open: 0, closed: 1, summary: '', canLoadHistory: false },
  ],
  related: { total: 1, events: [{ eventId: 'e2', typeName: 'x', score: '1', risk: 'low', status: 'OPEN', statusText: 'Open', age: '', shares: '' }] },
  timeline: {
    audits: { marks: [], untimed: 0 },
    entity: { key: 'user:amy', label: 'amy', kindName: 'Vault user', start: '', end: '', total: 1, marks: [{ eventId: 'e3', at: 0, time: '', typeName: '', score: '', risk: 'low', status: 'CLOSED', isSubject: false }] },
  },
};

describe('parsePageMessage', () => {
  it('accepts the exact shapes for the panel’s own event and what the page was shown', () => {
    assert.deepEqual(parsePageMessage({ type: 'ready' }, model), { type: 'ready' });
    assert.deepEqual(parsePageMessage({ type: 'action', action: 'close', eventId: 'e1' }, model), { type: 'action', action: 'close', eventId: 'e1' });
    assert.deepEqual(parsePageMessage({ type: 'action', action: 'closeSameWay', eventId: 'e1' }, model), { type: 'action', action: 'closeSameWay', eventId: 'e1' });
    for (const action of ['filter', 'timeline', 'history'] as const) {
      assert.deepEqual(parsePageMessage({ type: 'entity', action, eventId: 'e1', key: 'account:svc@corp' }, model), { type: 'entity', action, eventId: 'e1', key: 'account:svc@corp' });
    }
    assert.deepEqual(parsePageMessage({ type: 'open', eventId: 'e1', targetId: 'e2' }, model), { type: 'open', eventId: 'e1', targetId: 'e2' });
    assert.deepEqual(parsePageMessage({ type: 'open', eventId: 'e1', targetId: 'e3' }, model), { type: 'open', eventId: 'e1', targetId: 'e3' }, 'a mark on the entity timeline');
  });

  it('accepts "Show all" of the related events only for its own event and where related events were shown', () => {
    assert.deepEqual(parsePageMessage({ type: 'related', action: 'all', eventId: 'e1' }, model), { type: 'related', action: 'all', eventId: 'e1' });
    assert.equal(parsePageMessage({ type: 'related', action: 'all', eventId: 'e2' }, model), undefined);
    assert.equal(parsePageMessage({ type: 'related', action: 'some', eventId: 'e1' }, model), undefined);
    assert.equal(parsePageMessage({ type: 'related', action: 'all', eventId: 'e1' }, base), undefined);
  });

  it('refuses other events, unknown actions, entities and targets, extra or missing keys, and non-strings', () => {
    const refused: unknown[] = [
      null,
      'ready',
      { type: 'ready', extra: 1 },
      { type: 'action', action: 'close', eventId: 'e2' },
      { type: 'action', action: 'delete', eventId: 'e1' },
      { type: 'action', action: 'toString', eventId: 'e1' },
      { type: 'action', action: 'close', eventId: 'e1', reason: 'HANDLED' },
      { type: 'entity', action: 'filter', eventId: 'e1', key: 'host:evil' },
      { type: 'entity', action: 'history', eventId: 'e1', key: 'user:amy' },
      { type: 'entity', action: 'filter', eventId: 'e1' },
      { type: 'entity', action: 'filter', eventId: 'e1', key: ['account:svc@corp'] },
      { type: 'open', eventId: 'e1', targetId: 'e9' },
      { type: 'open', eventId: 'e1', targetId: 'e1', sourceId: 'file:x' },
      Object.assign(Object.create({ inherited: 1 }), { type: 'ready' }),
    ];
    for (const message of refused) assert.equal(parsePageMessage(message, model), undefined, JSON.stringify(message));
  });

  it('refuses Close the Same Way when the page was not offered it', () => {
    assert.equal(parsePageMessage({ type: 'action', action: 'closeSameWay', eventId: 'e1' }, base), undefined);
    assert.equal(parsePageMessage({ type: 'action', action: 'closeSameWay', eventId: 'e1' }, { ...model, memory: { ...model.memory!, canCloseSameWay: false } }), undefined);
  });
});
