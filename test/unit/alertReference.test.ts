import assert from 'node:assert/strict';
import { MAX_ALERT_TEXT, parseAlertReference } from '../../src/respond/alertReference';

const ID = '52b06812ec3500ed864c461e';

/** PTA's CEF line as CyberArk documents it, with a syslog header as a SIEM keeps it. */
const CEF =
  `<134>Dec  3 09:12:00 pta-server CEF:0|CyberArk|PTA|14.2|21|Suspected credentials theft|8|suser=mike2@prod1.domain.com shost=prod1.domain.com src=1.1.1.1 ` +
  `duser=andy@dev1.domain.com dhost=dev1.domain.com dst=2.2.2.2 cs1Label=ExtraData cs1=None cs2Label=EventID cs2=${ID} ` +
  `deviceCustomDate1Label=detectionDate deviceCustomDate1=1388577900000 cs3Label=PTAlink cs3=https://10.1.1.1/PasswordVault/v10/pta/events/${ID} cs4Label=ExternalLink cs4=None`;

const LEEF = `LEEF:1.0|CyberArk|PTA|14.2|21|cat=Suspected credentials theft\tsev=8\tsrc=1.1.1.1\tusrName=andy@dev1.domain.com\tdst=2.2.2.2\textraDataLabel=extraData\textraData=None\teventIdLabel=eventID\teventID=${ID}\tdevTime=1388577600000\tptaLink=https://10.1.1.1/PasswordVault/v10/pta/events`;

function id(text: unknown) {
  const parsed = parseAlertReference(text);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
  return [parsed.eventId, parsed.form];
}

function reason(text: unknown): string {
  const parsed = parseAlertReference(text);
  assert.ok(!parsed.ok, `expected a refusal, got ${JSON.stringify(parsed)}`);
  return parsed.reason;
}

describe('Open Event from Alert: the event id in what an analyst pastes', () => {
  it('takes a bare event id, trimmed', () => {
    assert.deepEqual(id(`  ${ID}\n`), [ID, 'id']);
    assert.deepEqual(id('evt-42'), ['evt-42', 'id']);
  });

  it('takes a PVWA event link on any host, with a renamed application path, a query or a trailing slash', () => {
    assert.deepEqual(id(`https://pvwa.example.com/PasswordVault/v10/pta/events/${ID}`), [ID, 'link']);
    assert.deepEqual(id(`https://10.0.0.5:8443/Vault/v10/pta/events/${ID}/?tab=audits#top`), [ID, 'link']);
    assert.deepEqual(id(`HTTP://PVWA/PASSWORDVAULT/V10/PTA/EVENTS/${ID}`), [ID, 'link']);
  });

  it('refuses a link that is not an event page', () => {
    assert.match(reason('https://pvwa.example.com/PasswordVault/v10/pta/events'), /not a PVWA event link/);
    assert.match(reason(`https://pvwa.example.com/PasswordVault/v10/accounts/${ID}`), /not a PVWA event link/);
    assert.match(reason('https://'), /not a valid address/);
  });

  it("takes the id from a CEF line's cs2 (labelled EventID), after a syslog header", () => {
    assert.deepEqual(id(CEF), [ID, 'cef']);
  });

  it('finds the id in whichever custom string is labelled EventID, and in the long key names some SIEMs show', () => {
    const moved = `CEF:0|CyberArk|PTA|14.2|21|Suspected credentials theft|8|cs2Label=ExtraData cs2=None cs5Label=EventID cs5=${ID}`;
    assert.deepEqual(id(moved), [ID, 'cef']);
    const long = `CEF:0|CyberArk|PTA|12.6|1|Suspected credentials theft|8|deviceCustomString2Label=EventID deviceCustomString2=${ID} sourceUserName=mike2`;
    assert.deepEqual(id(long), [ID, 'cef']);
  });

  it('reads a CEF header with escaped pipes and an extension value with spaces and escaped equals signs', () => {
    const line = `CEF:0|CyberArk|PTA|14.2|25|Suspicious \\| odd name|9|cs1Label=ExtraData cs1=a value with spaces and a\\=b cs2Label=EventID cs2=${ID}`;
    assert.deepEqual(id(line), [ID, 'cef']);
  });

  it('takes cs2 of a PTA line without labels, but not of another product', () => {
    assert.deepEqual(id(`CEF:0|CyberArk|PTA|14.2|21|Suspected credentials theft|8|cs2=${ID}`), [ID, 'cef']);
    assert.match(reason(`CEF:0|CyberArk|Vault|14.2|7|Logon|5|cs2=${ID}`), /not a PTA alert/);
  });

  it("takes the id from a LEEF line's eventID, tab-separated or with the tabs shown as spaces", () => {
    assert.deepEqual(id(LEEF), [ID, 'leef']);
    assert.deepEqual(id(LEEF.replace(/\t/g, ' ')), [ID, 'leef']);
    assert.deepEqual(id(`Dec  3 09:12:00 pta-server ${LEEF}`), [ID, 'leef']);
  });

  it("reads LEEF 2.0's own delimiter, given as a character or as its hex code", () => {
    assert.deepEqual(id(`LEEF:2.0|CyberArk|PTA|14.2|21|^|cat=Suspected credentials theft^sev=8^eventID=${ID}^devTime=1388577600000`), [ID, 'leef']);
    assert.deepEqual(id(`LEEF:2.0|CyberArk|PTA|14.2|21|x09|cat=x\teventID=${ID}\tsev=8`), [ID, 'leef']);
  });

  it('does not take eventID from inside another attribute', () => {
    assert.match(reason('LEEF:1.0|CyberArk|PTA|14.2|21|extraData=noteventID=abc\tsev=8'), /no eventID/);
  });

  it('accepts the same alert on several lines, and refuses lines naming different events', () => {
    assert.deepEqual(id(`${CEF}\n${LEEF}\n`), [ID, 'cef']);
    assert.match(reason(`${CEF}\n${LEEF.replace(ID, 'aaaaaaaaaaaaaaaaaaaaaaaa')}`), /2 different events/);
  });

  it('says what is wrong with a malformed or truncated line', () => {
    assert.match(reason('CEF:0|CyberArk|PTA|14.2|21|Suspected'), /cut short/);
    assert.match(reason('LEEF:1.0|CyberArk|PTA'), /cut short/);
    assert.match(reason('CEF:0|CyberArk|PTA|14.2|21|Suspected credentials theft|8|cs2Label=EventID cs2='), /no event id \(cs2/);
    assert.match(reason('CEF:0|CyberArk|PTA|14.2|21|Suspected credentials theft|8|suser=mike'), /no event id \(cs2/);
    assert.match(reason('LEEF:1.0|CyberArk|PTA|14.2|21|cat=x\teventID=\tsev=8'), /empty eventID/);
    assert.match(reason('LEEF:1.0|CyberArk|PTA|14.2|21|cat=x\tsev=8'), /no eventID/);
  });

  it('refuses what is not an alert: empty, prose, other types', () => {
    for (const text of ['', '   \n\t ', 'the event from this morning', 'id: 42', undefined, 42, { text: ID }, null]) {
      assert.match(reason(text), /Paste an event id/, String(text));
    }
  });

  it('lets nothing hostile through as an id: markup, icons, links, control and direction characters, path tricks', () => {
    const hostile = [
      '$(alert) [Sign out](command:cyberarkPta.signOut)',
      '<img src=x onerror=alert(1)>',
      `${ID}\u202e`,
      `${ID}\u0000`,
      `=HYPERLINK("http://x")`,
      `CEF:0|CyberArk|PTA|14.2|21|x|8|cs2Label=EventID cs2=$(bug)[x](command:workbench.action.quit)`,
      `CEF:0|CyberArk|PTA|14.2|21|x|8|cs2Label=EventID cs2=../../API/Users/1`,
      `LEEF:1.0|CyberArk|PTA|14.2|21|eventID=<script>alert(1)</script>`,
      'https://pvwa/PasswordVault/v10/pta/events/%2E%2E%2Fx',
      'https://pvwa/PasswordVault/v10/pta/events/%E0%A4%A',
      'javascript:alert(1)//v10/pta/events/abc',
      'a'.repeat(129),
    ];
    for (const text of hostile) {
      const parsed = parseAlertReference(text);
      assert.equal(parsed.ok, false, text);
      assert.ok(!parsed.ok && !parsed.reason.includes('command:') && !parsed.reason.includes('$('), 'the reason never repeats the text');
    }
  });

  it('refuses very long text at once, and reads a line full of keys or escapes', () => {
    assert.match(reason('x'.repeat(MAX_ALERT_TEXT + 1)), /too long for one alert/);
    const manyKeys = `CEF:0|CyberArk|PTA|14.2|21|x|8|${'k= '.repeat(5000)}cs2Label=EventID cs2=${ID}`;
    assert.deepEqual(id(manyKeys), [ID, 'cef']);
    const pipes = `CEF:0${'|\\'.repeat(5000)}`;
    assert.equal(parseAlertReference(pipes).ok, false);
  });
});
