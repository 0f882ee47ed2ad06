import assert from 'node:assert/strict';
import { PsmSession, readPsmSession } from '../../src/api/resources/psmSessions';
import { normalizeEvent } from '../../src/model/ptaEvent';
import { LiveSessionIndex } from '../../src/respond/liveSessionIndex';
import { matchSessions } from '../../src/respond/sessionMatching';
import { generateEvents } from '../simulator/data';
import { buildRespondData } from '../simulator/respondData';
import { NOW, psmEvent } from '../support/psmEvent';

const AUDIT_TIME = NOW - 3_600_000;

function session(overrides: Partial<PsmSession> = {}): PsmSession {
  return { sessionId: 'live-1', user: 'jsmith', accountUsername: 'Administrator', accountAddress: '10.1.109.150', fromIp: '10.25.171.60', start: AUDIT_TIME - 600_000, isLive: true, ...overrides };
}

describe("Rows' live sessions: one vault's index", () => {
  it('gives an open event its live session, and nothing to a closed one or to an event of another user', () => {
    const index = new LiveSessionIndex([session(), session({ sessionId: 'other-user', user: 'lchen' })]);
    assert.equal(index.matchOf(psmEvent())?.session.sessionId, 'live-1');
    assert.equal(index.matchOf(psmEvent({ mStatus: 'CLOSED' })), undefined);
    const otherUser = psmEvent({ audits: [{ type: 'PSM_SSH_COMMAND', sensorType: 'PSM', vaultUser: 'nobody', target: { mOriginalAddress: '10.1.109.150' }, createTime: AUDIT_TIME }] });
    assert.equal(index.matchOf(otherUser), undefined);
  });

  it('leaves out sessions the vault says are not live, and knows no session when empty', () => {
    assert.equal(new LiveSessionIndex([session({ isLive: false })]).matchOf(psmEvent()), undefined);
    assert.equal(LiveSessionIndex.EMPTY.matchOf(psmEvent()), undefined);
    assert.equal(new LiveSessionIndex([session({ isLive: undefined })]).size, 1, 'a session without IsLive came from the live list');
  });

  it("compares only the sessions of the event's own vault users, not every session", () => {
    const reads = { count: 0 };
    const others = Array.from({ length: 1000 }, (_, i) => {
      const s = session({ sessionId: `other-${i}`, user: `user${i}` });
      return new Proxy(s, {
        get(target, key) {
          reads.count++;
          return target[key as keyof PsmSession];
        },
      });
    });
    const index = new LiveSessionIndex([...others, session()]);
    reads.count = 0;
    assert.equal(index.matchOf(psmEvent())?.session.sessionId, 'live-1');
    assert.equal(reads.count, 0, "another user's session was compared with the event");
  });

  it('keeps an answer per event until the event changes', () => {
    const index = new LiveSessionIndex([session()]);
    const event = psmEvent();
    const first = index.matchOf(event);
    assert.equal(index.matchOf(event), first, 'the same answer object');
    const changed = psmEvent({ mStatus: 'CLOSED' });
    assert.equal(index.matchOf(changed), undefined);
  });

  it('has the same signature for the same sessions in another order, and another one when a session changes', () => {
    const a = session({ sessionId: 'a' });
    const b = session({ sessionId: 'b', fromIp: '10.0.0.9' });
    assert.equal(new LiveSessionIndex([a, b]).signature, new LiveSessionIndex([b, a]).signature);
    assert.notEqual(new LiveSessionIndex([a, b]).signature, new LiveSessionIndex([a]).signature);
    assert.notEqual(new LiveSessionIndex([a]).signature, new LiveSessionIndex([{ ...a, accountAddress: '10.9.9.9' }]).signature);
    assert.equal(LiveSessionIndex.EMPTY.signature, new LiveSessionIndex([]).signature);
  });

  it("marks exactly the simulator's events that have a live session", () => {
    const raw = generateEvents({ count: 400, seed: 3, now: NOW });
    const data = buildRespondData(raw, { signInUsers: ['analyst'], now: NOW });
    const index = new LiveSessionIndex(data.liveSessions.map((s) => readPsmSession(s.record)!));
    const expected = new Set(data.liveSessions.flatMap((s) => (s.eventId ? [s.eventId] : [])));
    assert.ok(expected.size >= 1);
    const marked = raw.map((e) => normalizeEvent(e)!).filter((event) => index.matchOf(event));
    assert.deepEqual(new Set(marked.map((e) => e.id)), expected);
  });

  it('answers as matching against every session would, for every event, with host names in any form and audits without a target', () => {
    const raw = generateEvents({ count: 400, seed: 5, now: NOW });
    const data = buildRespondData(raw, { signInUsers: ['analyst'], now: NOW });
    // Every recording taken as live too, so most PSM events have candidates; hosts spelled as FQDN and short names.
    const sessions = [...data.liveSessions, ...data.recordings].map((s) => readPsmSession({ ...s.record, IsLive: true })!);
    const respelled = sessions.map((s, i) => ({ ...s, sessionId: `${s.sessionId}-r`, accountAddress: i % 2 ? s.accountAddress?.toUpperCase() : `${s.accountAddress}.corp.example.com` }));
    const noTarget = psmEvent({ audits: [{ type: 'PSM_SSH_COMMAND', sensorType: 'PSM', vaultUser: 'jsmith', createTime: AUDIT_TIME, account: { accountAsStr: 'Administrator@10.1.109.150' } }] });
    const all = [...sessions, ...respelled, session()];
    const index = new LiveSessionIndex(all);
    const events = [...raw.map((e) => normalizeEvent({ ...e, mStatus: 'OPEN' })!), psmEvent(), noTarget];
    let matched = 0;
    for (const event of events) {
      const expected = matchSessions(event, all)[0]?.session;
      assert.equal(index.matchOf(event)?.session, expected, event.id);
      if (expected) matched++;
    }
    assert.ok(matched > 20, `${matched} events matched`);
    assert.equal(index.matchOf(noTarget)?.session.sessionId, 'live-1');
  });
});
