import * as assert from 'node:assert/strict';
import { normalizeEvent } from '../../src/model/ptaEvent';
import { EventStore } from '../../src/store/eventStore';
import { viewOver } from '../support/storeSource';
import { GroupPages, PAGE_SIZE } from '../../src/tree/groupPages';
import { generateEvents } from '../simulator/data';

describe('group pages', () => {
  const store = new EventStore();
  store.replaceAll(generateEvents({ count: 700, seed: 4, now: Date.UTC(2025, 0, 15) }).map((raw) => normalizeEvent(raw)!).filter(Boolean));
  const { view, sourceId } = viewOver(store);
  const open = () => view.list(sourceId, 'OPEN');
  const newPages = () => new GroupPages(sourceId, (status) => view.list(sourceId, status));

  it('answers one page and a Show more node naming the rest', () => {
    const pages = newPages();
    const children = pages.children('OPEN');
    assert.equal(children.length, PAGE_SIZE + 1);
    assert.deepEqual(children[PAGE_SIZE], { kind: 'more', sourceId, status: 'OPEN', remaining: open().length - PAGE_SIZE });
    assert.deepEqual(children.slice(0, 3).map((n) => (n.kind === 'event' ? n.eventId : '')), open().slice(0, 3).map((e) => e.id));
  });

  it('adds a page per Show more and pages far enough to reveal an event', () => {
    const pages = newPages();
    pages.showMore('OPEN');
    assert.equal(pages.children('OPEN').length, 2 * PAGE_SIZE + 1);
    assert.equal(pages.pageTo('OPEN', 10), false);
    assert.equal(pages.pageTo('OPEN', open().length - 1), true);
    assert.equal(pages.children('OPEN').length, open().length);
    pages.reset();
    assert.equal(pages.children('OPEN').length, PAGE_SIZE + 1);
  });

  it('keeps one node object per event across calls', () => {
    const pages = newPages();
    const [first] = pages.children('OPEN');
    assert.equal(pages.children('OPEN')[0], first);
    assert.equal(pages.eventNode(open()[0].id), first);
  });
});
