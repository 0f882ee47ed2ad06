import type { AccountActivity } from '../api/resources/accounts';
import type { PsmSession } from '../api/resources/psmSessions';
import { displayText, formatAge, formatTime } from '../model/format';
import { formatDuration } from '../derived/durationText';
import { BehindEvent, FoundSession, Part } from '../respond/behindEvent';

/**
 * "Behind this event" as the details page draws it: text only, every vault string made visible
 * (control and direction characters shown) and cut. Pure.
 */
export type PartStateName = Part<unknown>['state'];

export interface ActivityView {
  readonly time: string;
  readonly text: string;
  readonly flagged: boolean;
}

export interface SessionView {
  readonly heading: string;
  readonly facts: ReadonlyArray<readonly [string, string]>;
  readonly activities: readonly ActivityView[];
  /** Why the activities are not listed (not read, failed, too old a vault). */
  readonly activitiesNote?: string;
}

export interface BehindPartView {
  readonly key: 'session' | 'account' | 'user' | 'rule';
  readonly title: string;
  readonly state: PartStateName;
  /** Loading, none, unavailable or failed: the sentence to show in the part's place. */
  readonly message?: string;
  readonly facts?: ReadonlyArray<readonly [string, string]>;
  /** A sentence to stand out: "Not changed since the event", "Suspended". */
  readonly alert?: string;
  readonly notes?: readonly string[];
  readonly sessions?: readonly SessionView[];
  readonly listTitle?: string;
  readonly list?: readonly string[];
}

export interface RespondButtonView {
  readonly action: string;
  readonly title: string;
  /** Set when the action cannot be used now, with the reason. */
  readonly disabledReason?: string;
}

export interface BehindEventView {
  readonly eventId: string;
  readonly parts: readonly BehindPartView[];
  readonly loadedAt: string;
  readonly actions: readonly RespondButtonView[];
  /** What was done on this event from here, one line each, newest last. */
  readonly record: readonly string[];
}

const TEXT = 200;
const ACTIVITY_TEXT = 1000;

const text = (value: string | undefined, max = TEXT) => (value === undefined ? '' : displayText(value, max));
const time = (ms: number | undefined, now: number) => (ms ? `${formatTime(ms)} (${formatAge(ms, now)})` : 'unknown');

export function buildBehindEventView(eventId: string, behind: BehindEvent, now: number, extra: { actions?: readonly RespondButtonView[]; record?: readonly string[] } = {}): BehindEventView {
  return {
    eventId,
    parts: [sessionPart(behind, now), accountPart(behind, now), userPart(behind, now), rulePart(behind)],
    loadedAt: formatAge(behind.loadedAt, now),
    actions: extra.actions ?? [],
    record: extra.record ?? [],
  };
}

/** The sentence a part shows when it has no value. */
function notReady(part: Exclude<Part<unknown>, { state: 'ready' }>): string {
  switch (part.state) {
    case 'loading':
      return 'Loading…';
    case 'none':
      return part.reason;
    case 'unavailable':
      return `Unavailable: ${part.reason}.`;
    case 'failed':
      return part.message;
  }
}

function base<K extends BehindPartView['key']>(key: K, title: string, part: Part<unknown>): BehindPartView {
  return part.state === 'ready' ? { key, title, state: 'ready' } : { key, title, state: part.state, message: notReady(part) };
}

function sessionPart(behind: BehindEvent, now: number): BehindPartView {
  const part = behind.session;
  if (part.state !== 'ready') return base('session', 'PSM session', part);
  const { live, recording, recordingProblem } = part.value;
  if (live.length > 0) {
    const notes = live.length > 1 ? [`${live.length} live sessions match, best match first.`] : [];
    return { key: 'session', title: 'PSM session', state: 'ready', alert: live.length === 1 ? 'Live now' : `${live.length} live now`, notes, sessions: live.map((s, i) => sessionView(s, now, i === 0 ? 'Best match' : `Match ${i + 1}`)) };
  }
  const notes = ['No matching PSM session is live.'];
  if (recording) notes.push('The recording of the session:');
  else if (recordingProblem) notes.push(recordingProblem);
  else notes.push('No matching recording was found either.');
  return { key: 'session', title: 'PSM session', state: 'ready', notes, sessions: recording ? [sessionView(recording, now, 'Recording')] : [] };
}

function sessionView(found: FoundSession, now: number, label: string): SessionView {
  const s = found.session;
  const heading = `${label}: ${text(s.user, 60) || 'unknown user'} on ${accountAt(s)}`;
  const facts: Array<[string, string]> = [
    ['From', `${text(s.fromIp, 80) || 'unknown'}${found.fromIpAgrees ? '' : " (not the event's source)"}`],
    ['Started', time(s.start, now)],
    ['Duration', s.duration !== undefined ? formatDuration(s.duration * 1000) : s.start ? `${formatDuration(now - s.start)} so far` : 'unknown'],
    ['Protocol', [text(s.protocol, 40), text(s.client, 40)].filter(Boolean).join(' · ') || 'unknown'],
    ['Risk score', s.riskScore !== undefined ? String(s.riskScore) : 'unknown'],
  ];
  if (s.remoteMachine) facts.push(['Machine', text(s.remoteMachine, 120)]);
  if (s.safeName) facts.push(['Safe', text(s.safeName, 80)]);
  facts.push(['Session id', text(s.sessionId ?? s.sessionGuid, 80) || 'none']);
  if (!found.accountUserAgrees) facts.push(['Note', "The session's account user is not the event's."]);
  const flagged = new Set(found.flagged);
  if (found.activities.state !== 'ready') return { heading, facts, activities: [], activitiesNote: notReady(found.activities) };
  const activities = found.activities.value.map((a, index) => ({ time: a.time ? formatTime(a.time) : '', text: text(a.text, ACTIVITY_TEXT) || `(${text(a.type, 40) || 'no text'})`, flagged: flagged.has(index) }));
  return { heading, facts, activities, activitiesNote: activities.length === 0 ? 'No activity recorded yet.' : undefined };
}

function accountAt(s: Pick<PsmSession, 'accountUsername' | 'accountAddress'>): string {
  return `${text(s.accountUsername, 60) || 'unknown account'}@${text(s.accountAddress, 80) || 'unknown address'}`;
}

function accountPart(behind: BehindEvent, now: number): BehindPartView {
  const part = behind.account;
  if (part.state !== 'ready') return base('account', 'Account', part);
  const { found, changeSinceEvent, activities } = part.value;
  const a = found.account;
  const managed = a.automaticManagementEnabled === undefined ? 'unknown' : a.automaticManagementEnabled ? 'Yes, by the CPM' : `No${a.manualManagementReason ? `: ${text(a.manualManagementReason)}` : ''}`;
  const facts: Array<[string, string]> = [
    ['Name', text(a.name) || 'unknown'],
    ['User and address', `${text(a.userName, 60) || 'unknown'}@${text(a.address, 80) || 'unknown'}`],
    ['Safe', text(a.safeName) || 'unknown'],
    ['Platform', text(a.platformId) || 'unknown'],
    ['Managed', managed],
    ['Last change', time(a.lastModifiedTime, now)],
    ['Last verify', time(a.lastVerifiedTime, now)],
    ['Last reconcile', time(a.lastReconciledTime, now)],
  ];
  if (a.status) facts.push(['CPM status', text(a.status, 60)]);
  const notes = found.foundBySearch ? [`Found by search on the audit's account user and address (${found.candidates ?? 1} answered): the event has no account id.`] : [];
  const alert = changeSinceEvent === 'notChangedSince' ? 'Not changed since the event' : undefined;
  if (changeSinceEvent === 'changedSince') notes.push('The credential was changed after the event.');
  const view: BehindPartView = { key: 'account', title: 'Account', state: 'ready', facts, alert, notes };
  if (activities.state !== 'ready') return { ...view, listTitle: 'Recent activity', list: [notReady(activities)] };
  const list = activities.value.map(activityLine);
  return { ...view, listTitle: 'Recent activity before the event', list: list.length > 0 ? list : ['None before the event.'] };
}

function activityLine(a: AccountActivity): string {
  const reason = a.reason ? ` (reason: ${text(a.reason, 120)})` : '';
  return `${a.date ? formatTime(a.date) : 'unknown time'} · ${text(a.user, 60) || 'unknown user'} · ${text(a.action, 80) || 'unknown action'}${reason}`;
}

function userPart(behind: BehindEvent, now: number): BehindPartView {
  const part = behind.user;
  if (part.state !== 'ready') return base('user', 'Vault user', part);
  const u = part.value.user;
  const status = u.suspended ? 'Suspended' : u.disabled ? 'Disabled' : undefined;
  const facts: Array<[string, string]> = [
    ['User', text(u.username, 80) || 'unknown'],
    ['Source', text(u.source, 40) || 'unknown'],
    ['Suspended', u.suspended === undefined ? 'unknown' : u.suspended ? 'Yes' : 'No'],
    ['Disabled', u.disabled === undefined ? 'unknown' : u.disabled ? 'Yes' : 'No'],
    ['Last logon', time(u.lastLogon, now)],
  ];
  if (u.userType) facts.push(['Type', text(u.userType, 60)]);
  return { key: 'user', title: 'Vault user', state: 'ready', facts, alert: status };
}

function rulePart(behind: BehindEvent): BehindPartView {
  const part = behind.rule;
  if (part.state !== 'ready') return base('rule', 'The rule that fired', part);
  const { rule, matchPatterns, remediation } = part.value;
  const facts: Array<[string, string]> = [];
  const notes: string[] = [];
  if (rule) {
    facts.push(
      ['Description', text(rule.description, 300) || 'none'],
      ['Category', text(rule.category, 40) || 'unknown'],
      ['Score', rule.score !== undefined ? String(rule.score) : 'unknown'],
      ['Automatic response', text(rule.response, 40) || 'unknown'],
      ['Pattern', text(rule.regex, 300)],
    );
    if (rule.active === false) notes.push('This rule is not active now.');
  } else if (matchPatterns) {
    notes.push(`No PTA rule of this vault has the event's pattern: ${text(matchPatterns, 300)}`);
  }
  if (remediation) {
    notes.push(
      remediation.enabled === undefined
        ? `The vault's settings do not say whether PTA remediates this type by itself (${remediation.key}).`
        : remediation.enabled
          ? `Automatic remediation is on for this type (${remediation.key}): PTA may already have acted on the credential.`
          : `Automatic remediation is off for this type (${remediation.key}): PTA has not acted on the credential by itself.`,
    );
  }
  return { key: 'rule', title: 'The rule that fired', state: 'ready', facts, notes };
}
