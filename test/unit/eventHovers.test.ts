import assert from 'node:assert/strict';
import { eventHoverMarkdown } from '../../src/files/eventHovers';

const T = Date.UTC(2026, 0, 15, 9, 30, 5); // winter: Paris is UTC+1, New York UTC-5
const SUMMER = Date.UTC(2026, 6, 15, 9, 30, 5); // summer: Paris UTC+2, New York UTC-4
const NOW = T + 3 * 86_400_000;

describe('eventHoverMarkdown', () => {
  it('shows an event time in the given zone with its offset, its age, and UTC beside it', () => {
    assert.equal(eventHoverMarkdown([0, 'createTime'], T, NOW, { timeZone: 'Europe/Paris' }), 'Created: **2026-01-15 10:30:05 UTC+1**, 3 d ago\n\n2026-01-15 09:30:05 UTC');
    assert.equal(eventHoverMarkdown(['lastUpdateTime'], T, NOW, { timeZone: 'America/New_York' }), 'Last updated: **2026-01-15 04:30:05 UTC-5**, 3 d ago\n\n2026-01-15 09:30:05 UTC');
  });

  it('follows daylight saving time and half-hour zones', () => {
    assert.match(eventHoverMarkdown(['createTime'], SUMMER, SUMMER, { timeZone: 'Europe/Paris' })!, /^Created: \*\*2026-07-15 11:30:05 UTC\+2\*\*, just now/);
    assert.match(eventHoverMarkdown(['createTime'], SUMMER, SUMMER, { timeZone: 'America/New_York' })!, /\*\*2026-07-15 05:30:05 UTC-4\*\*/);
    assert.match(eventHoverMarkdown(['createTime'], T, NOW, { timeZone: 'Asia/Kolkata' })!, /\*\*2026-01-15 15:00:05 UTC\+5:30\*\*/);
  });

  it('shows UTC once when the zone is UTC', () => {
    assert.equal(eventHoverMarkdown(['createTime'], T, NOW, { timeZone: 'UTC' }), 'Created: **2026-01-15 09:30:05 UTC**, 3 d ago');
  });

  it("explains an audit's time, in a list, in a recorded answer and in PowerShell's wrapper", () => {
    for (const path of [[2, 'audits', 0, 'createTime'], ['audits', 4, 'createTime'], [0, 'json_body', 1, 'audits', 0, 'createTime'], ['value', 3, 'audits', 1, 'createTime']]) {
      assert.match(eventHoverMarkdown(path, T, NOW, { timeZone: 'UTC' }) ?? '', /^Audit time: \*\*2026-01-15 09:30:05 UTC\*\*/, JSON.stringify(path));
    }
  });

  it('warns of a time that looks like seconds', () => {
    assert.match(eventHoverMarkdown(['createTime'], T / 1000, NOW, { timeZone: 'UTC' })!, /it may be seconds/);
  });

  it('says nothing for values that are not times or paths outside the fields it knows', () => {
    assert.equal(eventHoverMarkdown(['createTime'], null, NOW), undefined);
    assert.equal(eventHoverMarkdown(['createTime'], '1700000000000', NOW), undefined);
    assert.equal(eventHoverMarkdown(['additionalData', 'createTime'], T, NOW), undefined);
    assert.equal(eventHoverMarkdown([0], T, NOW), undefined);
  });

  it('names the type with what it means and its sensor, and escapes types it does not know', () => {
    assert.equal(
      eventHoverMarkdown([0, 'type'], 'SuspectedCredentialsTheft', NOW),
      '**Suspected credentials theft**\n\nA user connected to a machine or a cloud service without first retrieving the required credentials from the Vault\\.\n\nSensor: Logs \\(SIEM, Unix, AWS, Azure\\) and the Vault',
    );
    assert.equal(eventHoverMarkdown(['type'], '[x](command:evil)', NOW), '**\\[x\\]\\(command\\:evil\\)**\n\nA type this extension does not know yet.');
    assert.equal(eventHoverMarkdown(['type'], '__proto__', NOW), '**\\_\\_proto\\_\\_**\n\nA type this extension does not know yet.');
  });

  it('gives the score its risk band, and status and close reason in words', () => {
    assert.match(eventHoverMarkdown(['score'], 75.00000000000001, NOW)!, /^Score 75: \*\*high risk\*\*/);
    assert.match(eventHoverMarkdown(['score'], 35, NOW)!, /^Score 35: \*\*medium risk\*\*/);
    assert.equal(eventHoverMarkdown(['mStatus'], 'CLOSED', NOW), 'Status: **Closed**');
    assert.equal(eventHoverMarkdown(['mStatus'], 'open', NOW), 'Status: **Open: still to be handled**');
    assert.equal(eventHoverMarkdown(['closeReason'], 'NOTREAL', NOW), 'Close reason: **False positive**');
    assert.equal(eventHoverMarkdown(['closeReason'], 'NONE', NOW), 'Close reason: **none** (open, or reopened)');
    assert.equal(eventHoverMarkdown(['closeReason'], '<img src=x>', NOW), 'Close reason: **&lt;img src=x\\>**');
  });
});
