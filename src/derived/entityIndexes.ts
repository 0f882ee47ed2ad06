import { EventSources } from '../sources/eventSources';
import { Disposable, Emitter } from '../util/emitter';
import { EntityIndex } from './entityIndex';

/** One EntityIndex per event source, made and dropped with the source: entities never merge across sources. */
export class EntityIndexes {
  private readonly bySource = new Map<string, { index: EntityIndex; subscription: Disposable }>();
  private readonly changeEmitter = new Emitter<string>();
  /** Fires a source id after that source's index took a change in. */
  readonly onDidChange = this.changeEmitter.event;
  private readonly subscription: Disposable;

  constructor(private readonly sources: EventSources) {
    this.subscription = sources.onDidChangeSources(() => this.sync());
    this.sync();
  }

  of(sourceId: string): EntityIndex | undefined {
    return this.bySource.get(sourceId)?.index;
  }

  /** Resolves once the source's index has every loaded event (at once for a source it does not index). */
  whenBuilt(sourceId: string): Promise<void> {
    return this.of(sourceId)?.whenBuilt() ?? Promise.resolve();
  }

  /** The entity keys of an event, as its source's index knows them (bare IPs joined to their host). */
  keysOf(sourceId: string, eventId: string): string[] {
    return this.of(sourceId)?.keys(eventId) ?? [];
  }

  dispose(): void {
    this.subscription.dispose();
    for (const { index, subscription } of this.bySource.values()) {
      subscription.dispose();
      index.dispose();
    }
    this.bySource.clear();
    this.changeEmitter.dispose();
  }

  private sync(): void {
    for (const [id, entry] of [...this.bySource]) {
      if (this.sources.get(id)) continue;
      entry.subscription.dispose();
      entry.index.dispose();
      this.bySource.delete(id);
    }
    for (const source of this.sources.all()) {
      if (this.bySource.has(source.id)) continue;
      const index = new EntityIndex(source.store);
      this.bySource.set(source.id, { index, subscription: index.onDidChange(() => this.changeEmitter.fire(source.id)) });
    }
  }
}
