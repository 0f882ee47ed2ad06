import { PvwaError } from '../errors';
import { asList, asRecord, booleanField, numberField, secondsToMs, textField } from './vaultJson';
import { PERMISSIONS, segment, vaultRequest, VaultCaller } from './vaultRequest';

/** A vault account (`/API/Accounts/{id}`); times in epoch ms (the vault sends seconds). */
export interface VaultAccountDetails {
  readonly id?: string;
  readonly name?: string;
  readonly address?: string;
  readonly userName?: string;
  readonly platformId?: string;
  readonly safeName?: string;
  readonly secretType?: string;
  readonly automaticManagementEnabled?: boolean;
  readonly manualManagementReason?: string;
  readonly status?: string;
  readonly lastModifiedTime?: number;
  readonly lastReconciledTime?: number;
  readonly lastVerifiedTime?: number;
  readonly createdTime?: number;
}

export interface AccountActivity {
  readonly action?: string;
  readonly actionId?: string;
  readonly alert?: boolean;
  readonly clientId?: string;
  /** Epoch ms. */
  readonly date?: number;
  readonly moreInfo?: string;
  readonly reason?: string;
  readonly user?: string;
}

export interface AccountSearchResult {
  readonly accounts: VaultAccountDetails[];
  readonly count?: number;
}

export function readAccount(raw: unknown): VaultAccountDetails | undefined {
  const r = asRecord(raw);
  if (!r) return undefined;
  const management = asRecord(r.secretManagement) ?? {};
  return {
    id: textField(r.id),
    name: textField(r.name),
    address: textField(r.address),
    userName: textField(r.userName),
    platformId: textField(r.platformId),
    safeName: textField(r.safeName),
    secretType: textField(r.secretType),
    automaticManagementEnabled: booleanField(management.automaticManagementEnabled),
    manualManagementReason: textField(management.manualManagementReason),
    status: textField(management.status),
    lastModifiedTime: secondsToMs(management.lastModifiedTime),
    lastReconciledTime: secondsToMs(management.lastReconciledTime),
    lastVerifiedTime: secondsToMs(management.lastVerifiedTime),
    createdTime: secondsToMs(r.createdTime),
  };
}

export async function getAccount(caller: VaultCaller, accountId: string): Promise<VaultAccountDetails> {
  const account = readAccount(await vaultRequest(caller, 'getAccount', 'GET', `/API/Accounts/${segment(accountId)}`));
  if (!account) throw new PvwaError('invalidResponse', 'The vault answered the account request with something other than an account.');
  return account;
}

/** `GET /API/Accounts?search=<words>`, e.g. the audit's account user and address. */
export async function searchAccounts(caller: VaultCaller, words: string): Promise<AccountSearchResult> {
  const answer = asRecord(await vaultRequest(caller, 'searchAccounts', 'GET', `/API/Accounts?${new URLSearchParams({ search: words })}`)) ?? {};
  return { accounts: asList(answer.value).flatMap((raw) => readAccount(raw) ?? []), count: numberField(answer.count) };
}

export async function accountActivities(caller: VaultCaller, accountId: string): Promise<AccountActivity[]> {
  const answer = asRecord(await vaultRequest(caller, 'accountActivities', 'GET', `/API/Accounts/${segment(accountId)}/Activities`));
  return asList(answer?.Activities).flatMap((item) => {
    const r = asRecord(item);
    if (!r) return [];
    return [{
      action: textField(r.Action),
      actionId: textField(r.ActionID),
      alert: booleanField(r.Alert),
      clientId: textField(r.ClientID),
      date: secondsToMs(r.Date),
      moreInfo: textField(r.MoreInfo),
      reason: textField(r.Reason),
      user: textField(r.User),
    }];
  });
}

/** Queues a change of the credential (the CPM does it later), with the body psPAS and others send. */
export async function changeCredentials(caller: VaultCaller, accountId: string): Promise<void> {
  await vaultRequest(caller, 'changeCredentials', 'POST', `/API/Accounts/${segment(accountId)}/Change/`, { body: { ChangeEntireGroup: true }, permission: PERMISSIONS.cpmOperation });
}

export async function verifyCredentials(caller: VaultCaller, accountId: string): Promise<void> {
  await vaultRequest(caller, 'verifyCredentials', 'POST', `/API/Accounts/${segment(accountId)}/Verify/`, { permission: PERMISSIONS.cpmOperation });
}

export async function reconcileCredentials(caller: VaultCaller, accountId: string): Promise<void> {
  await vaultRequest(caller, 'reconcileCredentials', 'POST', `/API/Accounts/${segment(accountId)}/Reconcile/`, { permission: PERMISSIONS.cpmOperation });
}
