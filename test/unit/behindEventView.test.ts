import assert from 'node:assert/strict';
import { buildBehindEventView } from '../../src/details/behindEventView';
import type { BehindEvent } from '../../src/respond/behindEvent';

const NOW = Date.UTC(2026, 11, 3, 10, 0);

function behind(overrides: Partial<BehindEvent>): BehindEvent {
  const none = { state: 'none', reason: 'nothing' } as const;
  return { session: none, account: none, user: none, rule: none, loadedAt: NOW, ...overrides };
}

describe('Behind this event, as the page draws it', () => {
  it('keeps each part in its place: loading, unavailable with the version, failed with the status and words', () => {
    const view = buildBehindEventView('e1', behind({
      session: { state: 'failed', status: 403, message: 'HTTP 403: your vault user may not list live sessions. The vault said: HTTP 403, PASWS041E: no.' },
      account: { state: 'loading' },
      user: { state: 'unavailable', reason: 'needs PVWA 10.9; this vault is 10.4' },
    }), NOW);
    const byKey = Object.fromEntries(view.parts.map((p) => [p.key, p]));
    assert.equal(byKey.session.state, 'failed');
    assert.match(byKey.session.message!, /your vault user may not list live sessions.*PASWS041E/);
    assert.equal(byKey.account.message, 'Loading…');
    assert.equal(byKey.user.message, 'Unavailable: needs PVWA 10.9; this vault is 10.4.');
    assert.deepEqual(view.parts.map((p) => p.title), ['PSM session', 'Account', 'Vault user', 'The rule that fired']);
  });

  it('marks the flagged activity, shows attacker text with its hidden characters visible, and says when none is live', () => {
    const session = { sessionId: 's1', user: 'jdoe', accountUsername: 'root', accountAddress: '10.1.8.182', fromIp: '10.20.30.40', start: NOW - 25 * 60_000 };
    const live = buildBehindEventView('e1', behind({
      session: { state: 'ready', value: { live: [{ session, accountUserAgrees: true, fromIpAgrees: true, activities: { state: 'ready', value: [{ text: 'ls' }, { text: 'rm -rf /\u202Egnp.exe' }] }, flagged: [1] }] } },
    }), NOW);
    const [shown] = live.parts[0].sessions!;
    assert.equal(shown.heading, 'Best match: jdoe on root@10.1.8.182');
    assert.deepEqual(shown.activities.map((a) => [a.text, a.flagged]), [['ls', false], ['rm -rf /<U+202E>gnp.exe', true]]);
    assert.equal(live.parts[0].alert, 'Live now');
    const ended = buildBehindEventView('e1', behind({ session: { state: 'ready', value: { live: [] } } }), NOW);
    assert.deepEqual(ended.parts[0].notes, ['No matching PSM session is live.', 'No matching recording was found either.']);
  });

  it('flags an account whose credential was not changed since the event, and says it was found by search', () => {
    const view = buildBehindEventView('e1', behind({
      account: {
        state: 'ready',
        value: {
          found: { account: { id: '25_1', userName: 'root', address: '10.1.8.182', automaticManagementEnabled: false, manualManagementReason: 'Legacy host' }, foundBySearch: true, candidates: 2 },
          changeSinceEvent: 'notChangedSince',
          activities: { state: 'unavailable', reason: 'needs PVWA 13.2; this vault is 12.6' },
        },
      },
    }), NOW);
    const account = view.parts[1];
    assert.equal(account.alert, 'Not changed since the event');
    assert.ok(account.facts!.some(([label, value]) => label === 'Managed' && value === 'No: Legacy host'));
    assert.match(account.notes![0], /^Found by search/);
    assert.deepEqual(account.list, ['Unavailable: needs PVWA 13.2; this vault is 12.6.']);
  });
});
