import { EventRef, EventSource } from './eventSource';
import { EventSources } from './eventSources';

export interface FoundEvent {
  readonly ref: EventRef;
  /** The source's name, for actions that must say which source they act on. */
  readonly sourceLabel: string;
  /** A signed-in vault's open event, found in a document of that vault: it may be closed from there. */
  readonly canClose: boolean;
}

/**
 * Which loaded event an id written in a document is. A document that belongs to a loaded source
 * (a raw JSON document of an event, a file opened as a source) names only that source's events: an
 * event of another source with the same id is a different event. A document of no loaded source
 * (an untitled editor, a file not opened as a source) names the one source holding the id, and
 * offers no close: its text is not that source's event. An id held by several sources names no
 * event, since event ids are unique within a source only.
 */
export function lookupEvent(sources: EventSources, eventId: string, ownSourceId?: string): FoundEvent | undefined {
  const holds = (source: EventSource) => source.state.kind !== 'signedOut' && source.store.has(eventId);
  const own = ownSourceId !== undefined ? sources.get(ownSourceId) : undefined;
  const holders = own ? [own].filter(holds) : sources.all().filter(holds);
  if (holders.length !== 1) return undefined;
  const [source] = holders;
  return {
    ref: { sourceId: source.id, eventId },
    sourceLabel: source.label,
    canClose: own === source && source.capabilities.triage && source.store.get(eventId)?.status === 'OPEN',
  };
}
