import { formatDuration } from '../derived/durationText';
import type { EntityIndex } from '../derived/entityIndex';
import { auditTimeline, eventTimeline } from '../derived/timeline';
import { triageMemory } from '../derived/triageMemory';
import type { Entity, EntityKind, HostSide } from '../model/entities';
import { eventStatusText } from '../model/eventFacts';
import { displayText, formatAge, formatScore, formatTime, readableEventType, RiskBand, riskBand } from '../model/format';
import type { EventStatus, PtaEvent } from '../model/ptaEvent';

/**
 * The details page's context around one event, from its source's entity index: how its
 * look-alikes were closed, its entities, related events and timelines. Plain strings and numbers
 * (positions on an axis as fractions from 0 to 1); every vault string has been through
 * displayText. Pure: no vscode, no vault calls.
 */
export interface MemoryView {
  /** "Closed 2 times before as False positive: '…' (last 9 d ago)", or "Mixed history: …". */
  readonly sentence: string;
  /** "Look-alikes scored 36; this event 92.7." */
  readonly scores: string;
  /** Why to read the event before reusing the look-alikes' close; absent when nothing calls for it. */
  readonly caution?: string;
  /** How many closed look-alikes there are. */
  readonly lookAlikes: number;
  /** A reason to reuse, and a source that can close events now. */
  readonly canCloseSameWay: boolean;
  /** Close the Same Way may be the page's primary action: no caution applies. */
  readonly sameWayIsPrimary: boolean;
}

export interface EntityView {
  readonly key: string;
  readonly kind: EntityKind;
  /** "Account", "Vault user", "Host". */
  readonly kindName: string;
  readonly label: string;
  /** Hosts known by name: the IP beside it. */
  readonly ip?: string;
  /** Hosts: "source", "target", "source and target" in this event. */
  readonly side?: string;
  /** Other loaded events involving it. */
  readonly open: number;
  readonly closed: number;
  readonly highestOpenScore?: string;
  /** "2 open (highest 87.5), 3 closed", "no other loaded event". */
  readonly summary: string;
  /** An account with an id, in a vault: its full history can be asked for. */
  readonly canLoadHistory: boolean;
}

export interface RelatedEventView {
  readonly eventId: string;
  readonly typeName: string;
  readonly score: string;
  readonly risk: RiskBand;
  readonly status: EventStatus;
  readonly statusText: string;
  /** Since it was created (else last updated): "3 d ago". */
  readonly age: string;
  /** "account root@web-01, host web-01.corp". */
  readonly shares: string;
}

export interface RelatedEventsView {
  /** Every loaded event sharing an entity. */
  readonly total: number;
  /** The strongest, strongest first. */
  readonly events: readonly RelatedEventView[];
}

export interface AuditMarkView {
  readonly auditIndex: number;
  /** 0 to 1 along the axis. */
  readonly at: number;
  readonly label: string;
  readonly time: string;
  /** The time since the mark before ("45 min"); absent on the first. */
  readonly gap?: string;
}

export interface EntityMarkView {
  readonly eventId: string;
  readonly at: number;
  readonly time: string;
  readonly typeName: string;
  readonly score: string;
  readonly risk: RiskBand;
  readonly status: EventStatus;
  /** The event the panel shows. */
  readonly isSubject: boolean;
}

export interface EntityTimelineView {
  readonly key: string;
  readonly label: string;
  readonly kindName: string;
  readonly start: string;
  readonly end: string;
  /** Newest ENTITY_MARKS_MAX at most, oldest first. */
  readonly marks: readonly EntityMarkView[];
  /** Every loaded event of the entity. */
  readonly total: number;
}

export interface TimelineView {
  readonly audits: {
    readonly marks: readonly AuditMarkView[];
    /** Audits without a time, left off the axis. */
    readonly untimed: number;
    /** "2 h 5 min" from the first audit to the last; absent with fewer than two marks. */
    readonly span?: string;
  };
  readonly entity?: EntityTimelineView;
}

export interface EventContextView {
  readonly memory?: MemoryView;
  readonly entities: readonly EntityView[];
  readonly related: RelatedEventsView;
  readonly timeline: TimelineView;
}

export interface EventContextOptions {
  readonly now: number;
  /** The source can close events now (a signed-in vault). */
  readonly canTriage: boolean;
  /** The source can be asked for an account's events (a vault). */
  readonly canLoadHistory: boolean;
  /** How many related events to describe, strongest first; RELATED_SHOWN_MAX unless the page asked for all. */
  readonly relatedMax?: number;
  /** The entity whose events the timeline shows; ignored when the event does not involve it. */
  readonly timelineEntityKey?: string;
  /** The oldest time among the loaded events, asked only when an entity timeline is shown. */
  readonly loadedSince: () => number;
}

export const RELATED_SHOWN_MAX = 20;
/** "Show all N" on the page: at most this many (media/details.js knows it too). */
export const RELATED_ALL_MAX = 1000;
export const ENTITY_MARKS_MAX = 300;

const LABEL_MAX = 80;
const KIND_NAMES: Record<EntityKind, string> = { account: 'Account', user: 'Vault user', host: 'Host' };
const KIND_WORDS: Record<EntityKind, string> = { account: 'account', user: 'vault user', host: 'host' };
const SIDES: Record<HostSide, string> = { source: 'source', target: 'target', both: 'source and target' };

export function buildEventContext(index: EntityIndex, event: PtaEvent, options: EventContextOptions): EventContextView {
  const entities = index.entitiesWithStats(event.id).map(({ entity, open, closed, highestOpenScore }): EntityView => ({
    key: entity.key,
    kind: entity.kind,
    kindName: KIND_NAMES[entity.kind],
    label: show(entity.label),
    ...(entity.ip ? { ip: show(entity.ip) } : {}),
    ...(entity.side ? { side: SIDES[entity.side] } : {}),
    open,
    closed,
    ...(highestOpenScore !== undefined ? { highestOpenScore: formatScore(highestOpenScore) } : {}),
    summary: statsSummary(open, closed, highestOpenScore),
    canLoadHistory: options.canLoadHistory && entity.kind === 'account' && !!entity.accountId,
  }));
  const timelineEntity = entities.find((e) => e.key === options.timelineEntityKey);
  return {
    memory: memoryOf(index, event, options),
    entities,
    related: relatedOf(index, event, options.now, options.relatedMax ?? RELATED_SHOWN_MAX),
    timeline: {
      audits: auditMarks(event),
      ...(timelineEntity ? { entity: entityTimeline(index, timelineEntity, event, options) } : {}),
    },
  };
}

function memoryOf(index: EntityIndex, event: PtaEvent, options: EventContextOptions): MemoryView | undefined {
  if (event.status !== 'OPEN') return undefined;
  const lookAlikes = index.lookAlikes(event.id);
  const memory = triageMemory(lookAlikes, options.now, event.score);
  if (!memory) return undefined;
  const canCloseSameWay = options.canTriage && !!memory.suggestion;
  return {
    sentence: memory.sentence,
    scores: memory.scores,
    ...(memory.caution ? { caution: memory.caution } : {}),
    lookAlikes: lookAlikes.length,
    canCloseSameWay,
    sameWayIsPrimary: canCloseSameWay && memory.cautions.length === 0,
  };
}

function statsSummary(open: number, closed: number, highestOpenScore: number | undefined): string {
  if (open + closed === 0) return 'no other loaded event';
  const parts: string[] = [];
  if (open > 0) parts.push(`${open} open${highestOpenScore !== undefined ? ` (highest ${formatScore(highestOpenScore)})` : ''}`);
  if (closed > 0) parts.push(`${closed} closed`);
  return parts.join(', ');
}

function relatedOf(index: EntityIndex, event: PtaEvent, now: number, max: number): RelatedEventsView {
  const { total, events } = index.related(event.id, max);
  return {
    total,
    events: events.map(({ event: other, shared }) => ({
      eventId: other.id,
      typeName: show(readableEventType(other.type)),
      score: formatScore(other.score),
      risk: riskBand(other.score),
      status: other.status,
      statusText: eventStatusText(other),
      age: formatAge(other.createTime ?? other.lastUpdateTime, now),
      shares: shared.map(sharedText).join(', '),
    })),
  };
}

function sharedText(entity: Entity): string {
  return `${KIND_WORDS[entity.kind]} ${displayText(entity.label, 60)}`;
}

function auditMarks(event: PtaEvent): TimelineView['audits'] {
  const { marks, untimed } = auditTimeline(event);
  const start = marks[0]?.time ?? 0;
  const end = marks[marks.length - 1]?.time ?? 0;
  return {
    marks: marks.map((mark) => ({
      auditIndex: mark.auditIndex,
      at: along(mark.time, start, end),
      label: show(mark.label),
      time: formatTime(mark.time),
      ...(mark.gapMs !== undefined ? { gap: formatDuration(mark.gapMs) } : {}),
    })),
    untimed,
    ...(marks.length > 1 ? { span: formatDuration(end - start) } : {}),
  };
}

function entityTimeline(index: EntityIndex, entity: EntityView, subject: PtaEvent, options: EventContextOptions): EntityTimelineView {
  const all = eventTimeline(index.events(entity.key));
  const shown = all.slice(-ENTITY_MARKS_MAX);
  const start = Math.min(options.loadedSince(), all[0]?.time ?? options.now);
  const end = Math.max(options.now, all[all.length - 1]?.time ?? options.now);
  return {
    key: entity.key,
    label: entity.label,
    kindName: entity.kindName,
    start: formatTime(start),
    end: formatTime(end),
    total: all.length,
    marks: shown.map(({ event, time }) => ({
      eventId: event.id,
      at: along(time, start, end),
      time: formatTime(time),
      typeName: show(readableEventType(event.type)),
      score: formatScore(event.score),
      risk: riskBand(event.score),
      status: event.status,
      isSubject: event.id === subject.id,
    })),
  };
}

/** Where a time falls between start and end, from 0 to 1; the middle when they are equal. */
function along(time: number, start: number, end: number): number {
  if (end <= start) return 0.5;
  return Math.min(1, Math.max(0, (time - start) / (end - start)));
}

function show(value: string): string {
  return displayText(value, LABEL_MAX);
}
