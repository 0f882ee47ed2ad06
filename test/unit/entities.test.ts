import assert from 'node:assert/strict';
import { accountKey, entitiesOf } from '../../src/model/entities';
import { normalizeEvent, PtaEvent } from '../../src/model/ptaEvent';
import { HOSTILE_STRINGS } from '../simulator/hostileStrings';

function eventWith(audits: unknown): PtaEvent {
  return normalizeEvent({ id: 'e1', type: 'GoldenTicket', lastUpdateTime: 1, mStatus: 'OPEN', audits })!;
}

const resolved = (original: string) => ({
  mOriginalAddress: original,
  mResolvedAddress: { mAddress: '10.0.0.5', mHostName: 'DC01', mFqdn: 'dc01.corp.example' },
});

describe('entitiesOf', () => {
  it('lists vault users, accounts and hosts once each, in that order and in order of appearance', () => {
    const entities = entitiesOf(
      eventWith([
        { vaultUser: 'jsmith', account: { accountAsStr: 'svc_sql@corp.example' }, accountId: '12_3', source: { mOriginalAddress: 'ws-17' }, target: resolved('10.0.0.5') },
        { vaultUser: 'JSmith', account: { accountAsStr: 'root@web-01' }, source: { mOriginalAddress: '203.0.113.9' } },
        { vaultUser: 'akumar', account: { accountAsStr: 'SVC_SQL@corp.example' }, target: { mOriginalAddress: 'ws-17' } },
      ]),
    );
    assert.deepEqual(
      entities.map((e) => [e.key, e.label]),
      [
        ['user:jsmith', 'jsmith'],
        ['user:akumar', 'akumar'],
        ['account:svc_sql@corp.example', 'svc_sql@corp.example'],
        ['account:root@web-01', 'root@web-01'],
        ['host:ws-17', 'ws-17'],
        ['host:203.0.113.9', '203.0.113.9'],
        ['host:dc01', 'dc01.corp.example'],
      ],
    );
    assert.equal(entities.find((e) => e.key === 'account:svc_sql@corp.example')?.accountId, '12_3');
    assert.equal(entities.find((e) => e.key === 'account:root@web-01')?.accountId, undefined);
    assert.deepEqual(
      entities.filter((e) => e.kind === 'host').map((e) => e.side),
      ['both', 'source', 'target'],
    );
  });

  it('makes one host of the four forms: IP, host name, FQDN and a resolved address', () => {
    const entities = entitiesOf(
      eventWith([
        { source: resolved('10.0.0.5') },
        { source: { mOriginalAddress: 'DC01' } },
        { source: { mOriginalAddress: 'dc01.corp.example' } },
        { target: { mOriginalAddress: '10.0.0.5' } },
      ]),
    );
    assert.deepEqual(entities, [{ kind: 'host', key: 'host:dc01', label: 'dc01.corp.example', ip: '10.0.0.5', side: 'both' }]);
  });

  it('keeps a host name as the label until an audit gives its fully qualified name', () => {
    const [host] = entitiesOf(eventWith([{ source: { mOriginalAddress: 'DC01' } }, { target: resolved('DC01') }]));
    assert.equal(host.label, 'dc01.corp.example');
  });

  it('names an account from its inner user and domain when accountAsStr is missing, as the same account', () => {
    const entities = entitiesOf(
      eventWith([
        { account: { account: { mUser: 'svc_sql', mDomain: 'corp.example' } } },
        { account: { accountAsStr: 'svc_sql@corp.example' } },
      ]),
    );
    assert.deepEqual(entities.map((e) => e.key), ['account:svc_sql@corp.example']);
    assert.equal(accountKey('CORP\\Admin'), 'admin@corp');
  });

  it('yields nothing for missing, null and empty parts', () => {
    assert.deepEqual(entitiesOf(normalizeEvent({ id: 'x', lastUpdateTime: 1, mStatus: 'OPEN' })!), []);
    assert.deepEqual(entitiesOf(eventWith(null)), []);
    assert.deepEqual(
      entitiesOf(eventWith([null, {}, { vaultUser: null, account: null, accountId: '4_1', source: { mOriginalAddress: null, mResolvedAddress: null }, target: {} }, { vaultUser: '  ', account: { accountAsStr: '' } }])),
      [],
    );
  });

  it('keeps hostile strings as they are in labels, and keys them without touching Object.prototype', () => {
    const audits = HOSTILE_STRINGS.map((text) => ({ vaultUser: text, account: { accountAsStr: text }, source: { mOriginalAddress: text } }));
    const entities = entitiesOf(eventWith(audits));
    const labels = new Set(entities.map((e) => e.label));
    for (const text of HOSTILE_STRINGS.filter((t) => t.trim() !== '')) assert.ok(labels.has(text), JSON.stringify(text.slice(0, 40)));
    assert.ok(entities.some((e) => e.key === 'user:__proto__'));
    assert.ok(entities.some((e) => e.label === 'A'.repeat(10_000)));
    assert.equal(new Set(entities.map((e) => e.key)).size, entities.length, 'each key once');
    assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
  });
});
