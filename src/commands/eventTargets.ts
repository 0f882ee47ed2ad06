import * as vscode from 'vscode';
import { displayText, formatAge, formatScore, readableEventType } from '../model/format';
import { EventStatus, PtaEvent } from '../model/ptaEvent';
import { isEventRef } from '../tree/treeNodes';
import { Services } from '../services';

/**
 * The events a command acts on: the clicked item with the rest of a multi-selection, else the
 * tree's selection, else a searchable quick pick. Only events of `status` qualify when given.
 */
export async function targetEvents(
  services: Services,
  arg: unknown,
  selection: unknown,
  options: { status?: EventStatus; placeHolder: string; allowMany: boolean },
): Promise<PtaEvent[]> {
  const { store, treeView } = services;
  const qualifies = (e: PtaEvent | undefined): e is PtaEvent => !!e && (!options.status || e.status === options.status);
  const fromRefs = (refs: unknown[]) => refs.filter(isEventRef).map((r) => store.get(r.eventId)).filter(qualifies);

  if (isEventRef(arg)) {
    const clicked = store.get(arg.eventId);
    if (options.allowMany && Array.isArray(selection) && selection.some((s) => isEventRef(s) && s.eventId === arg.eventId)) {
      const many = fromRefs(selection);
      if (many.length > 0) return many;
    }
    return qualifies(clicked) ? [clicked] : [];
  }
  const selected = fromRefs([...treeView.selection]);
  if (selected.length > 0) return options.allowMany ? selected : selected.slice(0, 1);
  const picked = await pickEvent(services, options.status, options.placeHolder);
  return picked ? [picked] : [];
}

async function pickEvent(services: Services, status: EventStatus | undefined, placeHolder: string): Promise<PtaEvent | undefined> {
  const events = status ? services.view.list(status) : [...services.view.list('OPEN'), ...services.view.list('CLOSED')];
  if (events.length === 0) {
    void vscode.window.showInformationMessage(status ? `There are no ${status === 'OPEN' ? 'open' : 'closed'} events in the list.` : 'There are no events in the list.');
    return undefined;
  }
  const now = Date.now();
  const picked = await vscode.window.showQuickPick(
    events.map((event) => ({
      label: displayText(readableEventType(event.type), 80),
      description: `score ${formatScore(event.score)} · ${formatAge(event.lastUpdateTime, now)}`,
      detail: displayText(event.id, 40),
      eventId: event.id,
    })),
    { placeHolder, matchOnDescription: true, matchOnDetail: true },
  );
  return picked && services.store.get(picked.eventId);
}

/** "Golden Ticket (5f1e…)" for messages. */
export function eventName(event: PtaEvent): string {
  return `${displayText(readableEventType(event.type), 60)} (${displayText(event.id, 30)})`;
}
