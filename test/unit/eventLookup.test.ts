import assert from 'node:assert/strict';
import { normalizeEvent, PtaEvent } from '../../src/model/ptaEvent';
import { EventSource, SourceState } from '../../src/sources/eventSource';
import { lookupEvent } from '../../src/sources/eventLookup';
import { EventSources } from '../../src/sources/eventSources';
import { EventStore } from '../../src/store/eventStore';
import { Emitter } from '../../src/util/emitter';
import { generateEvents } from '../simulator/data';

const [openRaw, closedRaw, otherRaw] = [
  ...generateEvents({ count: 40, seed: 5, now: 1_750_000_000_000 }).filter((e) => e.mStatus === 'OPEN').slice(0, 1),
  ...generateEvents({ count: 40, seed: 5, now: 1_750_000_000_000 }).filter((e) => e.mStatus === 'CLOSED').slice(0, 1),
  ...generateEvents({ count: 40, seed: 6, now: 1_750_000_000_000 }).slice(0, 1),
];
const open = normalizeEvent(openRaw)!;
const closed = normalizeEvent(closedRaw)!;
const other = normalizeEvent(otherRaw)!;

function source(id: string, kind: 'vault' | 'file', events: PtaEvent[], state: SourceState = { kind: 'loaded', asOf: 1 }): EventSource {
  const store = new EventStore();
  store.replaceAll(events);
  return {
    id,
    kind,
    label: id,
    store,
    state,
    isPlaceholder: false,
    capabilities: { triage: kind === 'vault', refresh: true, openInPvwa: kind === 'vault' },
    onDidChangeState: new Emitter<SourceState>().event,
  };
}

function sourcesOf(...list: EventSource[]): EventSources {
  const sources = new EventSources();
  for (const s of list) sources.add(s);
  return sources;
}

describe('lookupEvent', () => {
  it('finds an id held by one source, named; a document of no source never offers a close', () => {
    const sources = sourcesOf(source('vault:prod', 'vault', [open, closed]), source('file:a', 'file', [other]));
    assert.deepEqual(lookupEvent(sources, open.id), { ref: { sourceId: 'vault:prod', eventId: open.id }, sourceLabel: 'vault:prod', canClose: false });
    assert.deepEqual(lookupEvent(sources, other.id), { ref: { sourceId: 'file:a', eventId: other.id }, sourceLabel: 'file:a', canClose: false });
    assert.equal(lookupEvent(sources, 'not-held'), undefined);
  });

  it("only a signed-in vault's open event, in that vault's own document, can be closed", () => {
    const sources = sourcesOf(source('vault:prod', 'vault', [open, closed]));
    assert.equal(lookupEvent(sources, open.id, 'vault:prod')?.canClose, true);
    assert.equal(lookupEvent(sources, closed.id, 'vault:prod')?.canClose, false);
  });

  it('names no event when several sources hold the id, unless the document says which source it belongs to', () => {
    const sources = sourcesOf(source('vault:prod', 'vault', [open]), source('file:a', 'file', [open]));
    assert.equal(lookupEvent(sources, open.id), undefined);
    assert.deepEqual(lookupEvent(sources, open.id, 'file:a'), { ref: { sourceId: 'file:a', eventId: open.id }, sourceLabel: 'file:a', canClose: false });
    assert.deepEqual(lookupEvent(sources, open.id, 'vault:prod'), { ref: { sourceId: 'vault:prod', eventId: open.id }, sourceLabel: 'vault:prod', canClose: true });
  });

  it("a file's document never names a vault's event with the same id, and skips signed-out vaults", () => {
    const withOther = sourcesOf(source('vault:prod', 'vault', [open]), source('file:a', 'file', [other]));
    assert.equal(lookupEvent(withOther, open.id, 'file:a'), undefined, 'the file does not hold it: the vault event of that id is another event');
    const signedOut = sourcesOf(source('vault:prod', 'vault', [open], { kind: 'signedOut' }), source('file:a', 'file', [other]));
    assert.equal(lookupEvent(signedOut, open.id), undefined);
    assert.deepEqual(lookupEvent(signedOut, other.id, 'vault:prod'), undefined);
  });
});
