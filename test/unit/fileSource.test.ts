import assert from 'node:assert/strict';
import { SourceState } from '../../src/sources/eventSource';
import { FileLocation, FileSource } from '../../src/sources/fileSource';
import { generateEvents } from '../simulator/data';

const location: FileLocation = { path: '/home/analyst/saved/answer.pta.json', toString: () => 'file:///home/analyst/saved/answer.pta.json' };
const events = generateEvents({ count: 50, seed: 3, now: 1_750_000_000_000 });

function sourceReading(contents: () => string | Error): { source: FileSource; states: SourceState[] } {
  const source = new FileSource({
    location,
    read: async () => {
      const value = contents();
      if (value instanceof Error) throw value;
      return Buffer.from(value, 'utf8');
    },
    now: () => 42,
  });
  const states: SourceState[] = [];
  source.onDidChangeState((state) => states.push(state));
  return { source, states };
}

describe('FileSource', () => {
  it('is a read-only source named after its file', () => {
    const { source } = sourceReading(() => '[]');
    assert.equal(source.id, 'file:file:///home/analyst/saved/answer.pta.json');
    assert.equal(source.kind, 'file');
    assert.equal(source.label, 'answer.pta.json');
    assert.deepEqual(source.capabilities, { triage: false, refresh: true, openInPvwa: false });
  });

  it('loads through the reader: loading, then loaded with every usable event in its store', async () => {
    const { source, states } = sourceReading(() => JSON.stringify([...events, { id: null, type: 'GoldenTicket' }]));
    const result = await source.load();
    assert.deepEqual(result, { ok: true, loaded: 50, skipped: 1 });
    assert.deepEqual(states, [{ kind: 'loading' }, { kind: 'loaded', asOf: 42 }]);
    assert.equal(source.store.size, 50);
    assert.equal(source.store.count('OPEN') + source.store.count('CLOSED'), 50);
  });

  it('takes text instead of reading, for an editor whose content is not saved', async () => {
    const { source } = sourceReading(() => new Error('must not be read'));
    assert.deepEqual(await source.load(JSON.stringify(events[0])), { ok: true, loaded: 1, skipped: 0 });
    assert.ok(source.store.has(events[0].id));
  });

  it('fails with the message, holding nothing, when the first load cannot be read', async () => {
    const { source } = sourceReading(() => '{"name": "x"}');
    const result = await source.load();
    assert.equal(result.ok, false);
    assert.deepEqual(source.state, { kind: 'failed', error: 'Expected PTA events (a list of events, one event, a recorded API answer, psPAS output or one event per line); found a JSON object with keys name.' });
    assert.equal(source.store.size, 0);
  });

  it('keeps the last good list as stale when a reload fails, and picks up changes when it works again', async () => {
    let contents: string | Error = JSON.stringify(events);
    const { source } = sourceReading(() => contents);
    await source.load();
    contents = new Error('ENOENT: no such file');
    await source.load();
    assert.deepEqual(source.state, { kind: 'stale', asOf: 42, error: 'answer.pta.json could not be read: ENOENT: no such file' });
    assert.equal(source.store.size, 50);
    contents = JSON.stringify(events.slice(0, 5));
    await source.load();
    assert.equal(source.state.kind, 'loaded');
    assert.equal(source.store.size, 5);
  });

  it('lets the later of two overlapping loads decide', async () => {
    const replies: Array<(bytes: Uint8Array) => void> = [];
    const source = new FileSource({ location, read: () => new Promise((resolve) => replies.push(resolve)) });
    const first = source.load();
    const second = source.load();
    replies[1](Buffer.from(JSON.stringify(events.slice(0, 2))));
    replies[0](Buffer.from(JSON.stringify(events)));
    assert.equal((await second).ok, true);
    assert.equal((await first).ok, false);
    assert.equal(source.store.size, 2);
  });
});
