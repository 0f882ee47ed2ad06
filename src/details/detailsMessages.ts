import { isStringRecord } from '../util/messageShape';
import type { EventViewModel } from './eventViewModel';

/** What the details page may send, and the one check every message passes. Pure; no vscode. */
export const DETAILS_ACTIONS = ['close', 'reopen', 'openInPvwa', 'copyId', 'openRawJson', 'closeSameWay'] as const;
export type DetailsAction = (typeof DETAILS_ACTIONS)[number];

export const ENTITY_ACTIONS = ['filter', 'history', 'timeline'] as const;
export type EntityAction = (typeof ENTITY_ACTIONS)[number];

export type PageMessage =
  | { type: 'ready' }
  | { type: 'action'; action: DetailsAction; eventId: string }
  /** On one of the event's entities: filter the Events view to it, load its history, show or hide its timeline. */
  | { type: 'entity'; action: EntityAction; eventId: string; key: string }
  /** Open a related event, or one on the entity timeline. */
  | { type: 'open'; eventId: string; targetId: string }
  /** Show all the related events, not only the strongest few. */
  | { type: 'related'; action: 'all'; eventId: string };

/**
 * Anything the page sends is untrusted: only these exact shapes (no other keys), for the panel's
 * own event, naming what the page was shown (an entity of the event, a related event, an action
 * the page offered), are acted on.
 */
export function parsePageMessage(message: unknown, model: EventViewModel): PageMessage | undefined {
  if (isStringRecord(message, ['type']) && message.type === 'ready') return { type: 'ready' };
  if (isStringRecord(message, ['type', 'action', 'eventId']) && message.type === 'action' && message.eventId === model.id) {
    const action = DETAILS_ACTIONS.find((a) => a === message.action);
    if (!action || (action === 'closeSameWay' && !model.memory?.canCloseSameWay)) return undefined;
    return { type: 'action', action, eventId: model.id };
  }
  if (isStringRecord(message, ['type', 'action', 'eventId', 'key']) && message.type === 'entity' && message.eventId === model.id) {
    const action = ENTITY_ACTIONS.find((a) => a === message.action);
    const entity = model.entities?.find((e) => e.key === message.key);
    if (!action || !entity || (action === 'history' && !entity.canLoadHistory)) return undefined;
    return { type: 'entity', action, eventId: model.id, key: entity.key };
  }
  if (isStringRecord(message, ['type', 'action', 'eventId']) && message.type === 'related' && message.action === 'all' && message.eventId === model.id) {
    return model.related ? { type: 'related', action: 'all', eventId: model.id } : undefined;
  }
  if (isStringRecord(message, ['type', 'eventId', 'targetId']) && message.type === 'open' && message.eventId === model.id) {
    const shown = model.related?.events.some((e) => e.eventId === message.targetId) || model.timeline?.entity?.marks.some((m) => m.eventId === message.targetId);
    return shown ? { type: 'open', eventId: model.id, targetId: message.targetId } : undefined;
  }
  return undefined;
}
