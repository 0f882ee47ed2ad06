import { entitiesOf } from '../../src/model/entities';
import { EventSource, SourceState } from '../../src/sources/eventSource';
import { EventSources } from '../../src/sources/eventSources';
import { EventStore } from '../../src/store/eventStore';
import { EventView } from '../../src/store/eventView';
import { Emitter } from '../../src/util/emitter';

/** A loaded source around a store, for tests and the bench that need the view without a vault. */
export class StoreSource implements EventSource {
  readonly kind = 'vault' as const;
  readonly capabilities = { triage: false, refresh: false, openInPvwa: false };
  readonly state: SourceState = { kind: 'loaded', asOf: Date.now() };
  readonly isPlaceholder = false;
  private readonly emitter = new Emitter<SourceState>();
  readonly onDidChangeState = this.emitter.event;

  constructor(
    readonly store: EventStore,
    readonly id = 'vault:test',
    readonly label = 'Test vault',
  ) {}
}

/** The Events view's lists over one store, as the extension builds them. */
export function viewOver(store: EventStore): { view: EventView; sourceId: string; sources: EventSources } {
  const sources = new EventSources();
  const source = new StoreSource(store);
  sources.add(source);
  return { view: new EventView(sources, (_sourceId, event) => entitiesOf(event).map((e) => e.key)), sourceId: source.id, sources };
}
