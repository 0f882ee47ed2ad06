import { EventStatus, PtaAudit } from '../model/ptaEvent';

/** Tree elements are plain data; the provider turns them into TreeItems. Every one names its source. */
export interface SourceNode {
  readonly kind: 'source';
  readonly sourceId: string;
}

export interface GroupNode {
  readonly kind: 'group';
  readonly sourceId: string;
  readonly status: EventStatus;
}

export interface EventNode {
  readonly kind: 'event';
  readonly sourceId: string;
  readonly eventId: string;
}

export interface AuditNode {
  readonly kind: 'audit';
  readonly sourceId: string;
  readonly eventId: string;
  readonly index: number;
  readonly audit: PtaAudit;
}

/** "Show more" at the end of a long group. */
export interface MoreNode {
  readonly kind: 'more';
  readonly sourceId: string;
  readonly status: EventStatus;
  readonly remaining: number;
}

/** A source's state where its events would be: a failed load with Retry, signed out with Sign In. */
export interface MessageNode {
  readonly kind: 'message';
  readonly sourceId: string;
  readonly role: 'failed' | 'retry' | 'signIn' | 'loading';
}

export type TreeNode = SourceNode | GroupNode | EventNode | AuditNode | MoreNode | MessageNode;
