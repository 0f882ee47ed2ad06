import * as vscode from 'vscode';
import type { PsmSession } from '../api/resources/psmSessions';
import { auditActor, auditFacts, auditHeadline, auditRoute, eventFacts, eventStatusText, eventSubject, Fact, TOOLTIP_LIMITS } from '../model/eventFacts';
import { displayText, formatAge, formatCount, formatScore, formatTime, readableCloseReason, readableEventType, riskBand, shortEventType } from '../model/format';
import { PtaAudit, PtaEvent } from '../model/ptaEvent';
import { lookAlikeHint, lookAlikeRowHint } from '../derived/triageMemory';

/** TreeItems for each node kind. Every vault string goes through displayText: text, never markup. */

const RISK_ICONS = {
  high: new vscode.ThemeIcon('flame', new vscode.ThemeColor('cyberarkPta.risk.high')),
  medium: new vscode.ThemeIcon('warning', new vscode.ThemeColor('cyberarkPta.risk.medium')),
  low: new vscode.ThemeIcon('info', new vscode.ThemeColor('cyberarkPta.risk.low')),
};

/** An open event whose PSM session is still running: a running machine, in the colour of its risk. */
const LIVE_ICONS = {
  high: new vscode.ThemeIcon('vm-running', new vscode.ThemeColor('cyberarkPta.risk.high')),
  medium: new vscode.ThemeIcon('vm-running', new vscode.ThemeColor('cyberarkPta.risk.medium')),
  low: new vscode.ThemeIcon('vm-running', new vscode.ThemeColor('cyberarkPta.risk.low')),
};

/** Muted: a closed event, whatever its risk, no longer asks for attention (its score stays in the label). */
const CLOSED_ICON = new vscode.ThemeIcon('pass', new vscode.ThemeColor('descriptionForeground'));

/** An audit's tooltip shows a typed command whole (up to what a tooltip can hold). */
const AUDIT_TOOLTIP_LIMITS = { ...TOOLTIP_LIMITS, value: 1000 };

/** A hint in a row is cut to this: it must never crowd out the facts before it. */
const HINT_MAX = 32;

const SENSOR_ICONS = new Map([['VAULT', 'lock'], ['PSM', 'terminal'], ['SIEM', 'pulse'], ['PTA', 'eye']]);

export function groupItem(status: 'OPEN' | 'CLOSED', shown: number, total: number): vscode.TreeItem {
  const item = new vscode.TreeItem(
    status === 'OPEN' ? 'Open' : 'Closed',
    status === 'OPEN' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
  );
  item.description = shown === total ? formatCount(total) : `${formatCount(shown)} of ${formatCount(total)}`;
  item.contextValue = `group:${status.toLowerCase()}`;
  item.iconPath = new vscode.ThemeIcon(status === 'OPEN' ? 'circle-large-outline' : 'pass');
  return item;
}

/** A changed event is a new object: each event's whom and where is read from its audits once, not at every redraw of its row. */
const rowSubjects = new WeakMap<PtaEvent, { who?: string; where?: string }>();

function rowSubject(event: PtaEvent): { who?: string; where?: string } {
  let subject = rowSubjects.get(event);
  if (!subject) rowSubjects.set(event, (subject = eventSubject(event, 40)));
  return subject;
}

/**
 * An event row. VS Code cuts a row's label and description together at the right end, so in a
 * narrow sidebar (300 px) the facts come first: the score leads the label (like the number of a
 * pull request) with the type in a few words (the full name is in the tooltip), then the
 * description says whom and where (and "live session" while the open event's PSM session runs,
 * which also changes the icon), and the hints come last, shortened, where a cut costs least:
 * `matched` (why the text filter kept the event) and how many look-alikes were closed ("seen 2×
 * before"). The risk band is the icon (shape and colour); a closed event's icon is muted, since
 * it no longer asks for attention.
 */
export function eventItem(event: PtaEvent, now: number, matched?: string, lookAlikes = 0, liveSession?: PsmSession): vscode.TreeItem {
  const item = new vscode.TreeItem(
    `${formatScore(event.score)} · ${shortEventType(event.type)}`,
    event.auditCount > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  const { who, where } = rowSubject(event);
  const closed = event.status === 'CLOSED' ? (readableCloseReason(event.closeReason) ?? 'Closed') : undefined;
  const age = formatAge(event.lastUpdateTime, now);
  const seenBefore = lookAlikeHint(lookAlikes);
  const live = liveSession && !closed ? 'live session' : undefined;
  const hints = [matched && displayText(matched, HINT_MAX), lookAlikeRowHint(lookAlikes)];
  item.description = [closed, subjectText(who, where), live, age, ...hints].filter(Boolean).join(' · ');
  item.iconPath = closed ? CLOSED_ICON : (live ? LIVE_ICONS : RISK_ICONS)[riskBand(event.score)];
  item.accessibilityInformation = {
    label: [
      readableEventType(event.type),
      `score ${formatScore(event.score)}, ${riskBand(event.score)} risk`,
      eventStatusText(event),
      who && `concerns ${who}`,
      where && `on ${where}`,
      live && 'its PSM session is live',
      `updated ${age}`,
      matched,
      seenBefore,
    ]
      .filter(Boolean)
      .join(', '),
  };
  return item;
}

/** Built on hover only: it walks the audits. A plain string, so nothing in it can be markup. */
export function eventTooltip(event: PtaEvent, now: number, matched?: string, lookAlikes = 0, liveSession?: PsmSession): string {
  const seenBefore = lookAlikeHint(lookAlikes);
  const lines = [displayText(readableEventType(event.type)), ...factLines(eventFacts(event, now, TOOLTIP_LIMITS))];
  if (liveSession && event.status === 'OPEN') lines.push(liveSessionLine(liveSession));
  if (matched) lines.push(matched);
  if (seenBefore) lines.push(`${seenBefore[0].toUpperCase()}${seenBefore.slice(1)}: Close the Same Way is in the context menu.`);
  return lines.join('\n');
}

/** An audit row: the typed command when there is one (the most telling fact of a PSM event), else the action. */
export function auditItem(audit: PtaAudit): vscode.TreeItem {
  const item = new vscode.TreeItem(auditHeadline(audit, 80), vscode.TreeItemCollapsibleState.None);
  item.description = [auditActor(audit, 60), auditRoute(audit, 80), audit.createTime && formatTime(audit.createTime)]
    .filter(Boolean)
    .join(' · ');
  item.iconPath = new vscode.ThemeIcon(SENSOR_ICONS.get(audit.sensorType?.toUpperCase() ?? '') ?? 'circle-small');
  item.contextValue = audit.accountId ? 'audit:account' : 'audit';
  return item;
}

export function auditTooltip(audit: PtaAudit): string {
  return factLines(auditFacts(audit, AUDIT_TOOLTIP_LIMITS)).join('\n');
}

export function moreItem(remaining: number, pageSize: number): vscode.TreeItem {
  const item = new vscode.TreeItem(`Show ${Math.min(remaining, pageSize)} more…`, vscode.TreeItemCollapsibleState.None);
  item.description = `${formatCount(remaining)} not shown`;
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.contextValue = 'more';
  return item;
}

/** "Live PSM session: jsmith as root@10.0.0.5 from 10.1.1.9, started 12/03/2026, 09:12:00 UTC". */
export function liveSessionLine(session: PsmSession): string {
  const text = (value: string | undefined, max: number) => (value ? displayText(value, max) : undefined);
  const account = [text(session.accountUsername, 60), text(session.accountAddress ?? session.remoteMachine, 80)].filter(Boolean).join('@');
  const parts = [
    text(session.user, 60) ?? 'unknown user',
    account && `as ${account}`,
    session.fromIp && `from ${text(session.fromIp, 80)}`,
  ].filter(Boolean);
  return `Live PSM session: ${parts.join(' ')}, started ${session.start ? formatTime(session.start) : 'at an unknown time'}`;
}

function subjectText(who: string | undefined, where: string | undefined): string | undefined {
  if (who && where) return `${who} on ${where}`;
  return who ?? (where && `on ${where}`);
}

function factLines(facts: readonly Fact[]): string[] {
  return facts.map(([label, value]) => `${label}: ${value}`);
}
