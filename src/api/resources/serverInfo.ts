import { describeError, PvwaError } from '../errors';
import { parseVaultVersion, VaultCapabilities, VaultVersion } from '../vaultCapabilities';
import { asRecord, textField } from './vaultJson';
import { VaultCaller } from './vaultRequest';

export interface ServerInfo {
  readonly applicationName?: string;
  readonly externalVersion?: string;
  readonly internalVersion?: string;
  readonly serverName?: string;
  readonly serverId?: string;
  /** ExternalVersion read as numbers; undefined when it has none. */
  readonly version?: VaultVersion;
}

export function readServerInfo(raw: unknown): ServerInfo {
  const record = asRecord(raw) ?? {};
  const externalVersion = textField(record.ExternalVersion);
  return {
    applicationName: textField(record.ApplicationName),
    externalVersion,
    internalVersion: textField(record.InternalVersion),
    serverName: textField(record.ServerName),
    serverId: textField(record.ServerId),
    version: parseVaultVersion(externalVersion),
  };
}

/** `GET /WebServices/PIMServices.svc/Server`: the vault's version, as psPAS reads it after logon. */
export async function getServerInfo(caller: VaultCaller): Promise<ServerInfo> {
  const answer = await caller.call((client, token) => client.request(token, 'GET', '/WebServices/PIMServices.svc/Server'));
  if (!asRecord(answer)) throw new PvwaError('invalidResponse', 'The vault answered the version request with something other than an object.');
  return readServerInfo(answer);
}

/**
 * What the signed-in vault can do. A failed version call is not fatal: the vault is then of
 * unknown version (every call allowed, each failure shown where it happens) and says why.
 */
export async function readVaultCapabilities(caller: VaultCaller, signedInUser: string): Promise<VaultCapabilities> {
  try {
    const info = await getServerInfo(caller);
    return new VaultCapabilities(signedInUser, info.version, info.version ? undefined : 'The vault did not say its version.');
  } catch (error) {
    return new VaultCapabilities(signedInUser, undefined, `The vault's version could not be read: ${describeError(error)}`);
  }
}
