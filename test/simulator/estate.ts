import { RECURRING_STORIES, RecurringStory } from './eventCatalog';
import { SeededRandom } from './random';

/**
 * The fictional estate the events happen in: machines, vault accounts and vault users.
 * Events draw from these pools so that the same account or host recurs across events,
 * as it does on a real site (and so that the accountID filter matches several events).
 */
export interface Host {
  ip: string;
  hostName: string;
  fqdn: string;
}

export interface VaultAccount {
  accountId: string;
  accountAsStr: string;
  type: string;
  user: string;
  domain: string | null;
  target: string;
  spnList: string[];
}

/** A recurring story bound to the account, vault user and hosts it keeps happening with. */
export interface Recurrence {
  story: RecurringStory;
  account: VaultAccount;
  vaultUser: string;
  source: Host;
  target: Host;
}

export interface Estate {
  hosts: Host[];
  externalAddresses: string[];
  accounts: VaultAccount[];
  vaultUsers: string[];
  recurrences: Recurrence[];
}

export const DOMAIN_FQDN = 'corp.example.com';

const HOST_ROLES = ['web', 'db', 'app', 'dc', 'file', 'jump', 'sql', 'exch', 'k8s-node', 'backup', 'erp', 'ci'];
const ENVIRONMENTS = ['prod', 'stg', 'dev'];
const UNIX_USERS = ['root', 'oracle', 'postgres', 'ec2-user', 'ansible', 'splunk'];
const WINDOWS_LOCAL_USERS = ['Administrator', 'localadmin', 'svc_deploy'];
const DOMAIN_USERS = ['svc_backup', 'svc_sql', 'svc_sharepoint', 'adm_jsmith', 'adm_mgarcia', 'Administrator', 'svc_scan'];
const VAULT_USERS = ['Administrator', 'jsmith', 'mgarcia', 'akumar', 'lchen', 'opsadmin', 'PSMApp_pvwa01', 'PasswordManager', 'okowalski'];

export function buildEstate(random: SeededRandom, eventCount: number): Estate {
  const hostCount = clamp(Math.round(eventCount / 4), 12, 400);
  const accountCount = clamp(Math.round(eventCount / 8), 10, 300);
  const hosts = Array.from({ length: hostCount }, (_, index) => buildHost(random, index));
  const externalAddresses = Array.from({ length: 20 }, () => `${random.pick(['203.0.113', '198.51.100', '192.0.2'])}.${random.int(1, 254)}`);
  const nextAccountInSafe = new Map<number, number>();
  const accounts = Array.from({ length: accountCount }, () => {
    const safeId = random.int(2, 60);
    const accountNumber = (nextAccountInSafe.get(safeId) ?? 0) + 1;
    nextAccountInSafe.set(safeId, accountNumber);
    return buildAccount(random, `${safeId}_${accountNumber}`, random.pick(hosts));
  });
  const recurrences = RECURRING_STORIES.map((story) => ({
    story,
    account: random.pick(accounts),
    vaultUser: random.pick(VAULT_USERS),
    source: random.pick(hosts),
    target: random.pick(hosts),
  }));
  return { hosts, externalAddresses, accounts, vaultUsers: VAULT_USERS, recurrences };
}

function buildHost(random: SeededRandom, index: number): Host {
  const hostName = `${random.pick(HOST_ROLES)}-${random.pick(ENVIRONMENTS)}-${String(index + 1).padStart(2, '0')}`;
  return {
    ip: `10.${random.int(0, 40)}.${random.int(0, 255)}.${random.int(1, 254)}`,
    hostName,
    fqdn: `${hostName}.${DOMAIN_FQDN}`,
  };
}

function buildAccount(random: SeededRandom, accountId: string, host: Host): VaultAccount {
  const kind = random.next();
  if (kind < 0.35) {
    const user = random.pick(UNIX_USERS);
    return { accountId, accountAsStr: `${user}@${host.hostName}`, type: 'LOCAL_UNIX', user, domain: null, target: host.fqdn, spnList: [] };
  }
  if (kind < 0.55) {
    const user = random.pick(WINDOWS_LOCAL_USERS);
    return { accountId, accountAsStr: `${user}@${host.hostName}`, type: 'LOCAL_WINDOWS', user, domain: null, target: host.fqdn, spnList: [] };
  }
  const user = random.pick(DOMAIN_USERS);
  const spnList = user.startsWith('svc_') ? [`MSSQLSvc/${host.fqdn}:1433`, `HTTP/${host.fqdn}`].slice(0, random.int(1, 2)) : [];
  return { accountId, accountAsStr: `${user}@${DOMAIN_FQDN}`, type: 'DOMAIN', user, domain: DOMAIN_FQDN, target: DOMAIN_FQDN, spnList };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
