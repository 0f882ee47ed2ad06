import assert from 'node:assert/strict';
import { normalizeEvent } from '../../src/model/ptaEvent';
import { EventFilter, isFilterActive, keepSources } from '../../src/store/eventFilter';
import { EventStore } from '../../src/store/eventStore';
import { viewOver } from '../support/storeSource';

describe('keepSources', () => {
  const isVault = (id: string) => id.startsWith('vault:');

  it('drops the sources and the entity of sources that are gone, keeping the rest of the filter', () => {
    const filter: EventFilter = {
      minScore: 70,
      sources: ['vault:prod', 'file:file:///tmp/a.json'],
      entity: { kind: 'account', key: 'account:root', label: 'root', sourceId: 'file:file:///tmp/a.json' },
    };
    const kept = keepSources(filter, isVault);
    assert.deepEqual(kept.sources, ['vault:prod']);
    assert.equal(kept.entity, undefined);
    assert.equal(kept.minScore, 70);
  });

  it('leaves no source filter behind when every chosen source is gone, so nothing stays hidden', () => {
    const kept = keepSources({ sources: ['file:file:///tmp/a.json'] }, isVault);
    assert.equal(kept.sources, undefined);
    assert.equal(isFilterActive(kept), false);
  });

  it('keeps an entity of a source still there', () => {
    const entity = { kind: 'account' as const, key: 'account:root', label: 'root', sourceId: 'vault:prod' };
    assert.equal(keepSources({ entity }, isVault).entity, entity);
  });
});

describe('EventView.dropMissingSources', () => {
  it('takes out of a saved filter the sources that are gone, so the others are shown, and says which', () => {
    const store = new EventStore();
    store.replaceAll([normalizeEvent({ id: 'e1', type: 'GoldenTicket', score: 80, mStatus: 'OPEN', lastUpdateTime: 1 })!]);
    const { view, sourceId } = viewOver(store);
    const gone = { kind: 'account' as const, key: 'account:root', label: 'root', sourceId: 'vault:renamed' };
    view.restore({ sources: ['vault:removed', 'file:file:///closed.json'], entity: gone, minScore: 50 }, 'updated');
    assert.deepEqual(view.list(sourceId, 'OPEN'), [], 'hidden before');
    assert.deepEqual(view.dropMissingSources(), ['vault:removed', 'file:file:///closed.json', 'vault:renamed']);
    assert.deepEqual(view.currentFilter, { minScore: 50, sources: undefined, entity: undefined });
    assert.deepEqual(view.list(sourceId, 'OPEN').map((e) => e.id), ['e1']);
    assert.deepEqual(view.dropMissingSources(), [], 'nothing more to take out');
  });

  it('keeps the sources that are there', () => {
    const { view, sourceId } = viewOver(new EventStore());
    view.restore({ sources: [sourceId, 'vault:gone'] }, 'updated');
    view.dropMissingSources();
    assert.deepEqual(view.currentFilter.sources, [sourceId]);
  });
});
