import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { computeOverview } from '../../src/derived/overviewAggregates';
import { openHighRiskEvents, ReportSource, reportScope, REPORTED_EVENT_LIMIT, shiftReportMarkdown } from '../../src/derived/shiftReport';
import type { Entity, EntityKind } from '../../src/model/entities';
import { displayText } from '../../src/model/format';
import { normalizeEvent, PtaEvent } from '../../src/model/ptaEvent';
import { markdownPlainText } from '../../src/util/markdownText';
import { hostileEvents } from '../support/hostileEvents';
import { HOSTILE_STRINGS } from '../simulator/hostileStrings';

// markdown-it is what VS Code renders Markdown with; linkify as GitHub links bare URLs.
const markdown = new MarkdownIt({ html: true, linkify: true });

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 2, 20, 15, 30);

function event(id: string, fields: Partial<PtaEvent> = {}): PtaEvent {
  return { id, type: 'GoldenTicket', score: 90, status: 'OPEN', createTime: NOW - 5 * HOUR, lastUpdateTime: NOW - HOUR, hasUpdateTime: true, auditCount: 0, raw: {}, ...fields };
}

function report(sources: Array<{ id: string; label: string; events: PtaEvent[] }>, entitiesOf: (e: PtaEvent) => Entity[] = () => []): string {
  return reportOf(sources.map((s) => ({ ...s, kind: 'vault' as const, state: LOADED })), entitiesOf);
}

function reportOf(sources: ReportSource[], entitiesOf: (e: PtaEvent) => Entity[] = () => []): string {
  const scope = reportScope(sources);
  const overview = computeOverview({ sources: scope.included, now: NOW, lookbackDays: 7, timeZone: 'Europe/Paris', entitiesOf });
  return shiftReportMarkdown(overview, scope, NOW);
}

const LOADED = { kind: 'loaded', asOf: NOW } as const;

describe('openHighRiskEvents', () => {
  it('keeps the open events scoring above 75, with their source', () => {
    const picked = openHighRiskEvents([
      { label: 'A', events: [event('high', { score: 75.01 }), event('edge', { score: 75 }), event('closed', { status: 'CLOSED' })] },
      { label: 'B', events: [event('b', { score: 100 })] },
    ]);
    assert.deepEqual(picked.map((r) => [r.sourceLabel, r.event.id]), [['A', 'high'], ['B', 'b']]);
  });
});

describe('shiftReportMarkdown', () => {
  it('gives the figures, the approximate time to close and the open high-risk events, highest score first', () => {
    const md = report(
      [{ id: 'vault:a', label: 'Vault A', events: [
        event('e1', { score: 80 }),
        event('e2', { score: 97.25 }),
        event('e3', { score: 20, type: 'DCSync' }),
        event('c1', { status: 'CLOSED', closeReason: 'NOTREAL', createTime: NOW - 4 * HOUR, lastUpdateTime: NOW - HOUR }),
      ] }],
      (e) => (e.id === 'e2' ? [{ kind: 'user' as EntityKind, key: 'user:alice', label: 'alice' }] : []),
    );
    assert.match(md, /^# CyberArk PTA shift report\n\n2026-03-20 16:30 \(Europe\/Paris\), events updated in the last 7 days: 4 loaded from Vault A\.\n/);
    assert.match(md, /## Open events: 3\n\n- High \(score above 75\): 2\n- Medium \(35 to 75\): 0\n- Low \(below 35\): 1\n/);
    assert.match(md, /Median time from creation to last update of closed events: 3 h \(an approximation of the time to close, over 1 event\)/);
    assert.match(md, /\n- False positive: 1\n/);
    assert.match(md, /## Per source\n\n- Vault A: 3 open \(2 high\), 1 closed\n/);
    assert.match(md, /## Top vault users by open risk\n\n- alice: highest open score 97\.3, 1 open\n/);
    const rows = md.split('## Open high-risk events: 2\n\n')[1].split('\n').slice(0, 2);
    assert.deepEqual(rows, [
      '- 97.3 Golden Ticket in Vault A, created 2026-03-20 11:30, last update 2026-03-20 15:30, id e2',
      '- 80 Golden Ticket in Vault A, created 2026-03-20 11:30, last update 2026-03-20 15:30, id e1',
    ]);
    assert.ok(!md.includes('\\'), 'no backslash anywhere');
  });

  it('says so when nothing is open and high, and counts the rows it leaves out', () => {
    assert.match(report([{ id: 'f', label: 'F', events: [event('low', { score: 10 })] }]), /## Open high-risk events: 0\n\nNone\.\n$/);
    const many = Array.from({ length: REPORTED_EVENT_LIMIT + 7 }, (_, i) => event(`e${i}`));
    const md = report([{ id: 'a', label: 'A', events: many }, { id: 'b', label: 'B', events: [] }]);
    assert.match(md, /\n7 more with lower scores are not listed\.\n$/);
    assert.match(md, /## Per source\n\n- A: 57 open \(57 high\), 0 closed\n- B: 0 open \(0 high\), 0 closed\n/);
  });

  it('counts per source, leaves out the signed-out and failed ones and says so, and says which figures are stale', () => {
    const md = reportOf([
      { id: 'vault:prod', label: 'Prod', kind: 'vault', state: LOADED, events: [event('p1'), event('p2', { score: 20 })] },
      { id: 'vault:dr', label: 'DR', kind: 'vault', state: { kind: 'signedOut' }, events: [event('d1')] },
      { id: 'vault:lab', label: 'Lab', kind: 'vault', state: { kind: 'failed', error: 'HTTP 503' }, events: [event('l1')] },
      { id: 'vault:qa', label: 'QA', kind: 'vault', state: { kind: 'stale', asOf: NOW - 2 * HOUR, error: 'HTTP 502' }, events: [event('q1', { status: 'CLOSED' })] },
    ]);
    assert.match(md, /: 3 loaded from Prod, QA\.\nQA could not be refreshed: its figures are as of 2026-03-20 14:30\.\nNot counted: DR \(signed out\), Lab \(its load failed\)\.\n/);
    assert.match(md, /## Per source\n\n- Prod: 2 open \(1 high\), 0 closed\n- QA: 0 open \(0 high\), 1 closed\n\n/);
    assert.match(md, /## Open high-risk events: 1\n\n- 90 Golden Ticket in Prod,/);
  });

  it("never counts twice an event a file holds a copy of, and never merges two vaults' events", () => {
    const vaultEvents = [event('a1'), event('a2', { score: 20 }), event('a3', { status: 'CLOSED' })];
    const md = reportOf([
      { id: 'vault:prod', label: 'Prod', kind: 'vault', state: LOADED, events: vaultEvents },
      { id: 'vault:dr', label: 'DR', kind: 'vault', state: LOADED, events: [event('a1')] },
      { id: 'file:a', label: 'saved.json', kind: 'file', state: LOADED, events: [...vaultEvents, event('f1')] },
      { id: 'file:b', label: 'again.json', kind: 'file', state: LOADED, events: [event('f1'), event('a1')] },
    ]);
    assert.match(md, /: 5 loaded from Prod, DR, `saved\.json`, `again\.json`\./);
    assert.match(md, /\n3 events of `saved\.json` are copies of events in Prod, counted there once\.\n2 events of `again\.json` are copies of events in `saved\.json`, Prod, counted there once\.\n/);
    assert.match(md, /## Open events: 4\n/);
    assert.match(md, /- Prod: 2 open \(1 high\), 1 closed\n- DR: 1 open \(1 high\), 0 closed\n- `saved\.json`: 1 open \(1 high\), 0 closed\n- `again\.json`: 0 open \(0 high\), 0 closed\n/);
    assert.match(md, /## Open high-risk events: 3\n/);
  });

  it('keeps every hostile vault string text where Markdown renders, and readable as written where it does not', () => {
    const events = hostileEvents(NOW).map((raw) => normalizeEvent(raw)!).map((e, i) => ({ ...e, score: 90, status: 'OPEN' as const, id: `${HOSTILE_STRINGS[i]}#${i}` }));
    const kinds: EntityKind[] = ['account', 'user', 'host'];
    const entitiesOf = (e: PtaEvent): Entity[] => kinds.map((kind, k) => ({ kind, key: `${kind}:${e.id}`, label: HOSTILE_STRINGS[(events.indexOf(e as never) + k) % HOSTILE_STRINGS.length] }));
    const md = report(
      HOSTILE_STRINGS.slice(0, 3).map((label, s) => ({ id: `vault:${s}`, label, events: events.filter((_, i) => i % 3 === s) })),
      entitiesOf,
    );
    const html = markdown.render(md);
    assert.doesNotMatch(html, /<(a|img|script|iframe|meta|base|link|style|svg|b|i|h3|h4|h5|h6|blockquote|ol|em|strong|del|table)[\s>/]/i);
    assert.equal((html.match(/<h1>/g) ?? []).length, 1);
    const ownHeadings = md.split('\n').filter((line) => line.startsWith('#'));
    assert.equal((html.match(/<h2>/g) ?? []).length, ownHeadings.length - 1);
    assert.doesNotMatch(md, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the payload is shown as text, not dropped');
    assert.ok(html.includes('[click](command:workbench.action.terminal.new)'));
    // As plain text: each source name and event id as the vault wrote it (made visible and cut, never backslash-escaped).
    const written = (value: string) => displayText(value, 120);
    const values = [...HOSTILE_STRINGS.slice(0, 3).map((label) => written(displayText(label, 80))), ...events.map((e) => written(e.id))];
    for (const value of values) assert.ok(md.includes(value), `${JSON.stringify(value.slice(0, 50))} reads as written`);
    const vaultWritten = [...values, ...HOSTILE_STRINGS.map(written)];
    assert.ok(!vaultWritten.reduce((rest, value) => rest.split(value).join(''), md).includes('\\'), 'no backslash but those the vault wrote');
  });
});

describe('markdownPlainText', () => {
  it('leaves plain words alone and puts anything else in a code span one backtick longer than its longest run', () => {
    assert.equal(markdownPlainText('Golden Ticket 2'), 'Golden Ticket 2');
    assert.equal(markdownPlainText('a*b*'), '`a*b*`');
    assert.equal(markdownPlainText('say `x` or ``y``'), '``` say `x` or ``y`` ```');
    assert.equal(markdownPlainText('`x'), '`` `x ``');
    assert.equal(markdownPlainText('line\nbreak'), 'line break');
    for (const value of ['`x', 'say `x` or ``y``', ' padded ', '<b>x</b>', '[a](b)', '| cell |']) {
      const html = markdown.render(markdownPlainText(value)).trim();
      assert.equal(html, `<p><code>${value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</code></p>`, `${value} renders as written`);
    }
  });
});
