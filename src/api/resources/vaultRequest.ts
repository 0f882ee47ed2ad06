import { PvwaError } from '../errors';
import { PvwaClient } from '../pvwaClient';
import { MINIMUM_VERSIONS, VaultCallName } from '../vaultCapabilities';

/** What the resources need of a session (Session satisfies it): a call with a token, renewed when expired. */
export interface VaultCaller {
  call<T>(fn: (client: PvwaClient, token: string) => Promise<T>): Promise<T>;
}

/** A 403 on a call that needs a PVWA permission the signed-in user lacks; names the permission. */
export class PermissionError extends PvwaError {
  constructor(
    cause: PvwaError,
    readonly permission: string,
  ) {
    super('auth', `${cause.message} Your vault user needs ${permission}.`, cause.status, cause.code);
    this.name = 'PermissionError';
  }
}

export const PERMISSIONS = {
  terminateSession: 'to be listed in the PVWA option "Terminating Live Sessions Users and Groups"',
  suspendSession: 'to be listed in the PVWA option "Suspending Live Sessions Users and Groups"',
  cpmOperation: 'the safe permission "Initiate CPM account management operations"',
  manageUsers: 'the vault authorization to manage users (Audit Users, Add/Update Users)',
} as const;

export interface RequestOptions {
  body?: unknown;
  /** The permission a 403 means is missing (actions). */
  permission?: string;
}

/**
 * One contract call through the session. A 404 that is not the vault's own (no CyberArk error
 * code, so IIS answered: no such route) says the PVWA may be too old for the call.
 */
export async function vaultRequest(caller: VaultCaller, call: VaultCallName, method: 'GET' | 'POST' | 'PUT', path: string, options: RequestOptions = {}): Promise<unknown> {
  try {
    return await caller.call((client, token) => client.request(token, method, path, options.body));
  } catch (error) {
    if (!(error instanceof PvwaError)) throw error;
    if (error.status === 403 && options.permission) throw new PermissionError(error, options.permission);
    if (error.status === 404 && !error.code) {
      throw new PvwaError('notFound', `HTTP 404: the vault has no ${method} ${path.split('?')[0]}; it may be older than PVWA ${MINIMUM_VERSIONS[call]}, which this call needs.`, 404);
    }
    throw error;
  }
}

/** A path segment from an id the vault gave: encoded, so a hostile id cannot change the path. */
export function segment(id: string): string {
  return encodeURIComponent(id);
}
