import assert from 'node:assert/strict';
import { normalizeEvent, PtaEvent } from '../../src/model/ptaEvent';
import { TriageOutcome } from '../../src/triage/bulkTriage';
import { hasUnchangedEvents, triageReport, triageSummary } from '../../src/triage/bulkReport';
import { hostileEvents } from '../support/hostileEvents';

const event = (id: string, type = 'SuspectedCredentialsTheft'): PtaEvent => normalizeEvent({ id, type, score: 50, mStatus: 'OPEN', lastUpdateTime: 1 })!;

function outcome(parts: Partial<TriageOutcome> & { done?: number }): TriageOutcome {
  const succeeded = Array.from({ length: parts.done ?? 0 }, (_, i) => ({ before: event(`s${i}`), after: event(`s${i}`) }));
  const failed = parts.failed ?? [];
  const outcomeUnknown = parts.outcomeUnknown ?? [];
  const notSent = parts.notSent ?? [];
  return { total: succeeded.length + failed.length + outcomeUnknown.length + notSent.length, succeeded, failed, outcomeUnknown, notSent, cancelled: parts.cancelled ?? false, stopped: parts.stopped };
}

describe('Bulk triage summary and report', () => {
  it('says exactly what happened in one short sentence', () => {
    const result = outcome({ done: 997, failed: [{ event: event('f1'), message: 'x' }, { event: event('f2'), message: 'y' }], notSent: [event('n1')], cancelled: true });
    assert.equal(triageSummary('close', result), 'Closed 997 of 1,000 events. 2 failed, 1 not sent (cancelled).');
    assert.equal(triageSummary('reopen', outcome({ done: 3 })), 'Reopened 3 of 3 events.');
    assert.equal(triageSummary('close', outcome({ done: 1 })), 'Closed 1 of 1 event.');
    assert.equal(
      triageSummary('close', outcome({ done: 5, outcomeUnknown: [{ event: event('u'), message: 'lost' }] })),
      'Closed 5 of 6 events. 1 with an unknown outcome (sent, but the answer was lost).',
    );
    const two = outcome({ done: 2 }).succeeded.map(({ before }) => before);
    assert.equal(triageSummary('reopen', outcome({ done: 9 }), { leftAlone: two }), 'Reopened 9 of 9 events. 2 events changed in the vault since and were left alone.');
  });

  it('names why a batch stopped in the vault\'s words, on one line', () => {
    const stopped = outcome({ done: 2, notSent: [event('a'), event('b')], stopped: 'PASWS013E: Authentication failure for User [x](command:evil)\n' });
    const summary = triageSummary('close', stopped);
    assert.equal(summary, 'Closed 2 of 4 events. 2 not sent. Stopped: PASWS013E: Authentication failure for User [x](command:evil)<U+000A>.');
  });

  it('lists every failure with its event and reason, and nothing vault-made becomes Markdown', () => {
    const hostile = hostileEvents(1_700_000_000_000).map((raw) => normalizeEvent(raw)!);
    const result = outcome({
      done: 10,
      failed: hostile.map((e) => ({ event: e, message: `PASWS167E: ${e.type}` })),
      outcomeUnknown: [{ event: event('u1', 'GoldenTicket'), message: 'The change was sent, but the answer was lost.' }],
      notSent: [event('n1', 'OverPassTheHash')],
      cancelled: true,
    });
    const report = triageReport('close', result);
    const lines = report.split('\n');
    assert.equal(lines[0], `# Closing ${(hostile.length + 12).toLocaleString('en-US')} events`);
    assert.ok(report.includes(`## Failed (${hostile.length})`));
    assert.ok(report.includes('## Outcome unknown (1)\n'));
    assert.ok(report.includes('| Golden Ticket | u1 | The change was sent, but the answer was lost\\. |'));
    assert.ok(report.includes('## Not sent (1)\n\nCancelled before these were sent; they are unchanged.\n\n| Event | ID |\n| --- | --- |\n| Overpass\\-the\\-hash | n1 |'));
    const failedRows = lines.filter((l) => l.startsWith('| ') && !l.startsWith('| Event') && !l.startsWith('| ---')).slice(0, hostile.length);
    assert.equal(failedRows.length, hostile.length, 'one line per failure: no line break survives');
    for (const row of failedRows) {
      assert.equal(row.split(/(?<!\\)\|/).length, 5, `a cell break leaked: ${row.slice(0, 80)}`);
      assert.doesNotMatch(row, /<[a-z!/]|(?<!\\)\]\(/i);
    }
  });

  it('has nothing to report when everything changed', () => {
    assert.equal(hasUnchangedEvents(outcome({ done: 4 })), false);
    assert.equal(hasUnchangedEvents(outcome({ done: 4, notSent: [event('n')] })), true);
    assert.doesNotMatch(triageReport('close', outcome({ done: 4 })), /##/);
  });
});
