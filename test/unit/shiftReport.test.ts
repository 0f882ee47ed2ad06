import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { computeOverview } from '../../src/derived/overviewAggregates';
import { openHighRiskEvents, REPORTED_EVENT_LIMIT, shiftReportMarkdown } from '../../src/derived/shiftReport';
import type { Entity, EntityKind } from '../../src/model/entities';
import { normalizeEvent, PtaEvent } from '../../src/model/ptaEvent';
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
  const overview = computeOverview({ sources, now: NOW, lookbackDays: 7, timeZone: 'Europe/Paris', entitiesOf });
  return shiftReportMarkdown(overview, openHighRiskEvents(sources), NOW);
}

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
    assert.match(md, /## Open events: 3\n\n\| Risk \| Open events \|\n\| --- \| ---: \|\n\| High \(score above 75\) \| 2 \|\n\| Medium \(35 to 75\) \| 0 \|\n\| Low \(below 35\) \| 1 \|/);
    assert.match(md, /Median time from creation to last update of closed events: 3 h \(an approximation of the time to close, over 1 events\)/);
    assert.match(md, /\| False positive \| 1 \|/);
    assert.match(md, /## Top vault users by open risk\n\n\| Vault user \| Highest open score \| Open events \|\n\| --- \| ---: \| ---: \|\n\| alice \| 97\.3 \| 1 \|/);
    const rows = md.split('## Open high-risk events: 2\n\n')[1].split('\n').slice(2, 4);
    assert.deepEqual(rows, [
      '| 97.3 | Golden Ticket | Vault A | 2026-03-20 11:30 | 2026-03-20 15:30 | e2 |',
      '| 80 | Golden Ticket | Vault A | 2026-03-20 11:30 | 2026-03-20 15:30 | e1 |',
    ]);
    assert.ok(!md.includes('## Per source'), 'one source needs no per-source table');
  });

  it('says so when nothing is open and high, and counts the rows it leaves out', () => {
    assert.match(report([{ id: 'f', label: 'F', events: [event('low', { score: 10 })] }]), /## Open high-risk events: 0\n\nNone\.\n$/);
    const many = Array.from({ length: REPORTED_EVENT_LIMIT + 7 }, (_, i) => event(`e${i}`));
    const md = report([{ id: 'a', label: 'A', events: many }, { id: 'b', label: 'B', events: [] }]);
    assert.match(md, /\n7 more with lower scores are not listed\.\n$/);
    assert.match(md, /## Per source\n\n\| Source \| Open \| Open high \| Closed \|\n\| --- \| ---: \| ---: \| ---: \|\n\| A \| 57 \| 57 \| 0 \|\n\| B \| 0 \| 0 \| 0 \|/);
  });

  it('keeps every hostile vault string text: no link, image, markup, heading or broken table row', () => {
    const events = hostileEvents(NOW).map((raw) => normalizeEvent(raw)!).map((e, i) => ({ ...e, score: 90, status: 'OPEN' as const, id: `${HOSTILE_STRINGS[i]}#${i}` }));
    const kinds: EntityKind[] = ['account', 'user', 'host'];
    const entitiesOf = (e: PtaEvent): Entity[] => kinds.map((kind, k) => ({ kind, key: `${kind}:${e.id}`, label: HOSTILE_STRINGS[(events.indexOf(e as never) + k) % HOSTILE_STRINGS.length] }));
    const md = report(
      HOSTILE_STRINGS.slice(0, 3).map((label, s) => ({ id: `vault:${s}`, label, events: events.filter((_, i) => i % 3 === s) })),
      entitiesOf,
    );
    const html = markdown.render(md);
    assert.doesNotMatch(html, /<(a|img|script|iframe|meta|base|link|style|svg|b|i|h3|h4|h5|h6|blockquote|ul|ol|code|em|strong|del)[\s>/]/i);
    assert.equal((html.match(/<h1>/g) ?? []).length, 1);
    const ownHeadings = md.split('\n').filter((line) => line.startsWith('#'));
    assert.equal((html.match(/<h2>/g) ?? []).length, ownHeadings.length - 1);
    for (const tableHtml of html.match(/<table>[\s\S]*?<\/table>/g) ?? []) {
      const widths = (tableHtml.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).map((row) => (row.match(/<t[hd][\s>]/g) ?? []).length);
      assert.equal(new Set(widths).size, 1, `every row as wide as the header: ${widths.join(',')}`);
    }
    assert.equal((html.match(/<table>/g) ?? []).length, md.split('\n').filter((line) => /^\| -/.test(line)).length);
    assert.doesNotMatch(md, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the payload is shown as text, not dropped');
    assert.ok(html.includes('[click](command:workbench.action.terminal.new)'));
  });
});
