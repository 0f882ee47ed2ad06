import MarkdownIt from 'markdown-it';
import assert from 'node:assert/strict';
import { ActionRecords, closeSummary, RecordedAction, recordMarkdown, RECORD_KEY } from '../../src/respond/actionRecord';

const AT = Date.UTC(2026, 11, 3, 9, 30);

function entry(overrides: Partial<RecordedAction>): RecordedAction {
  return { action: 'terminateSession', target: "jdoe's PSM session on root@10.1.8.182", at: AT, by: 'analyst', vault: 'Prod', outcome: 'done', detail: 'Terminated.', summary: "Terminated jdoe's PSM session", ...overrides };
}

/** A Memento stand-in that keeps values as JSON, as VS Code's storage does. */
function memoryStorage() {
  const values = new Map<string, string>();
  return {
    values,
    get: <T>(key: string) => (values.has(key) ? (JSON.parse(values.get(key)!) as T) : undefined),
    update: (key: string, value: unknown) => {
      values.set(key, JSON.stringify(value));
      return Promise.resolve();
    },
  };
}

describe('the record of respond actions', () => {
  it('sums up what succeeded for the close text, within 100 characters, leaving failures out', () => {
    const text = closeSummary([
      entry({}),
      entry({ action: 'verifyCredentials', outcome: 'failed', summary: undefined, detail: 'HTTP 403' }),
      entry({ action: 'changeCredentials', outcome: 'requested', summary: 'credential change requested' }),
      entry({ action: 'suspendVaultUser', summary: 'jdoe suspended' }),
    ]);
    assert.equal(text, "Terminated jdoe's PSM session; credential change requested; jdoe suspended");
    assert.equal(closeSummary([entry({ outcome: 'failed' })]), undefined);
    const long = closeSummary([entry({ summary: 'x'.repeat(60) }), entry({ summary: 'y'.repeat(50) }), entry({ summary: 'short one' })]);
    assert.ok(long && long.length <= 100);
    assert.equal(long, `${'X'}${'x'.repeat(59)}; short one`);
  });

  it('keeps entries per source and event, across instances, and clears one event only', async () => {
    const storage = memoryStorage();
    const records = new ActionRecords(storage);
    const a = { sourceId: 'vault:prod', eventId: 'e1' };
    const b = { sourceId: 'vault:dr', eventId: 'e1' };
    await records.add(a, entry({}));
    await records.add(b, entry({ vault: 'DR' }));
    const again = new ActionRecords(storage);
    assert.equal(again.list(a).length, 1);
    assert.equal(again.list(b)[0].vault, 'DR');
    assert.deepEqual(again.entries().map((e) => e.ref), [a, b]);
    await again.clear(a);
    assert.equal(again.list(a).length, 0);
    assert.equal(again.list(b).length, 1);
    assert.ok(storage.values.has(RECORD_KEY));
  });

  it('keeps vault strings inert in its Markdown, without backslashes (it pastes as plain text too)', () => {
    const lines = recordMarkdown('Done', [entry({ by: '[x](https://evil)', detail: '<img src=x onerror=alert(1)>' })]);
    const html = new MarkdownIt({ html: true, linkify: true }).render(lines.join('\n'));
    assert.doesNotMatch(html, /<a |<img/);
    assert.match(html, /\[x\]\(https:\/\/evil\)/, 'the text reads as written');
    assert.doesNotMatch(lines.join('\n'), /\\/);
  });
});
