import { PvwaError } from '../errors';
import { asList, asRecord, booleanField, JsonRecord, numberField, secondsToMs, textField } from './vaultJson';
import { PERMISSIONS, segment, vaultRequest, VaultCaller } from './vaultRequest';

/** A vault user (`/API/Users/{id}`). */
export interface VaultUser {
  readonly id?: string;
  readonly username?: string;
  /** "CyberArk" or "LDAP". */
  readonly source?: string;
  readonly userType?: string;
  readonly suspended?: boolean;
  /** `enableUser: false`. */
  readonly disabled?: boolean;
  /** Epoch ms. */
  readonly lastLogon?: number;
}

export interface UserSearchResult {
  readonly users: VaultUser[];
  readonly total?: number;
}

export function readVaultUser(raw: unknown): VaultUser | undefined {
  const r = asRecord(raw);
  if (!r) return undefined;
  const enabled = booleanField(r.enableUser);
  return {
    id: textField(r.id),
    username: textField(r.username),
    source: textField(r.source),
    userType: textField(r.userType),
    suspended: booleanField(r.suspended),
    disabled: enabled === undefined ? undefined : !enabled,
    lastLogon: secondsToMs(r.lastSuccessfulLoginDate),
  };
}

export async function searchUsers(caller: VaultCaller, search: string): Promise<UserSearchResult> {
  const answer = asRecord(await vaultRequest(caller, 'searchUsers', 'GET', `/API/Users?${new URLSearchParams({ search })}`)) ?? {};
  return { users: asList(answer.Users).flatMap((raw) => readVaultUser(raw) ?? []), total: numberField(answer.Total) };
}

export async function getUser(caller: VaultCaller, userId: string): Promise<VaultUser> {
  const user = readVaultUser(await getUserObject(caller, userId));
  if (!user) throw new PvwaError('invalidResponse', 'The vault answered the user request with something other than a user.');
  return user;
}

/**
 * Suspends by PUT of the whole user object, read first, with `suspended: true` (a partial body
 * is refused or blanks fields). Answers the user as the vault returned it.
 */
export async function suspendUser(caller: VaultCaller, userId: string): Promise<VaultUser | undefined> {
  const current = await getUserObject(caller, userId);
  const answer = await vaultRequest(caller, 'suspendUser', 'PUT', `/API/Users/${segment(userId)}`, { body: { ...current, suspended: true }, permission: PERMISSIONS.manageUsers });
  return readVaultUser(answer);
}

/** Undoes a suspension. */
export async function activateUser(caller: VaultCaller, userId: string): Promise<void> {
  await vaultRequest(caller, 'activateUser', 'POST', `/API/Users/${segment(userId)}/Activate`, { permission: PERMISSIONS.manageUsers });
}

export async function disableUser(caller: VaultCaller, userId: string): Promise<void> {
  await vaultRequest(caller, 'disableUser', 'POST', `/API/Users/${segment(userId)}/disable/`, { permission: PERMISSIONS.manageUsers });
}

export async function enableUser(caller: VaultCaller, userId: string): Promise<void> {
  await vaultRequest(caller, 'enableUser', 'POST', `/API/Users/${segment(userId)}/enable/`, { permission: PERMISSIONS.manageUsers });
}

async function getUserObject(caller: VaultCaller, userId: string): Promise<JsonRecord> {
  const record = asRecord(await vaultRequest(caller, 'getUser', 'GET', `/API/Users/${segment(userId)}`));
  if (!record) throw new PvwaError('invalidResponse', 'The vault answered the user request with something other than a user.');
  return record;
}
