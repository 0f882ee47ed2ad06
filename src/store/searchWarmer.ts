import { PtaEvent } from '../model/ptaEvent';
import { EventSources } from '../sources/eventSources';
import { Disposable } from '../util/emitter';
import { EventView } from './eventView';

/** The longest the warmer holds the host before it lets other work run. */
const SLICE_MS = 20;

/**
 * Builds the view's search texts of a source's events after each full load, a slice at a time,
 * list by list (Open, then Closed, as the store sorts them), so the first keystroke of a text
 * filter finds them ready, side by side with the lists it searches. Pure; no vscode.
 *
 * It starts once `goesFirst` settles for the source (the entity index's build, which the tree's
 * hints and the details panel wait for): two background jobs taking turns would both end late.
 */
export class SearchWarmer implements Disposable {
  private readonly warming = new Map<string, { cancelled: boolean; done: Promise<void> }>();
  private readonly subscription: Disposable;

  constructor(
    private readonly sources: EventSources,
    private readonly view: EventView,
    private readonly goesFirst: (sourceId: string) => Promise<void> = () => Promise.resolve(),
  ) {
    this.subscription = sources.onDidChangeEvents(({ source, change }) => {
      if (change.kind === 'reset') this.warm(source.id);
    });
  }

  /** Resolves once the search texts of every loaded event are built. */
  async whenReady(): Promise<void> {
    await Promise.all([...this.warming.values()].map((warming) => warming.done));
  }

  dispose(): void {
    this.subscription.dispose();
    for (const warming of this.warming.values()) warming.cancelled = true;
  }

  private warm(sourceId: string): void {
    const previous = this.warming.get(sourceId);
    if (previous) previous.cancelled = true;
    let lists: Array<readonly PtaEvent[]> | undefined;
    let texts: string[] = [];
    let finished = () => {};
    const warming = { cancelled: false, done: new Promise<void>((resolve) => (finished = resolve)) };
    this.warming.set(sourceId, warming);
    const slice = () => {
      if (warming.cancelled) return finished();
      const ends = performance.now() + SLICE_MS;
      // Taken in the first slice: the store sorts its lists on first need.
      const store = this.sources.get(sourceId)?.store;
      lists ??= store ? [store.list('OPEN'), store.list('CLOSED')] : [];
      while (lists.length > 0) {
        const events = lists[0];
        while (texts.length < events.length) {
          texts.push(this.view.searchTextOf(events[texts.length]));
          if ((texts.length & 63) === 0 && performance.now() >= ends) return void setImmediate(slice);
        }
        this.view.keepSearchTexts(events, texts);
        lists.shift();
        texts = [];
      }
      if (this.warming.get(sourceId) === warming) this.warming.delete(sourceId);
      finished();
    };
    // A turn later: the reset that started this warming reaches the other background jobs too.
    setImmediate(() => void this.goesFirst(sourceId).then(() => setImmediate(slice)));
  }
}
