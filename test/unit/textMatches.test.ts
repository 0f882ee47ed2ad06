import assert from 'node:assert/strict';
import { normalizeEvent, PtaEvent } from '../../src/model/ptaEvent';
import { eventSearchText } from '../../src/store/eventFilter';
import { EventStore } from '../../src/store/eventStore';
import { SearchWarmer } from '../../src/store/searchWarmer';
import { TextMatches } from '../../src/store/textMatches';
import { generateEvents } from '../simulator/data';
import { viewOver } from '../support/storeSource';

const NOW = Date.UTC(2025, 0, 15, 12);
const events = () => generateEvents({ count: 600, seed: 11, now: NOW, averageAudits: 3 }).map((e) => normalizeEvent(e)!);

/** What a fresh filter keeps: every event whose search text holds the needle. */
const everyMatch = (list: readonly PtaEvent[], needle: string) => list.filter((e) => eventSearchText(e).includes(needle));

describe('TextMatches', () => {
  const list = events();
  const texts = list.map(eventSearchText);

  it('keeps the events whose search text holds the needle, in the order of the list', () => {
    for (const needle of ['a', 'admin', '10.', 'zzz-nowhere']) assert.deepEqual(TextMatches.find(list, texts, needle).events, everyMatch(list, needle), needle);
    assert.ok(TextMatches.find(list, texts, 'admin').events.length > 0, 'the data has admins to find');
  });

  it('narrows to what a fresh search finds when the needle grows at either end or both', () => {
    for (const [from, to] of [['a', 'ad'], ['ad', 'adm'], ['dm', 'admin'], ['min', 'admin'], ['0', '10.0'], ['.', 'corp.example.com'], ['admin', 'admin']]) {
      const narrowed = TextMatches.find(list, texts, from).narrow(to);
      assert.ok(narrowed, `${from} -> ${to}`);
      assert.deepEqual(narrowed.events, everyMatch(list, to), `${from} -> ${to}`);
      assert.equal(narrowed.needle, to);
    }
  });

  it('narrows step by step as typed, each step the same as a fresh search', () => {
    let matches = TextMatches.find(list, texts, 's');
    for (const needle of ['sv', 'svc', 'svc_', 'svc_s', 'svc_sc']) {
      matches = matches.narrow(needle)!;
      assert.deepEqual(matches.events, everyMatch(list, needle), needle);
    }
  });

  it('cannot narrow to a needle that does not hold its own: that one is searched afresh', () => {
    const matches = TextMatches.find(list, texts, 'admin');
    assert.equal(matches.narrow('admi'), undefined, 'a character deleted');
    assert.equal(matches.narrow('root'), undefined, 'the text replaced');
  });

  it('finds a needle grown at the front where it starts, before the shorter needle\'s first occurrence', () => {
    const [event] = list;
    const matches = TextMatches.find([event], ['xab\nb'], 'b');
    assert.deepEqual(matches.narrow('ab')?.events, [event]);
    assert.deepEqual(matches.narrow('xab')?.events, [event]);
    assert.deepEqual(matches.narrow('xab')?.narrow('\nxab')?.events, []);
  });
});

describe('EventView text filter', () => {
  function viewAndReference(all: readonly PtaEvent[]) {
    const store = new EventStore();
    store.replaceAll(all);
    const typing = viewOver(store);
    const reference = viewOver(store);
    /** The reference filters every event afresh: no filter in between, so nothing is kept from before. */
    const check = (label: string) => {
      reference.view.setFilter({});
      reference.view.restore(typing.view.currentFilter, typing.view.sortOrder);
      for (const status of ['OPEN', 'CLOSED'] as const) {
        assert.deepEqual(typing.view.list(typing.sourceId, status), reference.view.list(reference.sourceId, status), `${label} ${status}`);
      }
    };
    return { store, ...typing, check };
  }

  it('lists what a fresh filter lists while text is typed, deleted, replaced and cleared', () => {
    const { view, check } = viewAndReference(events());
    for (const text of ['a', 'ad', 'adm', 'admi', 'admin', 'admi', 'adm', 'root', ' ROOT ', 'ro', '', 'x', 'xa', 'a']) {
      view.setFilter({ text }, { transient: true });
      check(JSON.stringify(text));
    }
  });

  it('keeps the rest of the filter and the order while the text changes, and follows them when they change', () => {
    const { view, check } = viewAndReference(events());
    view.setSortOrder('score');
    for (const filter of [{ minScore: 40, text: 'a' }, { minScore: 40, text: 'ad' }, { minScore: 60, text: 'ad' }, { minScore: 60, text: 'adm' }, { status: 'OPEN' as const, text: 'adm' }, { text: 'adm' }]) {
      view.setFilter(filter, { transient: true });
      check(JSON.stringify(filter));
    }
    view.setSortOrder('updated');
    check('by update');
  });

  it('lists the store as it is now when events change between two keystrokes', () => {
    const { store, view, sourceId, check } = viewAndReference(events());
    view.setFilter({ text: 'ad' }, { transient: true });
    const [closing] = view.list(sourceId, 'OPEN');
    view.holdPlaces(sourceId, [closing]);
    store.upsert(normalizeEvent({ ...(closing.raw as object), mStatus: 'CLOSED', lastUpdateTime: closing.lastUpdateTime + 1000 })!);
    view.setFilter({ text: 'adm' }, { transient: true });
    check('after a close');
    assert.ok(view.list(sourceId, 'CLOSED').some((e) => e.id === closing.id), 'the closed event moved to Closed');
    const [added] = events();
    store.upsert(normalizeEvent({ ...(added.raw as object), id: 'new-admin', lastUpdateTime: NOW + 5000 })!);
    view.setFilter({ text: 'admi' }, { transient: true });
    check('after an event arrived');
    view.releasePlaces(sourceId);
    view.setFilter({ text: 'admin' }, { transient: true });
    check('after a refresh released the places');
  });

  it('searches the texts the warmer built after a load, side by side with the lists, with the same result', async () => {
    const { store, view, sourceId, sources, check } = viewAndReference([]);
    const warmer = new SearchWarmer(sources, view);
    try {
      store.replaceAll(events());
      await warmer.whenReady();
      for (const status of ['OPEN', 'CLOSED'] as const) {
        const list = store.list(status);
        assert.deepEqual(view.searchTextsOf(list), list.map(eventSearchText), status);
      }
      view.setFilter({ text: 'admin' }, { transient: true });
      check('warmed');
      assert.ok(view.list(sourceId, 'OPEN').length > 0);
    } finally {
      warmer.dispose();
    }
  });

  it('starts building the search texts only once the job that goes first (the entity index) has finished', async () => {
    const { store, view, sources } = viewAndReference([]);
    let letGo = () => {};
    const goesFirst = new Promise<void>((resolve) => (letGo = resolve));
    const kept: Array<readonly PtaEvent[]> = [];
    const keep = view.keepSearchTexts.bind(view);
    view.keepSearchTexts = (list, texts) => {
      kept.push(list);
      keep(list, texts);
    };
    const warmer = new SearchWarmer(sources, view, () => goesFirst);
    try {
      store.replaceAll(events());
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(kept, [], 'search texts were built while the index was still being built');
      letGo();
      await warmer.whenReady();
      assert.deepEqual(kept, [store.list('OPEN'), store.list('CLOSED')]);
    } finally {
      warmer.dispose();
    }
  });
});
