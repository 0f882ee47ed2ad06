import { EventRef, EventSource } from './eventSource';
import { EventSources } from './eventSources';

export interface FoundEvent {
  readonly ref: EventRef;
  /** A signed-in vault's open event: it may be closed from where it was found. */
  readonly canClose: boolean;
}

/**
 * Which loaded event an id written in a document is: the event of `preferredSourceId` (the source
 * the document belongs to: a raw JSON document's, or the file source opened from it) when that
 * source holds it, else the one source holding an event with that id. An id held by several
 * sources names no event, since event ids are unique within a source only.
 */
export function lookupEvent(sources: EventSources, eventId: string, preferredSourceId?: string): FoundEvent | undefined {
  const holds = (source: EventSource) => source.state.kind !== 'signedOut' && source.store.has(eventId);
  const preferred = preferredSourceId !== undefined ? sources.get(preferredSourceId) : undefined;
  const holders = preferred && holds(preferred) ? [preferred] : sources.all().filter(holds);
  if (holders.length !== 1) return undefined;
  const [source] = holders;
  return {
    ref: { sourceId: source.id, eventId },
    canClose: source.capabilities.triage && source.store.get(eventId)?.status === 'OPEN',
  };
}
