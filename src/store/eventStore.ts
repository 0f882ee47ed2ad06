import { EventStatus, PtaEvent } from '../model/ptaEvent';
import { Emitter } from '../util/emitter';
import { jsonEqual } from '../util/jsonEqual';

export interface StoreChange {
  /** `reset`: everything may have changed. `merge`: only the listed ids did. */
  readonly kind: 'reset' | 'merge';
  readonly added: readonly PtaEvent[];
  readonly updated: readonly PtaEvent[];
  /** Ids whose status changed (they moved between Open and Closed). */
  readonly moved: ReadonlySet<string>;
}

/** A change this small is spliced into the sorted lists; a larger one sorts them again. */
const SPLICE_AT_MOST = 256;

/**
 * The one copy of every event held, by id. Lists per status are sorted newest update first,
 * computed once, answered from memory, and after a small change updated by splicing (a new
 * array each time: a list handed out never changes under its holder).
 */
export class EventStore {
  private readonly byId = new Map<string, PtaEvent>();
  private sortedByStatus: Record<EventStatus, PtaEvent[]> | undefined;
  /** The held copy each event of the change replaced (undefined for a new one), for splicing the sorted lists. */
  private replaced: Array<{ before: PtaEvent | undefined; after: PtaEvent }> = [];
  private readonly changeEmitter = new Emitter<StoreChange>();
  readonly onDidChange = this.changeEmitter.event;

  get size(): number {
    return this.byId.size;
  }

  get(id: string): PtaEvent | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Events of one status, newest update first. Do not mutate. */
  list(status: EventStatus): readonly PtaEvent[] {
    return this.sorted()[status];
  }

  count(status: EventStatus): number {
    return this.sorted()[status].length;
  }

  all(): IterableIterator<PtaEvent> {
    return this.byId.values();
  }

  replaceAll(events: readonly PtaEvent[]): StoreChange {
    this.byId.clear();
    for (const event of events) this.put(event, false);
    return this.changed({ kind: 'reset', added: [...this.byId.values()], updated: [], moved: new Set() });
  }

  /**
   * Adds new events and replaces held ones unless the held copy is newer. A copy identical to
   * the one held (re-sent in the refresh overlap window) is no update; so is an undated copy
   * (no lastUpdateTime: its stand-in time says nothing) whose content is the held one's.
   */
  merge(events: readonly PtaEvent[]): StoreChange {
    return this.take(events, supersedes);
  }

  /** Takes the vault's answer to a change as the truth, whatever its timestamps say. */
  upsert(event: PtaEvent): StoreChange {
    return this.upsertAll([event]);
  }

  /** Takes the vault's answers to several changes as the truth, as one change: the views catch up once. */
  upsertAll(events: readonly PtaEvent[]): StoreChange {
    return this.take(events, () => true);
  }

  /** Adds new events, and replaces each held one that `replaces(event, held)` says to, as one change. */
  private take(events: readonly PtaEvent[], replaces: (event: PtaEvent, held: PtaEvent) => boolean): StoreChange {
    const added: PtaEvent[] = [];
    const updated: PtaEvent[] = [];
    const moved = new Set<string>();
    for (const event of events) {
      const held = this.byId.get(event.id);
      if (!held) {
        added.push(event);
      } else if (replaces(event, held)) {
        updated.push(event);
        if (held.status !== event.status) moved.add(event.id);
      } else {
        continue;
      }
      this.put(event);
    }
    return this.changed({ kind: 'merge', added, updated, moved });
  }

  clear(): void {
    this.replaceAll([]);
  }

  private put(event: PtaEvent, noteReplaced = true): void {
    if (noteReplaced) this.replaced.push({ before: this.byId.get(event.id), after: event });
    this.byId.set(event.id, event);
  }

  private changed(change: StoreChange): StoreChange {
    const replaced = this.replaced;
    this.replaced = [];
    if (change.kind === 'reset' || change.added.length > 0 || change.updated.length > 0) {
      this.sortedByStatus = change.kind === 'merge' && this.sortedByStatus && replaced.length <= SPLICE_AT_MOST ? spliced(this.sortedByStatus, replaced) : undefined;
      this.changeEmitter.fire(change);
    }
    return change;
  }

  private sorted(): Record<EventStatus, PtaEvent[]> {
    if (!this.sortedByStatus) {
      const groups: Record<EventStatus, PtaEvent[]> = { OPEN: [], CLOSED: [] };
      for (const event of this.byId.values()) groups[event.status].push(event);
      for (const list of Object.values(groups)) list.sort(newestUpdateFirst);
      this.sortedByStatus = groups;
    }
    return this.sortedByStatus;
  }
}

function supersedes(event: PtaEvent, held: PtaEvent): boolean {
  if (!event.hasUpdateTime) return !(event.status === held.status && jsonEqual(event.raw, held.raw));
  return event.lastUpdateTime > held.lastUpdateTime || (event.lastUpdateTime === held.lastUpdateTime && !sameContent(held, event));
}

/** The sorted lists with each replaced copy taken out and each new one put in its place. */
function spliced(lists: Record<EventStatus, PtaEvent[]>, replaced: ReadonlyArray<{ before: PtaEvent | undefined; after: PtaEvent }>): Record<EventStatus, PtaEvent[]> {
  const next: Record<EventStatus, PtaEvent[]> = { OPEN: lists.OPEN.slice(), CLOSED: lists.CLOSED.slice() };
  for (const { before, after } of replaced) {
    if (before) {
      const list = next[before.status];
      const at = sortedPosition(list, before);
      if (list[at] === before) list.splice(at, 1);
    }
    const list = next[after.status];
    list.splice(sortedPosition(list, after), 0, after);
  }
  return next;
}

/** Where `event` is, or would go, in a list sorted newest update first. */
function sortedPosition(list: readonly PtaEvent[], event: PtaEvent): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (newestUpdateFirst(list[middle], event) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Cheap checks first; the whole raw JSON only when they agree. */
function sameContent(a: PtaEvent, b: PtaEvent): boolean {
  return a.lastUpdateTime === b.lastUpdateTime && a.status === b.status && jsonEqual(a.raw, b.raw);
}

export function newestUpdateFirst(a: PtaEvent, b: PtaEvent): number {
  return b.lastUpdateTime - a.lastUpdateTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
