import assert from 'node:assert/strict';
import { computeOverview } from '../../src/derived/overviewAggregates';
import type { PtaEvent } from '../../src/model/ptaEvent';
import { parseOverviewMessage } from '../../src/overview/overviewMessages';

const NOW = Date.UTC(2026, 2, 20, 15, 30);
const event = (id: string, type: string): PtaEvent => ({ id, type, score: 90, status: 'OPEN', createTime: Date.UTC(2026, 2, 19, 8), lastUpdateTime: NOW, hasUpdateTime: true, auditCount: 0, raw: {} });
const data = computeOverview({
  sources: [{ id: 'vault:a', label: 'A', events: [event('1', 'GoldenTicket'), event('2', 'DCSync')] }],
  now: NOW,
  lookbackDays: 7,
  timeZone: 'UTC',
  entitiesOf: (e) => (e.id === '1' ? [{ kind: 'host', key: 'host:dc01', label: 'DC01' }] : []),
});
const filter = (f: unknown) => parseOverviewMessage({ type: 'filter', filter: f }, data);

describe('parseOverviewMessage', () => {
  it('accepts ready and clear, with or without figures', () => {
    assert.deepEqual(parseOverviewMessage({ type: 'ready' }, undefined), { type: 'ready' });
    assert.deepEqual(parseOverviewMessage({ type: 'filter', filter: { kind: 'clear' } }, undefined), { type: 'filter', filter: { kind: 'clear' } });
  });

  it('resolves each kind of click against the figures shown', () => {
    assert.deepEqual(filter({ kind: 'band', band: 'high' }), { type: 'filter', filter: { kind: 'band', band: 'high' } });
    assert.deepEqual(filter({ kind: 'time', key: '2026-03-19' }), {
      type: 'filter',
      filter: { kind: 'time', unit: 'day', key: '2026-03-19', label: 'Thu 19 Mar', start: Date.UTC(2026, 2, 19), end: Date.UTC(2026, 2, 20) },
    });
    assert.deepEqual(filter({ kind: 'type', type: 'DCSync' }), { type: 'filter', filter: { kind: 'type', type: 'DCSync' } });
    assert.deepEqual(filter({ kind: 'entity', sourceId: 'vault:a', entityKind: 'host', key: 'host:dc01' }), {
      type: 'filter',
      filter: { kind: 'entity', sourceId: 'vault:a', entityKind: 'host', key: 'host:dc01', label: 'DC01' },
    });
    assert.deepEqual(filter({ kind: 'source', sourceId: 'vault:a' }), { type: 'filter', filter: { kind: 'source', sourceId: 'vault:a' } });
  });

  it('rejects values the figures do not hold', () => {
    for (const f of [
      { kind: 'band', band: 'critical' },
      { kind: 'band', band: 'toString' },
      { kind: 'time', key: '2026-03-01' },
      { kind: 'type', type: 'PassTheHash' },
      { kind: 'type', type: '__proto__' },
      { kind: 'entity', sourceId: 'vault:b', entityKind: 'host', key: 'host:dc01' },
      { kind: 'entity', sourceId: 'vault:a', entityKind: 'user', key: 'host:dc01' },
      { kind: 'entity', sourceId: 'vault:a', entityKind: 'constructor', key: 'host:dc01' },
      { kind: 'source', sourceId: 'vault:b' },
    ]) {
      assert.equal(filter(f), undefined, JSON.stringify(f));
    }
    assert.equal(parseOverviewMessage({ type: 'filter', filter: { kind: 'band', band: 'high' } }, undefined), undefined, 'no figures, nothing to click');
  });

  it('rejects every other shape', () => {
    for (const message of [
      undefined,
      null,
      'ready',
      ['ready'],
      {},
      { type: 'READY' },
      { type: 'ready', extra: 1 },
      { type: 'filter' },
      { type: 'filter', filter: null },
      { type: 'filter', filter: 'clear' },
      { type: 'filter', filter: { kind: 'clear', band: 'high' } },
      { type: 'filter', filter: { kind: 'band', band: 'high', sourceId: 'vault:a' } },
      { type: 'filter', filter: { kind: 'band', band: ['high'] } },
      { type: 'filter', filter: { kind: 'type', type: 42 } },
      { type: 'filter', filter: { kind: 'band', band: 'high' }, command: 'workbench.action.terminal.new' },
      { type: 'filter', filter: Object.assign(Object.create({ inherited: 1 }), { kind: 'clear' }) },
      { type: 'command', command: 'cyberarkPta.signOut' },
    ]) {
      assert.equal(parseOverviewMessage(message, data), undefined, JSON.stringify(message));
    }
  });
});
