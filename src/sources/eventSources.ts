import { PtaEvent } from '../model/ptaEvent';
import { StoreChange } from '../store/eventStore';
import { Disposable, Emitter } from '../util/emitter';
import { EventRef, EventSource } from './eventSource';

export interface SourcedEvent {
  readonly source: EventSource;
  readonly event: PtaEvent;
}

export interface SourceStoreChange {
  readonly source: EventSource;
  readonly change: StoreChange;
}

/**
 * Every event source in the order shown: vaults as configured, then files as opened. Relays
 * each source's store and state changes, so views subscribe once. Pure: no vscode.
 */
export class EventSources {
  private readonly sources: EventSource[] = [];
  private readonly subscriptions = new Map<string, Disposable[]>();
  private readonly listEmitter = new Emitter<void>();
  private readonly stateEmitter = new Emitter<EventSource>();
  private readonly eventsEmitter = new Emitter<SourceStoreChange>();
  /** A source was added or removed. */
  readonly onDidChangeSources = this.listEmitter.event;
  readonly onDidChangeState = this.stateEmitter.event;
  readonly onDidChangeEvents = this.eventsEmitter.event;

  all(): readonly EventSource[] {
    return this.sources;
  }

  get(sourceId: string): EventSource | undefined {
    return this.sources.find((s) => s.id === sourceId);
  }

  resolve(ref: EventRef): SourcedEvent | undefined {
    const source = this.get(ref.sourceId);
    const event = source?.store.get(ref.eventId);
    return source && event ? { source, event } : undefined;
  }

  /** Adds a source after the others of its kind (vaults first). */
  add(source: EventSource): void {
    if (this.get(source.id)) throw new Error(`duplicate event source ${source.id}`);
    const firstFile = this.sources.findIndex((s) => s.kind === 'file');
    if (source.kind === 'vault' && firstFile >= 0) this.sources.splice(firstFile, 0, source);
    else this.sources.push(source);
    this.subscriptions.set(source.id, [
      source.onDidChangeState(() => this.stateEmitter.fire(source)),
      source.store.onDidChange((change) => this.eventsEmitter.fire({ source, change })),
    ]);
    this.listEmitter.fire();
  }

  /** Removes it; the caller disposes it. */
  remove(sourceId: string): EventSource | undefined {
    const index = this.sources.findIndex((s) => s.id === sourceId);
    if (index < 0) return undefined;
    const [source] = this.sources.splice(index, 1);
    for (const s of this.subscriptions.get(sourceId) ?? []) s.dispose();
    this.subscriptions.delete(sourceId);
    this.listEmitter.fire();
    return source;
  }

  dispose(): void {
    for (const list of this.subscriptions.values()) for (const s of list) s.dispose();
    this.subscriptions.clear();
    this.listEmitter.dispose();
    this.stateEmitter.dispose();
    this.eventsEmitter.dispose();
  }
}
