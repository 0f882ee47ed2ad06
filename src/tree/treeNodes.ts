import { EventStatus, PtaAudit } from '../model/ptaEvent';

/** Tree elements are plain data; the provider turns them into TreeItems. */
export interface GroupNode {
  readonly kind: 'group';
  readonly status: EventStatus;
}

export interface EventNode {
  readonly kind: 'event';
  readonly eventId: string;
}

export interface AuditNode {
  readonly kind: 'audit';
  readonly eventId: string;
  readonly index: number;
  readonly audit: PtaAudit;
}

/** "Show more" at the end of a long group. */
export interface MoreNode {
  readonly kind: 'more';
  readonly status: EventStatus;
  readonly remaining: number;
}

export type TreeNode = GroupNode | EventNode | AuditNode | MoreNode;

/** What commands need from a node: the narrow shape, so the webview and tests can pass it too. */
export interface EventRef {
  readonly eventId: string;
}

export function isEventRef(value: unknown): value is EventRef {
  return !!value && typeof value === 'object' && typeof (value as EventRef).eventId === 'string';
}
