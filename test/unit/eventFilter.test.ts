import assert from 'node:assert/strict';
import { EventFilter, isFilterActive, keepSources } from '../../src/store/eventFilter';

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
