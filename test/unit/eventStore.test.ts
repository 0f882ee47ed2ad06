import assert from 'node:assert/strict';
import { onListenerError } from '../../src/util/emitter';
import { normalizeEvent, PtaEvent } from '../../src/model/ptaEvent';
import { EventStore } from '../../src/store/eventStore';
import { viewOver } from '../support/storeSource';
import { StoreChange } from '../../src/store/eventStore';
import { jsonEqual } from '../../src/util/jsonEqual';

function ev(id: string, lastUpdateTime: number, extra: Record<string, unknown> = {}): PtaEvent {
  return normalizeEvent({ id, type: 'GoldenTicket', score: 50, createTime: 1, lastUpdateTime, mStatus: 'OPEN', ...extra })!;
}

describe('EventStore', () => {
  it('groups by status, newest update first', () => {
    const store = new EventStore();
    store.replaceAll([ev('a', 1), ev('b', 3), ev('c', 2, { mStatus: 'CLOSED' }), ev('d', 5)]);
    assert.deepEqual(store.list('OPEN').map((e) => e.id), ['d', 'b', 'a']);
    assert.deepEqual(store.list('CLOSED').map((e) => e.id), ['c']);
  });

  it('an undated copy (no lastUpdateTime) is an update only when its content changed', () => {
    const store = new EventStore();
    const undated = (extra: Record<string, unknown>, receivedAt: number) => normalizeEvent({ id: 'u', type: 'GoldenTicket', score: 50, mStatus: 'OPEN', ...extra }, receivedAt)!;
    store.replaceAll([undated({}, 1000)]);
    assert.equal(store.merge([undated({}, 2000)]).updated.length, 0, 'the same content received later is no update');
    assert.equal(store.get('u')?.lastUpdateTime, 1000);
    assert.equal(store.merge([undated({ mStatus: 'CLOSED' }, 3000)]).updated.length, 1);
    assert.deepEqual(store.list('CLOSED').map((e) => e.id), ['u']);
  });

  it('merges by id: new added, newer wins, older ignored, status changes move', () => {
    const store = new EventStore();
    store.replaceAll([ev('a', 10), ev('b', 10)]);
    const changes: StoreChange[] = [];
    store.onDidChange((c) => changes.push(c));
    const change = store.merge([ev('c', 12), ev('a', 11, { mStatus: 'CLOSED' }), ev('b', 9, { score: 99 })]);
    assert.deepEqual(change.added.map((e) => e.id), ['c']);
    assert.deepEqual(change.updated.map((e) => e.id), ['a']);
    assert.deepEqual([...change.moved], ['a']);
    assert.equal(store.get('b')!.score, 50);
    assert.deepEqual(store.list('CLOSED').map((e) => e.id), ['a']);
    assert.deepEqual(store.list('OPEN').map((e) => e.id), ['c', 'b']);
    assert.equal(changes.length, 1);
  });

  it('fires nothing for a merge that changes nothing', () => {
    const store = new EventStore();
    store.replaceAll([ev('a', 10)]);
    let fired = 0;
    store.onDidChange(() => fired++);
    store.merge([ev('a', 9)]);
    assert.equal(fired, 0);
  });

  it('counts an event re-sent in the overlap window as updated only when something in it changed', () => {
    const store = new EventStore();
    store.replaceAll([ev('a', 10, { audits: [{ id: '1', vaultUser: 'alice' }] }), ev('b', 10), ev('c', 10)]);
    let fired = 0;
    store.onDidChange(() => fired++);
    const same = store.merge([ev('a', 10, { audits: [{ vaultUser: 'alice', id: '1' }] }), ev('b', 10)]);
    assert.deepEqual(same.updated, []);
    assert.equal(fired, 0, 'an identical copy repaints nothing');
    const changed = store.merge([ev('a', 10, { audits: [{ id: '1', vaultUser: 'alice' }, { id: '2' }] }), ev('b', 10, { reasonText: 'seen' }), ev('c', 10)]);
    assert.deepEqual(changed.updated.map((e) => e.id), ['a', 'b']);
    assert.equal(store.get('a')!.auditCount, 2);
    assert.equal(store.get('b')!.reasonText, 'seen');
    assert.equal(fired, 1);
  });

  it('takes the vault answer to a change as the truth', () => {
    const store = new EventStore();
    store.replaceAll([ev('a', 10)]);
    const change = store.upsert(ev('a', 5, { mStatus: 'CLOSED' }));
    assert.equal(store.get('a')!.status, 'CLOSED');
    assert.deepEqual([...change.moved], ['a']);
  });
});

describe('EventView', () => {
  const store = new EventStore();
  store.replaceAll([
    ev('low', 4, { score: 10, type: 'VaultViaIrregularIp', audits: [{ vaultUser: 'alice', source: { mOriginalAddress: '10.1.1.1' } }] }),
    ev('high', 3, { score: 96.5, type: 'GoldenTicket', audits: [{ psmCommand: 'rm -rf /var/log' }] }),
    ev('mid', 2, { score: 60, type: 'GoldenTicket', additionalData: { station: 'WKS-42' } }),
    ev('closed', 1, { score: 80, mStatus: 'CLOSED' }),
  ]);
  const { view, sourceId } = viewOver(store);

  afterEach(() => {
    view.setFilter({});
    view.setSortOrder('updated');
  });

  it('filters by minimum score', () => {
    view.setFilter({ minScore: 60 });
    assert.deepEqual(view.list(sourceId, 'OPEN').map((e) => e.id), ['high', 'mid']);
    assert.deepEqual(view.list(sourceId, 'CLOSED').map((e) => e.id), ['closed']);
    assert.equal(view.isFiltered, true);
  });

  it('filters by type and by free text anywhere in the event', () => {
    view.setFilter({ types: ['GoldenTicket'] });
    assert.deepEqual(view.list(sourceId, 'OPEN').map((e) => e.id), ['high', 'mid']);
    view.setFilter({ text: 'ALICE' });
    assert.deepEqual(view.list(sourceId, 'OPEN').map((e) => e.id), ['low']);
    view.setFilter({ text: 'rm -rf' });
    assert.deepEqual(view.list(sourceId, 'OPEN').map((e) => e.id), ['high']);
    view.setFilter({ text: 'wks-42' });
    assert.deepEqual(view.list(sourceId, 'OPEN').map((e) => e.id), ['mid']);
  });

  it('sorts by score on request', () => {
    view.setSortOrder('score');
    assert.deepEqual(view.list(sourceId, 'OPEN').map((e) => e.id), ['high', 'mid', 'low']);
  });

  it('sees store changes', () => {
    view.setFilter({ minScore: 90 });
    assert.equal(view.list(sourceId, 'OPEN').length, 1);
    store.merge([ev('new', 9, { score: 91 })]);
    assert.deepEqual(view.list(sourceId, 'OPEN').map((e) => e.id), ['new', 'high']);
  });

  it('counts the types present', () => {
    assert.deepEqual(view.typesPresent()[0], { type: 'GoldenTicket', count: 4 });
  });
});

describe('jsonEqual', () => {
  it('compares parsed JSON by content, whatever the key order', () => {
    assert.equal(jsonEqual({ a: [1, { b: null }], c: 'x' }, { c: 'x', a: [1, { b: null }] }), true);
    assert.equal(jsonEqual({ a: [1, 2] }, { a: [2, 1] }), false);
    assert.equal(jsonEqual({ a: 1 }, { a: 1, b: undefined }), false);
    assert.equal(jsonEqual({ a: undefined }, { b: undefined }), false);
    assert.equal(jsonEqual([], {}), false);
    assert.equal(jsonEqual(null, {}), false);
    assert.equal(jsonEqual('1', 1), false);
  });
});

describe('Emitter', () => {
  it('tells every listener even when one throws, and the firer never throws', () => {
    const store = new EventStore();
    const heard: string[] = [];
    const reported: unknown[] = [];
    onListenerError((error) => reported.push(error));
    store.onDidChange(() => {
      throw new Error('a view failed');
    });
    store.onDidChange((change) => heard.push(change.kind));
    assert.doesNotThrow(() => store.merge([ev('a', 1)]));
    assert.deepEqual(heard, ['merge']);
    assert.equal((reported[0] as Error).message, 'a view failed');
    onListenerError((error) => console.error(error));
  });
});
