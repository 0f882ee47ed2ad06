import * as vscode from 'vscode';
import * as inertWindow from '../ui/inertWindow';
import { inertQuickPick } from '../util/inertText';
import { displayText, formatAge, formatScore, readableEventType } from '../model/format';
import { eventShortName } from '../model/eventFacts';
import { EventStatus, PtaEvent } from '../model/ptaEvent';
import { EventRef, EventSource, isEventRef, refKey, SourceCapabilities } from '../sources/eventSource';
import { SourcedEvent } from '../sources/eventSources';
import { Services } from '../services';

export interface TargetOptions {
  /** Only events of this status qualify (closing ignores closed ones, reopening open ones). */
  readonly status?: EventStatus;
  /** Only events of sources that can do this qualify (a file cannot close events). */
  readonly needs?: keyof SourceCapabilities;
  readonly placeHolder: string;
  readonly allowMany: boolean;
}

/**
 * The one way every command chooses its events: the clicked row with the rest of a
 * multi-selection, else the tree's selection (the focused row), else a searchable quick pick.
 * A selection of audits, groups and "show more" rows means the distinct events in it: an event
 * selected with two of its audits is one event. Only qualifying events are returned.
 */
export async function targetEvents(services: Services, arg: unknown, selection: unknown, options: TargetOptions): Promise<SourcedEvent[]> {
  const qualifies = (found: SourcedEvent | undefined): found is SourcedEvent =>
    !!found && (!options.status || found.event.status === options.status) && (!options.needs || found.source.capabilities[options.needs]);
  const resolveAll = (refs: readonly unknown[]) => distinctEvents(services, refs).filter(qualifies);

  if (isEventRef(arg)) {
    if (options.allowMany && Array.isArray(selection) && selection.some((s) => isEventRef(s) && refKey(s) === refKey(arg))) {
      return resolveAll(selection);
    }
    const clicked = services.sources.resolve(arg);
    return qualifies(clicked) ? [clicked] : [];
  }
  const selected = resolveAll(services.treeView.selection);
  if (selected.length > 0) return options.allowMany ? selected : selected.slice(0, 1);
  const picked = await pickEvent(services, options);
  return picked ? [picked] : [];
}

/** The distinct events named by tree nodes or refs, in order; audits count as their event. */
export function distinctEvents(services: Services, refs: readonly unknown[]): SourcedEvent[] {
  const seen = new Set<string>();
  const events: SourcedEvent[] = [];
  for (const ref of refs) {
    if (!isEventRef(ref) || seen.has(refKey(ref))) continue;
    seen.add(refKey(ref));
    const found = services.sources.resolve(ref);
    if (found) events.push(found);
  }
  return events;
}

/** A searchable quick pick of the shown events that qualify, less `exclude` (the event already chosen). */
export async function pickEvent(services: Services, options: Omit<TargetOptions, 'allowMany'> & { readonly exclude?: EventRef }): Promise<SourcedEvent | undefined> {
  const candidates: SourcedEvent[] = [];
  const excluded = options.exclude && refKey(options.exclude);
  for (const { sourceId, event } of services.view.shown()) {
    const source = services.sources.get(sourceId);
    if (!source || (options.status && event.status !== options.status) || (options.needs && !source.capabilities[options.needs])) continue;
    if (excluded && refKey({ sourceId, eventId: event.id }) === excluded) continue;
    candidates.push({ source, event });
  }
  if (candidates.length === 0) {
    void inertWindow.showInformationMessage(options.status ? `There are no ${options.status === 'OPEN' ? 'open' : 'closed'} events in the list.` : 'There are no events in the list.');
    return undefined;
  }
  const now = Date.now();
  const several = services.sources.all().length > 1;
  const picked = await vscode.window.showQuickPick(
    candidates.map(({ source, event }) => ({
      label: inertQuickPick(displayText(readableEventType(event.type), 80)),
      description: inertQuickPick(`score ${formatScore(event.score)} · ${formatAge(event.lastUpdateTime, now)}${several ? ` · ${displayText(source.label, 40)}` : ''}`),
      detail: inertQuickPick(displayText(event.id, 40)),
      ref: { sourceId: source.id, eventId: event.id } as EventRef,
    })),
    { placeHolder: options.placeHolder, matchOnDescription: true, matchOnDetail: true },
  );
  return picked && services.sources.resolve(picked.ref);
}

/** "Golden Ticket · 5f1e…78" for messages and prompts; with several sources, the source too. */
export function eventName(event: PtaEvent, source?: EventSource): string {
  return `${eventShortName(event)}${source ? ` in ${displayText(source.label, 40)}` : ''}`;
}
