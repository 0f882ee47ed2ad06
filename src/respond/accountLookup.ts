import { searchAccounts, getAccount, VaultAccountDetails } from '../api/resources/accounts';
import { VaultCaller } from '../api/resources/vaultRequest';
import { PtaEvent } from '../model/ptaEvent';
import { eventParties, lower, userOf } from './eventParties';

/** How to find the event's account: by its id, else by search on the audit's account user and address. */
export type AccountLookup =
  | { readonly kind: 'byId'; readonly accountId: string }
  | { readonly kind: 'bySearch'; readonly words: string; readonly user: string; readonly address?: string };

export interface FoundAccount {
  readonly account: VaultAccountDetails;
  /** No accountId in the event: the account was found by search, and may not be the event's. */
  readonly foundBySearch: boolean;
  /** Search only: how many accounts the search answered. */
  readonly candidates?: number;
}

/** The first audit with an accountId wins; else the first with an account user. Undefined when the event names no account. */
export function accountLookupOf(event: PtaEvent): AccountLookup | undefined {
  // Every audit, not only the PSM ones: any audit may carry the account.
  const parties = eventParties(event, { preferPsm: false });
  const withId = parties.find((p) => p.accountId);
  if (withId?.accountId) return { kind: 'byId', accountId: withId.accountId };
  const named = parties.find((p) => p.accountUser);
  if (!named?.accountUser) return undefined;
  const address = named.accountAddress ?? [...named.target.spellings][0];
  return { kind: 'bySearch', words: [named.accountUser, address].filter(Boolean).join(' '), user: named.accountUser, address };
}

/**
 * Of a search's answer, the account whose user and address are the lookup's, else whose user
 * is when only one has it; undefined when none can be told apart.
 */
export function pickSearchedAccount(lookup: Extract<AccountLookup, { kind: 'bySearch' }>, accounts: readonly VaultAccountDetails[]): VaultAccountDetails | undefined {
  const sameUser = accounts.filter((a) => lower(userOf(a.userName)) === lookup.user);
  const sameAddress = sameUser.find((a) => !!lookup.address && lower(a.address) === lookup.address);
  return sameAddress ?? (sameUser.length === 1 ? sameUser[0] : undefined);
}

/** The event's account from the vault, or undefined when it names none or the search finds none. */
export async function findEventAccount(caller: VaultCaller, event: PtaEvent): Promise<FoundAccount | undefined> {
  const lookup = accountLookupOf(event);
  if (!lookup) return undefined;
  if (lookup.kind === 'byId') return { account: await getAccount(caller, lookup.accountId), foundBySearch: false };
  const result = await searchAccounts(caller, lookup.words);
  const account = pickSearchedAccount(lookup, result.accounts);
  return account ? { account, foundBySearch: true, candidates: result.count ?? result.accounts.length } : undefined;
}
