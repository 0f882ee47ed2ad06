import type { EventStore } from '../store/eventStore';
import type { Disposable } from '../util/emitter';

/**
 * Where events come from: a signed-in vault, or a saved file opened without one. Each source
 * has its own store, state and capabilities; every map, tree node id, panel and document is
 * keyed by source id and event id together, because event ids are unique within a source only.
 */
export type SourceKind = 'vault' | 'file';

export type SourceState =
  | { readonly kind: 'signedOut' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly asOf: number }
  /** The last refresh failed; the list is the last good one, as of `asOf`. */
  | { readonly kind: 'stale'; readonly asOf: number; readonly error: string }
  /** Nothing could be loaded; the list is not empty, it is unknown. */
  | { readonly kind: 'failed'; readonly error: string };

export interface SourceCapabilities {
  /** Close and reopen events. */
  readonly triage: boolean;
  /** Ask for changes (a vault) or read again (a file). */
  readonly refresh: boolean;
  /** The event has a page in a PVWA web UI. */
  readonly openInPvwa: boolean;
}

export interface EventSource {
  /** Stable and unique: `vault:<name>` or `file:<uri>`. */
  readonly id: string;
  readonly kind: SourceKind;
  /** Shown on the source's tree node, in prompts and alerts. */
  readonly label: string;
  readonly store: EventStore;
  readonly capabilities: SourceCapabilities;
  readonly state: SourceState;
  /** Nothing to show yet (the single-vault settings before an address was entered): not listed beside other sources. */
  readonly isPlaceholder: boolean;
  readonly onDidChangeState: (listener: (state: SourceState) => void) => Disposable;
}

/** What commands, panels and documents carry to name one event. */
export interface EventRef {
  readonly sourceId: string;
  readonly eventId: string;
}

export function isEventRef(value: unknown): value is EventRef {
  return (
    !!value &&
    typeof value === 'object' &&
    typeof (value as EventRef).eventId === 'string' &&
    typeof (value as EventRef).sourceId === 'string'
  );
}

/** One string for maps: a NUL cannot occur in a source id, so two refs never share a key. */
export function refKey(ref: EventRef): string {
  return `${ref.sourceId}\u0000${ref.eventId}`;
}
