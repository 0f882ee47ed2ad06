import type { RawEvent } from './data';
import { SSH_COMMANDS, WINDOWS_COMMANDS } from './eventCatalog';
import { HOSTILE_STRINGS } from './hostileStrings';
import { SeededRandom } from './random';

/**
 * What stands behind the simulator's events, as the PVWA's respond calls answer it (PVWA-API.md,
 * second half): PSM sessions tied to its PSM events (the newest open ones live, the others
 * recorded) and unrelated ones, their activities, the accounts and vault users its audits name,
 * and PTA rules whose regex are its events' matchPatterns. Shapes as the contract gives them;
 * times in epoch seconds.
 */
export type Json = Record<string, unknown>;

export interface SimSession {
  /** The session as the vault lists it (LiveSessions or Recordings). */
  record: Json;
  activities: Json[];
  /** The event this session stands behind, if any. */
  eventId?: string;
  suspended: boolean;
}

export interface RespondData {
  liveSessions: SimSession[];
  recordings: SimSession[];
  accounts: Json[];
  users: Json[];
  ptaSettings: Json;
}

export interface RespondDataOptions {
  /** How many of the newest open PSM events have a live session; default 3. */
  liveEvents?: number;
  /** The vault users that sign in (the demo user): each gets a user object too. */
  signInUsers: string[];
  now: number;
}

const BENIGN_SSH = ['whoami', 'ls -la', 'cd /tmp', 'uname -a', 'ps aux'];
const BENIGN_WINDOWS = ['Server Manager', 'cmd.exe', 'ipconfig /all', 'Event Viewer'];
const SECOND = 1000;

export function buildRespondData(events: readonly RawEvent[], options: RespondDataOptions): RespondData {
  const random = new SeededRandom(7);
  const now = Math.floor(options.now / SECOND);
  const psmEvents = events.filter((e) => e.type === 'PSMSuspiciousActivity' && firstPsmAudit(e));
  const liveCount = options.liveEvents ?? 3;
  const liveIds = new Set(psmEvents.filter((e) => String(e.mStatus).toUpperCase() === 'OPEN').slice(0, liveCount).map((e) => e.id));
  const liveSessions: SimSession[] = [];
  const recordings: SimSession[] = [];
  psmEvents.forEach((event, index) => {
    const live = liveIds.has(event.id);
    const session = sessionForEvent(event, index, live, now, random);
    (live ? liveSessions : recordings).push(session);
  });
  liveSessions.push(...unrelatedSessions(liveSessions, now, random));
  return {
    liveSessions,
    recordings,
    accounts: accountsOf(events, now, random),
    users: usersOf(events, options.signInUsers, now),
    ptaSettings: ptaSettings(),
  };
}

function sessionForEvent(event: RawEvent, index: number, live: boolean, now: number, random: SeededRandom): SimSession {
  const audits = (event.audits as Json[]).filter(isPsmAudit);
  const audit = firstPsmAudit(event)!;
  const inner = record(record(audit.account)?.account);
  const target = address(audit.target) ?? { ip: `10.99.${index % 250}.${(index * 7) % 250 + 1}` };
  const source = address(audit.source);
  const auditSeconds = Math.floor(Number(audit.createTime ?? event.createTime ?? now * SECOND) / SECOND);
  const start = auditSeconds - 300 - random.int(0, 1200);
  const ssh = String(audit.type).includes('SSH');
  const end = live ? undefined : Math.max(...audits.map((a) => Math.floor(Number(a.createTime ?? 0) / SECOND)), auditSeconds) + 600;
  const commands = audits.map((a) => a.psmCommand).filter((c): c is string => typeof c === 'string');
  const benign = ssh ? BENIGN_SSH : BENIGN_WINDOWS;
  const texts = [benign[index % benign.length], ...commands, benign[(index + 1) % benign.length]];
  return {
    record: sessionRecord({
      index,
      user: typeof audit.vaultUser === 'string' ? audit.vaultUser : 'jsmith',
      accountUser: typeof inner?.mUser === 'string' ? inner.mUser : 'root',
      accountAddress: target.ip ?? target.name!,
      remoteMachine: target.name,
      fromIp: source?.ip ?? source?.name ?? '10.0.0.1',
      start,
      end,
      now,
      ssh,
      riskScore: typeof event.score === 'number' ? event.score : 50,
      live,
      random,
    }),
    activities: activities(texts, ssh, start, random),
    eventId: event.id,
    suspended: false,
  };
}

/** Sessions no event is about; the first has the user of a tied session but another machine, the last hostile activities. */
function unrelatedSessions(tied: readonly SimSession[], now: number, random: SeededRandom): SimSession[] {
  const sameUser = typeof tied[0]?.record.User === 'string' ? (tied[0].record.User as string) : 'jsmith';
  const people = [sameUser, 'lchen', 'akumar', 'okowalski'];
  return people.map((user, index) => {
    const start = now - 600 - index * 420;
    const ssh = index % 2 === 0;
    const hostile = index === people.length - 1;
    const texts = hostile ? HOSTILE_STRINGS.slice(0, 12) : (ssh ? BENIGN_SSH : BENIGN_WINDOWS).slice(0, 3);
    return {
      record: sessionRecord({
        index: 900 + index,
        user,
        accountUser: ssh ? 'oracle' : 'Administrator',
        accountAddress: `10.200.${index}.${10 + index}`,
        remoteMachine: `unrelated-${index + 1}`,
        fromIp: `10.250.0.${index + 2}`,
        start,
        now,
        ssh,
        riskScore: 10 + index,
        live: true,
        random,
      }),
      activities: activities(texts, ssh, start, random),
      suspended: false,
    };
  });
}

interface SessionFacts {
  index: number;
  user: string;
  accountUser: string;
  accountAddress: string;
  remoteMachine?: string;
  fromIp: string;
  start: number;
  end?: number;
  now: number;
  ssh: boolean;
  riskScore: number;
  live: boolean;
  random: SeededRandom;
}

function sessionRecord(f: SessionFacts): Json {
  const sessionId = `${f.random.int(2, 60)}_${f.index + 1}_${f.random.hex(4)}`;
  const guid = `${f.random.hex(8)}-${f.random.hex(4)}-${f.random.hex(4)}-${f.random.hex(4)}-${f.random.hex(12)}`;
  const end = f.end ?? 0;
  return {
    SessionID: sessionId,
    SessionGuid: guid,
    User: f.user,
    AccountUsername: f.accountUser,
    AccountAddress: f.accountAddress,
    AccountPlatformID: f.ssh ? 'UnixSSH' : 'WinServerLocal',
    FromIP: f.fromIp,
    RemoteMachine: f.remoteMachine ?? '',
    Start: f.start,
    End: end,
    Duration: (f.live ? f.now : end) - f.start,
    Protocol: f.ssh ? 'SSH' : 'RDP',
    Client: f.ssh ? 'PSMP' : 'PSM',
    ConnectionComponentID: f.ssh ? 'PSMP-SSH' : 'PSM-RDP',
    SafeName: f.ssh ? 'Linux-Root' : 'Windows-Admins',
    FileName: `${sessionId}.avi`,
    IsLive: f.live,
    RiskScore: Math.round(f.riskScore * 10) / 10,
    Severity: f.riskScore >= 75 ? 'High' : f.riskScore >= 35 ? 'Medium' : 'Low',
    IncidentDetails: '',
    RawProperties: { ProviderID: 'PSMServer_01', Address: f.accountAddress, UserName: f.accountUser },
    CanTerminate: f.live,
    CanSuspend: f.live,
    CanMonitor: f.live,
  };
}

function activities(texts: readonly string[], ssh: boolean, start: number, random: SeededRandom): Json[] {
  return texts.map((text, index) => ({
    ActivityText: text,
    ActivityType: ssh ? 'Command' : index % 2 === 0 ? 'Window title' : 'Keystrokes',
    ActivityId: `${random.hex(8)}`,
    ActivityTime: start + 60 * (index + 1),
  }));
}

function accountsOf(events: readonly RawEvent[], now: number, random: SeededRandom): Json[] {
  const byId = new Map<string, Json>();
  for (const event of events) {
    for (const audit of Array.isArray(event.audits) ? (event.audits as unknown[]) : []) {
      const a = record(audit);
      const id = a?.accountId;
      const inner = record(record(a?.account)?.account);
      if (typeof id !== 'string' || byId.has(id) || typeof inner?.mUser !== 'string') continue;
      const manual = byId.size % 5 === 4;
      const address = typeof inner.mTarget === 'string' ? inner.mTarget : 'corp.example.com';
      byId.set(id, {
        id,
        name: `Operating System-${inner.mDomain ? 'WinDomain' : 'UnixSSH'}-${address}-${inner.mUser}`,
        address,
        userName: inner.mUser,
        platformId: inner.mDomain ? 'WinDomain' : 'UnixSSH',
        safeName: `Safe-${id.split('_')[0]}`,
        secretType: 'password',
        platformAccountProperties: {},
        secretManagement: {
          automaticManagementEnabled: !manual,
          ...(manual ? { manualManagementReason: 'Managed by the application team' } : {}),
          status: 'success',
          lastModifiedTime: now - random.int(60, 90) * 86_400,
          lastReconciledTime: now - random.int(100, 200) * 86_400,
          lastVerifiedTime: now - random.int(1, 20) * 86_400,
        },
        createdTime: now - 400 * 86_400,
      });
    }
  }
  return [...byId.values()];
}

function usersOf(events: readonly RawEvent[], signInUsers: readonly string[], now: number): Json[] {
  const names = new Set<string>(signInUsers);
  for (const event of events) {
    for (const audit of Array.isArray(event.audits) ? (event.audits as unknown[]) : []) {
      const user = record(audit)?.vaultUser;
      if (typeof user === 'string' && user.trim() !== '') names.add(user);
    }
  }
  return [...names].map((username, index) => {
    const ldap = index % 3 === 2;
    return {
      id: index + 2,
      username,
      source: ldap ? 'LDAP' : 'CyberArk',
      userType: 'EPVUser',
      componentUser: false,
      vaultAuthorization: signInUsers.includes(username) ? ['AuditUsers', 'AddUpdateUsers'] : [],
      location: '\\',
      enableUser: true,
      suspended: false,
      changePassOnNextLogon: false,
      expiryDate: null,
      distinguishedName: ldap ? `CN=${username},OU=Admins,DC=corp,DC=example,DC=com` : '',
      description: '',
      businessAddress: { workStreet: '', workCity: '', workState: '', workZip: '', workCountry: '' },
      internet: { homePage: '', homeEmail: '', businessEmail: `${username}@corp.example.com`, otherEmail: '' },
      personalDetails: { firstName: username, middleName: '', lastName: '', organization: 'Corp', department: 'IT' },
      lastSuccessfulLoginDate: now - (index + 1) * 3_600,
    };
  });
}

function ptaSettings(): Json {
  const rule = (category: string, regex: string, index: number) => ({
    id: `rule_${category.toLowerCase()}_${index + 1}`,
    category,
    regex,
    score: 60 + ((index * 7) % 40),
    description: `${category === 'SSH' ? 'Unix' : 'Windows'} command matching ${regex}`,
    response: index % 3 === 0 ? 'TERMINATE' : index % 3 === 1 ? 'SUSPEND' : 'NONE',
    active: true,
    scope: { vaultUsers: { mode: 'ALL', list: [] }, machines: { mode: 'ALL', list: [] } },
  });
  return {
    riskyActivities: [
      ...SSH_COMMANDS.map((c, i) => rule('SSH', c.matchPattern, i)),
      ...WINDOWS_COMMANDS.map((c, i) => rule('WINDOWS', c.matchPattern, i)),
      { ...rule('KEYSTROKES', 'mimikatz', 0), description: HOSTILE_STRINGS[0], active: false },
    ],
    automaticRemediation: {
      changePassword_SuspectedCredentialsTheft: true,
      changePassword_OverPassTheHash: false,
      reconcilePassword_SuspectedPasswordChange: true,
      pendAccount_UnmanagedPrivilegedAccount: false,
    },
  };
}

function isPsmAudit(audit: Json): boolean {
  return audit.sensorType === 'PSM' || typeof audit.psmCommand === 'string';
}

function firstPsmAudit(event: RawEvent): Json | undefined {
  const audits = Array.isArray(event.audits) ? (event.audits as unknown[]) : [];
  const candidates = audits.map(record).filter((a): a is Json => !!a && isPsmAudit(a) && typeof a.vaultUser === 'string');
  return candidates.find((a) => address(a.target)) ?? candidates[0];
}

function address(raw: unknown): { ip?: string; name?: string } | undefined {
  const r = record(raw);
  if (!r) return undefined;
  const resolved = record(r.mResolvedAddress);
  const original = typeof r.mOriginalAddress === 'string' ? r.mOriginalAddress : undefined;
  const ip = typeof resolved?.mAddress === 'string' ? resolved.mAddress : original && /^\d+(\.\d+){3}$/.test(original) ? original : undefined;
  const name = typeof resolved?.mHostName === 'string' ? resolved.mHostName : original && original !== ip ? original : undefined;
  return ip || name ? { ip, name } : undefined;
}

function record(value: unknown): Json | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}
