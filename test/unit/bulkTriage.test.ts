import assert from 'node:assert/strict';
import { normalizeEvent, PtaEvent } from '../../src/model/ptaEvent';
import { EventStore } from '../../src/store/eventStore';
import { closeRequests, combineOutcomes, reopenRequests, triageEvents } from '../../src/triage/bulkTriage';
import { planUndo } from '../../src/triage/undoPlan';
import { generateEvents, RawEvent } from '../simulator/data';
import { PvwaSimulator } from '../simulator/server';
import { signedInSession } from '../support/simulatorSession';

const COUNT = 60;

/** `COUNT` open events, half of them with an earlier close reason and text (reopened before). */
function openEvents(): RawEvent[] {
  return generateEvents({ count: COUNT, seed: 15, hostileShare: 0 }).map((event) => ({ ...event, mStatus: 'OPEN', closeReason: 'NONE', reasonText: undefined }));
}

describe('Triage in bulk against the simulator', () => {
  let sim: PvwaSimulator;
  let store: EventStore;

  beforeEach(async () => {
    sim = new PvwaSimulator({ events: openEvents(), latencyMs: 15 });
    await sim.start();
    store = new EventStore();
    store.replaceAll(sim.events().map((e) => normalizeEvent(e)!));
  });

  afterEach(() => sim.stop());

  const open = () => store.list('OPEN');
  const patches = () => sim.requests.filter((r) => r.method === 'PATCH');
  const logonRequests = () => sim.requests.filter((r) => /\/logon$/i.test(r.path));
  const vaultStatus = (id: string) => sim.getEvent(id)?.mStatus;

  it('closes every event with the concurrency asked for, never more in flight, each answer into the store', async () => {
    const { session } = await signedInSession(sim);
    sim.resetLoadStats();
    const outcome = await triageEvents(session, closeRequests(open(), 'NOTREAL', 'backup job'), { concurrency: 4, onAnswer: (e) => store.upsert(e) });
    assert.equal(outcome.succeeded.length, COUNT);
    assert.equal(sim.loadStats.maxInFlight, 4);
    assert.equal(store.count('OPEN'), 0);
    assert.ok(sim.events().every((e) => e.mStatus === 'CLOSED' && e.closeReason === 'NOTREAL' && e.reasonText === 'backup job'));
    assert.ok(outcome.succeeded.every(({ before, after }) => before.status === 'OPEN' && after.status === 'CLOSED' && before.id === after.id));
  });

  it('renews a session that expires mid-batch with exactly one logon, and resends the refused requests', async () => {
    const { session } = await signedInSession(sim);
    sim.resetLoadStats();
    sim.expireTokensAtRequest(20);
    const outcome = await triageEvents(session, closeRequests(open(), 'HANDLED', ''), { concurrency: 8 });
    assert.equal(sim.loadStats.logons, 1);
    assert.equal(logonRequests().length, 2, 'the sign-in and one renewal');
    assert.ok(patches().filter((r) => r.status === 401).length >= 1);
    assert.equal(outcome.succeeded.length, COUNT);
    assert.ok(sim.events().every((e) => e.mStatus === 'CLOSED'));
  });

  it('stops the batch when signing in again is refused: nothing more is sent, the rest stays open', async () => {
    const { session, setStoredPassword } = await signedInSession(sim);
    setStoredPassword('no longer right');
    sim.expireTokensAtRequest(12);
    const outcome = await triageEvents(session, closeRequests(open(), 'HANDLED', ''), { concurrency: 4 });
    assert.match(outcome.stopped ?? '', /PASWS013E/);
    assert.equal(logonRequests().length, 2, 'one refused logon, never retried');
    const renewalAt = sim.requests.indexOf(logonRequests()[1]);
    const sentAfter = sim.requests.slice(renewalAt + 1);
    assert.ok(sentAfter.every((r) => r.status === 401), 'only requests already in flight were answered after the refusal');
    assert.ok(outcome.notSent.length > 30);
    assert.equal(outcome.succeeded.length + outcome.failed.length + outcome.notSent.length, COUNT);
    // Requests already in flight when the tokens expired are refused too.
    assert.ok(outcome.succeeded.length >= 11 - 4 && outcome.succeeded.length <= 11, `${outcome.succeeded.length} closed`);
    for (const { after } of outcome.succeeded) assert.equal(vaultStatus(after.id), 'CLOSED');
    for (const event of [...outcome.notSent, ...outcome.failed.map((f) => f.event)]) assert.equal(vaultStatus(event.id), 'OPEN');
  });

  it('cancels mid-batch: nothing more is sent, and the summary counts exactly what closed', async () => {
    const { session } = await signedInSession(sim);
    const abort = new AbortController();
    const outcome = await triageEvents(session, closeRequests(open(), 'HANDLED', ''), {
      concurrency: 4,
      cancel: abort.signal,
      onProgress: (p) => p.done === 10 && abort.abort(),
    });
    assert.equal(outcome.cancelled, true);
    assert.equal(patches().length, outcome.succeeded.length, 'every request sent was answered and counted');
    assert.equal(sim.events().filter((e) => e.mStatus === 'CLOSED').length, outcome.succeeded.length);
    assert.equal(outcome.succeeded.length + outcome.notSent.length, COUNT);
    assert.ok(outcome.notSent.every((e) => vaultStatus(e.id) === 'OPEN'));
  });

  it('slows down when the vault answers 429 above two requests in flight, and still closes everything', async () => {
    const { session } = await signedInSession(sim);
    sim.setThrottle({ maxInFlight: 2, method: 'PATCH' });
    const outcome = await triageEvents(session, closeRequests(open(), 'HANDLED', ''), { concurrency: 6, backoffMs: 10 });
    assert.ok(patches().some((r) => r.status === 429));
    assert.equal(outcome.succeeded.length, COUNT);
    assert.equal(outcome.failed.length, 0);
  });

  it('sorts partial failures: refused ones failed with the vault message, a cut answer unknown', async () => {
    const { session } = await signedInSession(sim);
    sim.inject({ kind: 'error', status: 400, code: 'PASWS167E', message: 'There are some invalid parameters.' }, { method: 'PATCH', times: 2 });
    sim.inject({ kind: 'reset' }, { method: 'PATCH' });
    const outcome = await triageEvents(session, closeRequests(open(), 'HANDLED', ''), { concurrency: 1 });
    assert.deepEqual(outcome.failed.map((f) => f.message), ['HTTP 400, PASWS167E: There are some invalid parameters.', 'HTTP 400, PASWS167E: There are some invalid parameters.']);
    assert.equal(outcome.outcomeUnknown.length, 1);
    assert.equal(outcome.succeeded.length, COUNT - 3);
  });

  it('Undo reopens exactly the events this close closed, not one changed since by someone else', async () => {
    const { session } = await signedInSession(sim);
    const targets = open().slice(0, 10);
    const untouched = open().slice(10, 12);
    const close = await triageEvents(session, closeRequests(targets, 'HANDLED', 'ours'), { concurrency: 4, onAnswer: (e) => store.upsert(e) });
    // Someone else closes two more, and reopens then closes again one of ours.
    const elsewhere = (id: string, changes: Partial<RawEvent>, at: number) => {
      const raw = { ...sim.getEvent(id)!, ...changes, lastUpdateTime: at };
      sim.upsertEvent(raw);
      store.merge([normalizeEvent(raw)!]);
    };
    for (const event of untouched) elsewhere(event.id, { mStatus: 'CLOSED', closeReason: 'OTHER', reasonText: 'theirs' }, Date.now() + 1000);
    elsewhere(targets[3].id, { reasonText: 'theirs' }, Date.now() + 2000);

    const plan = planUndo(close, (id) => store.get(id));
    assert.deepEqual(plan.changedSince.map((e) => e.id), [targets[3].id]);
    assert.deepEqual(plan.requests.map((r) => r.event.id).sort(), targets.filter((_, i) => i !== 3).map((e) => e.id).sort());
    const undo = await triageEvents(session, plan.requests, { concurrency: 4, onAnswer: (e) => store.upsert(e) });
    assert.equal(undo.succeeded.length, 9);
    for (const [i, event] of targets.entries()) assert.equal(vaultStatus(event.id), i === 3 ? 'CLOSED' : 'OPEN');
    for (const event of untouched) assert.equal(vaultStatus(event.id), 'CLOSED');
  });

  it("Undo of a reopen closes again with each event's earlier reason and text", async () => {
    const { session } = await signedInSession(sim);
    const reasons = ['HANDLED', 'NOTREAL', 'OTHER'] as const;
    const closed: PtaEvent[] = [];
    for (const [i, event] of open().slice(0, 3).entries()) {
      const raw = { ...sim.getEvent(event.id)!, mStatus: 'CLOSED', closeReason: reasons[i], reasonText: `text ${i}` };
      sim.upsertEvent(raw);
      closed.push(normalizeEvent(raw)!);
    }
    store.merge(closed);
    const reopen = await triageEvents(session, reopenRequests(closed), { concurrency: 4, onAnswer: (e) => store.upsert(e) });
    const plan = planUndo(reopen, (id) => store.get(id));
    assert.deepEqual(plan.requests.map((r) => r.update), reasons.map((closeReason, i) => ({ mStatus: 'CLOSED', closeReason, reasonText: `text ${i}` })));
    await triageEvents(session, plan.requests, { concurrency: 4 });
    for (const [i, event] of closed.entries()) {
      const now = sim.getEvent(event.id)!;
      assert.deepEqual([now.mStatus, now.closeReason, now.reasonText], ['CLOSED', reasons[i], `text ${i}`]);
    }
  });
});

describe('combineOutcomes', () => {
  const event = (id: string): PtaEvent => normalizeEvent({ id, type: 'SuspectedCredentialsTheft', score: 50, mStatus: 'OPEN', lastUpdateTime: 1 })!;

  it("joins several vaults' outcomes into one exact count", () => {
    const a = event('a');
    const first = { total: 3, succeeded: [{ before: a, after: a }], failed: [{ event: event('b'), message: 'refused' }], outcomeUnknown: [], notSent: [event('c')], cancelled: true };
    const second = { total: 2, succeeded: [], failed: [], outcomeUnknown: [{ event: event('d'), message: 'lost' }], notSent: [event('e')], cancelled: false, stopped: 'Vault 2: signing in again was refused.' };
    const combined = combineOutcomes([first, second]);
    assert.equal(combined.total, 5);
    assert.deepEqual(combined.succeeded.map((s) => s.after.id), ['a']);
    assert.deepEqual(combined.failed.map((f) => f.event.id), ['b']);
    assert.deepEqual(combined.outcomeUnknown.map((f) => f.event.id), ['d']);
    assert.deepEqual(combined.notSent.map((e) => e.id), ['c', 'e']);
    assert.equal(combined.cancelled, true);
    assert.equal(combined.stopped, 'Vault 2: signing in again was refused.');
    assert.deepEqual(combineOutcomes([]), { total: 0, succeeded: [], failed: [], outcomeUnknown: [], notSent: [], cancelled: false, stopped: undefined });
  });
});
