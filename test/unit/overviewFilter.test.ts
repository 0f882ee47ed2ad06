import assert from 'node:assert/strict';
import type { OverviewData } from '../../src/derived/overviewAggregates';
import { filterFor, pressedKeys } from '../../src/overview/overviewFilter';

const day = { kind: 'time', unit: 'day', key: '2026-03-19', label: 'Thu 19 Mar', start: Date.UTC(2026, 2, 19), end: Date.UTC(2026, 2, 20) } as const;
const data = { timeline: { buckets: [{ key: day.key, start: day.start, end: day.end }] } } as unknown as OverviewData;

describe('Overview clicks on the Events view filter', () => {
  it('narrows by what was clicked, and a second click on the same figure takes that part away', () => {
    const high = filterFor({}, { kind: 'band', band: 'high' });
    assert.deepEqual(high, { band: 'high' });
    const withType = filterFor(high, { kind: 'type', type: 'DCSync' });
    assert.deepEqual(withType, { band: 'high', types: ['DCSync'] });
    assert.deepEqual(filterFor(withType, { kind: 'band', band: 'high' }), { types: ['DCSync'] }, 'the band clicked again');
    assert.deepEqual(filterFor(withType, { kind: 'band', band: 'low' }), { band: 'low', types: ['DCSync'] }, 'another band replaces it');
    const withDay = filterFor(withType, day);
    assert.deepEqual(filterFor(withDay, day), withType, 'the day clicked again');
    const entity = { kind: 'entity', sourceId: 'vault:a', entityKind: 'host', key: 'host:dc01', label: 'DC01' } as const;
    assert.deepEqual(filterFor(filterFor({}, entity), entity), {});
    assert.deepEqual(filterFor(filterFor({}, { kind: 'source', sourceId: 'vault:a' }), { kind: 'source', sourceId: 'vault:a' }), {});
  });

  it('removes one part on its own, or clears all', () => {
    const filter = { band: 'high', types: ['DCSync'], text: 'curl' } as const;
    assert.deepEqual(filterFor(filter, { kind: 'remove', part: 'types' }), { band: 'high', text: 'curl' });
    assert.deepEqual(filterFor(filter, { kind: 'clear' }), {});
  });

  it('names the pressed figures by the keys the page gives them, a day found by its bounds', () => {
    const filter = filterFor(filterFor(filterFor({}, { kind: 'band', band: 'medium' }), day), { kind: 'type', type: 'DCSync' });
    assert.deepEqual(pressedKeys(filter, data), ['band:medium', `created:${day.start}:${day.end}`, 'time:2026-03-19', 'type:DCSync']);
    assert.deepEqual(pressedKeys({ types: ['A', 'B'] }, data), [], 'two types chosen elsewhere: no one row is pressed');
  });
});
