/**
 * The things an event is about, as the analyst pivots on them: vault users, accounts, and the
 * hosts on either end. Keys are unique within one event source only: entities never merge across
 * vaults. Pure; no vscode.
 */
export type EntityKind = 'account' | 'user' | 'host';

export interface Entity {
  readonly kind: EntityKind;
  /** `${kind}:${normalised value}`, lower-case; see hosts.ts for how a host is normalised. */
  readonly key: string;
  /** As the vault wrote it (untrusted: pass through displayText before showing). */
  readonly label: string;
  /** Accounts only: the vault account id, when an audit carried one. */
  readonly accountId?: string;
}
