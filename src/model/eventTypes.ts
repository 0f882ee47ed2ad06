/**
 * The known PTA event types: a readable name, what the detection means and which sensor feeds
 * it. Descriptions and sensors come from CyberArk's "What Detections Does PTA Report?" page; a
 * type whose row there could not be matched keeps them empty rather than guessed.
 */
export interface EventTypeInfo {
  readonly name: string;
  /** A few words for a narrow row, where the name would crowd out whom and where. */
  readonly short: string;
  /** One sentence, or '' when no public source says. */
  readonly description: string;
  /** Where PTA learns of it (Vault, PSM, logs from a SIEM, Network Sensor…), or '' when unknown. */
  readonly sensor: string;
}

const VAULT = 'Vault';
const LOGS_AND_VAULT = 'Logs (SIEM, Unix, AWS, Azure) and the Vault';
const NETWORK = 'Network Sensor or PTA Windows Agent';

// A Map, not an object literal: a vault string such as "__proto__" must not find Object.prototype.
const EVENT_TYPES = new Map<string, EventTypeInfo>([
  ['VaultViaIrregularIp', { name: 'Vault access from an irregular IP', short: 'Irregular IP', description: 'A user accessed the Vault from an unusual IP address or subnet.', sensor: VAULT }],
  ['VaultViaIrregularHours', { name: 'Vault access at irregular hours', short: 'Irregular hours', description: 'A user retrieved a privileged account password at an hour irregular for that user.', sensor: VAULT }],
  ['VaultViaIrregularDays', { name: 'Vault access on irregular days', short: 'Irregular days', description: '', sensor: VAULT }],
  ['ExcessiveAccessToVault', { name: 'Excessive access to the vault', short: 'Excessive access', description: 'A user retrieved privileged accounts more frequently than is normal for that user.', sensor: VAULT }],
  ['InteractiveLogonWithServiceAccount', { name: 'Interactive logon with a service account', short: 'Service account logon', description: '', sensor: '' }],
  ['PSMSuspiciousActivity', { name: 'Suspicious activity in a PSM session', short: 'PSM activity', description: '', sensor: 'PSM' }],
  ['SuspectedCredentialsTheft', { name: 'Suspected credentials theft', short: 'Credentials theft', description: 'A user connected to a machine or a cloud service without first retrieving the required credentials from the Vault.', sensor: LOGS_AND_VAULT }],
  ['UnmanagedPrivilegedAccount', { name: 'Unmanaged privileged account', short: 'Unmanaged account', description: 'A privileged account not stored in the Vault was used to connect to a machine or cloud service, or was added to a Windows local privileged group.', sensor: LOGS_AND_VAULT }],
  ['OverPassTheHash', { name: 'Overpass-the-hash', short: 'Overpass-the-hash', description: 'PTA detected indications of an Overpass the Hash attack in the network.', sensor: NETWORK }],
  ['PassTheHash', { name: 'Pass-the-hash', short: 'Pass-the-hash', description: '', sensor: '' }],
  ['GoldenTicket', { name: 'Golden Ticket', short: 'Golden Ticket', description: 'PTA detected indications of a Golden Ticket attack in the network.', sensor: NETWORK }],
  ['SuspiciousPasswordChange', { name: 'Suspicious password change', short: 'Password change', description: '', sensor: '' }],
  ['DCSync', { name: 'DCSync attack', short: 'DCSync', description: '', sensor: '' }],
  ['PrivilegedAccessWithoutVault', { name: 'Privileged access without the vault', short: 'Access without vault', description: '', sensor: '' }],
]);

export function eventTypeInfo(type: string): EventTypeInfo | undefined {
  return EVENT_TYPES.get(type);
}
