/**
 * What one vault can do: its version as `PIMServices.svc/Server` reports it, the minimum PVWA
 * version of each call of the contract (PVWA-API.md, in brackets), and who is signed in.
 * Pure; the vault source reads it once after sign-in and drops it on sign-out.
 */
export interface VaultVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** As the vault wrote it, e.g. "14.2.0". */
  readonly text: string;
}

/** Each call of the respond contract and the first PVWA version that has it. */
export const MINIMUM_VERSIONS = {
  listLiveSessions: '9.10',
  getLiveSession: '10.6',
  liveSessionActivities: '10.6',
  terminateLiveSession: '10.1',
  suspendLiveSession: '10.2',
  resumeLiveSession: '10.2',
  listRecordings: '9.10',
  recordingActivities: '10.6',
  getAccount: '10.4',
  searchAccounts: '10.4',
  accountActivities: '13.2',
  changeCredentials: '9.10',
  verifyCredentials: '9.10',
  reconcileCredentials: '9.10',
  searchUsers: '10.9',
  getUser: '10.10',
  suspendUser: '11.1',
  activateUser: '10.10',
  disableUser: '12.6',
  enableUser: '12.6',
  ptaSettings: '10.4',
} as const;

export type VaultCallName = keyof typeof MINIMUM_VERSIONS;

export type Availability = { readonly available: true } | { readonly available: false; readonly reason: string };

/** "14.2.0", "12.6", "v13.2.1 (build 7)" -> its numbers; undefined when there are none. */
export function parseVaultVersion(value: unknown): VaultVersion | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /(\d{1,4})\.(\d{1,4})(?:\.(\d{1,6}))?/.exec(value);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3] ?? 0), text: match[0] };
}

/** Whether `version` is `minimum` ("10.6") or later. Minor versions compare as numbers: 10.10 is after 10.9. */
export function versionAtLeast(version: VaultVersion, minimum: string): boolean {
  const wanted = parseVaultVersion(minimum);
  if (!wanted) return true;
  if (version.major !== wanted.major) return version.major > wanted.major;
  if (version.minor !== wanted.minor) return version.minor > wanted.minor;
  return version.patch >= wanted.patch;
}

export class VaultCapabilities {
  /**
   * `version` undefined: the version call failed or answered none, so the vault is treated as
   * able to do everything and each call's own failure is shown. `versionProblem` says why.
   */
  constructor(
    readonly signedInUser: string,
    readonly version: VaultVersion | undefined,
    readonly versionProblem?: string,
  ) {}

  /** "PVWA 14.2.0", or why the version is unknown (the reason may quote the vault: show it as text). */
  get versionText(): string {
    return this.version ? `PVWA ${this.version.text}` : `PVWA version unknown: ${this.versionProblem ?? 'the vault did not say.'}`;
  }

  /** Can this vault make `call`, and if not why ("needs PVWA 10.6; this vault is 10.4"). */
  can(call: VaultCallName): Availability {
    const minimum = MINIMUM_VERSIONS[call];
    if (!this.version || versionAtLeast(this.version, minimum)) return { available: true };
    return { available: false, reason: `needs PVWA ${minimum}; this vault is ${this.version.text}` };
  }

  /** The signed-in vault user: actions on vault users refuse this one. Vault user names ignore case. */
  isSignedInUser(username: string | undefined): boolean {
    return !!username && username.trim().toLowerCase() === this.signedInUser.trim().toLowerCase();
  }
}
