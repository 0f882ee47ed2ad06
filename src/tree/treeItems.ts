import * as vscode from 'vscode';
import { displayText, formatAge, formatScore, formatTime, readableAuditType, readableCloseReason, readableEventType, riskBand } from '../model/format';
import { distinctAuditValues, formatAddress, PtaAudit, PtaEvent } from '../model/ptaEvent';

/** TreeItems for each node kind. Every vault string goes through displayText: text, never markup. */

const RISK_ICONS = {
  high: new vscode.ThemeIcon('flame', new vscode.ThemeColor('cyberarkPta.risk.high')),
  medium: new vscode.ThemeIcon('warning', new vscode.ThemeColor('cyberarkPta.risk.medium')),
  low: new vscode.ThemeIcon('info', new vscode.ThemeColor('cyberarkPta.risk.low')),
};

const SENSOR_ICONS = new Map([['VAULT', 'lock'], ['PSM', 'terminal'], ['SIEM', 'pulse'], ['PTA', 'eye']]);

export function groupItem(status: 'OPEN' | 'CLOSED', shown: number, total: number): vscode.TreeItem {
  const item = new vscode.TreeItem(
    status === 'OPEN' ? 'Open' : 'Closed',
    status === 'OPEN' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
  );
  item.id = `group:${status}`;
  item.description = shown === total ? String(total) : `${shown} of ${total}`;
  item.contextValue = `group:${status.toLowerCase()}`;
  item.iconPath = new vscode.ThemeIcon(status === 'OPEN' ? 'circle-large-outline' : 'pass');
  return item;
}

export function eventItem(event: PtaEvent, now: number): vscode.TreeItem {
  const item = new vscode.TreeItem(
    displayText(readableEventType(event.type), 80),
    event.auditCount > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  item.id = `event:${event.id}`;
  item.description = `${formatScore(event.score)} · ${formatAge(event.lastUpdateTime, now)}`;
  item.iconPath = RISK_ICONS[riskBand(event.score)];
  item.contextValue = event.status === 'OPEN' ? 'event:open' : 'event:closed';
  item.command = { command: 'cyberarkPta.showEventDetails', title: 'Show Event Details', arguments: [{ eventId: event.id }] };
  item.accessibilityInformation = {
    label: `${readableEventType(event.type)}, score ${formatScore(event.score)}, ${riskBand(event.score)} risk, updated ${formatAge(event.lastUpdateTime, now)}`,
  };
  return item;
}

/** Built on hover only: it walks the audits. A plain string, so nothing in it can be markup. */
export function eventTooltip(event: PtaEvent, now: number): string {
  const closed = readableCloseReason(event.closeReason);
  const lines = [
    displayText(readableEventType(event.type)),
    `Score ${formatScore(event.score)} (${riskBand(event.score)} risk) · ${event.status === 'OPEN' ? 'Open' : 'Closed'}${closed ? `: ${closed}` : ''}`,
    `ID ${displayText(event.id)}`,
    `Created ${formatTime(event.createTime)}`,
    `Updated ${formatTime(event.lastUpdateTime)} (${formatAge(event.lastUpdateTime, now)})`,
  ];
  const listLine = (label: string, values: string[]) => {
    if (values.length === 0) return;
    const shown = values.slice(0, 5).map((v) => displayText(v, 80)).join(', ');
    lines.push(`${label}: ${shown}${values.length > 5 ? ` and ${values.length - 5} more` : ''}`);
  };
  listLine('Accounts', distinctAuditValues(event, (a) => a.account ?? a.accountId));
  listLine('Users', distinctAuditValues(event, (a) => a.vaultUser));
  listLine('Sources', distinctAuditValues(event, (a) => formatAddress(a.source)));
  listLine('Targets', distinctAuditValues(event, (a) => formatAddress(a.target)));
  lines.push(`${event.auditCount} audit${event.auditCount === 1 ? '' : 's'}`);
  return lines.join('\n');
}

export function auditItem(eventId: string, index: number, audit: PtaAudit): vscode.TreeItem {
  const title = audit.action ?? (audit.type ? readableAuditType(audit.type) : 'Audit');
  const item = new vscode.TreeItem(displayText(title, 80), vscode.TreeItemCollapsibleState.None);
  item.id = `audit:${eventId}:${index}`;
  const who = audit.vaultUser ?? audit.account;
  const route = auditRoute(audit);
  item.description = [who && displayText(who, 60), route && displayText(route, 80), audit.createTime && formatTime(audit.createTime)]
    .filter(Boolean)
    .join(' · ');
  item.iconPath = new vscode.ThemeIcon(SENSOR_ICONS.get(audit.sensorType?.toUpperCase() ?? '') ?? 'circle-small');
  item.contextValue = audit.accountId ? 'audit:account' : 'audit';
  return item;
}

export function auditTooltip(audit: PtaAudit): string {
  const fields: Array<[string, string | undefined]> = [
    ['Action', audit.action],
    ['Type', audit.type && readableAuditType(audit.type)],
    ['Sensor', audit.sensorType],
    ['Time', audit.createTime ? formatTime(audit.createTime) : undefined],
    ['Vault user', audit.vaultUser],
    ['Account', audit.account],
    ['Account type', audit.accountType],
    ['Account ID', audit.accountId],
    ['Source', formatAddress(audit.source)],
    ['Target', formatAddress(audit.target)],
    ['Command', audit.psmCommand],
  ];
  return fields
    .filter((f): f is [string, string] => !!f[1])
    .map(([label, value]) => `${label}: ${displayText(value, 200)}`)
    .join('\n');
}

export function moreItem(remaining: number, pageSize: number): vscode.TreeItem {
  const item = new vscode.TreeItem(`Show ${Math.min(remaining, pageSize)} more…`, vscode.TreeItemCollapsibleState.None);
  item.description = `${remaining.toLocaleString('en-US')} not shown`;
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.contextValue = 'more';
  return item;
}

function auditRoute(audit: PtaAudit): string | undefined {
  const source = formatAddress(audit.source);
  const target = formatAddress(audit.target);
  if (source && target) return `${source} → ${target}`;
  if (source) return `from ${source}`;
  if (target) return `→ ${target}`;
  return undefined;
}
