import { newestFirst, RawEvent } from './data';

/** The vault's events by id, with the newest-first order every GET answers with kept until something changes. */
export class EventStore {
  private readonly byId = new Map<string, RawEvent>();
  private sorted: RawEvent[] | undefined;

  constructor(events: RawEvent[]) {
    this.replaceAll(events);
  }

  replaceAll(events: RawEvent[]): void {
    this.byId.clear();
    for (const event of events) this.byId.set(event.id, event);
    this.sorted = undefined;
  }

  upsert(event: RawEvent): void {
    this.byId.set(event.id, event);
    this.sorted = undefined;
  }

  get(id: string): RawEvent | undefined {
    return this.byId.get(id);
  }

  newestFirst(): readonly RawEvent[] {
    this.sorted ??= [...this.byId.values()].sort(newestFirst);
    return this.sorted;
  }
}
