/** Every key the extension writes to VS Code's storage, defined once. */
export const STORAGE_KEYS = {
  /** workspaceState: the Events view's filter. */
  filter: 'cyberarkPta.filter',
  /** workspaceState: the Events view's sort order. */
  sortOrder: 'cyberarkPta.sortOrder',
  /** globalState: the walkthrough was opened on a first start. */
  walkthroughOpened: 'cyberarkPta.walkthroughOpened',
  /** globalState, per vault address: the unit its fromUpdateDate turned out to be read in. */
  timestampUnit: (appUrl: string) => `cyberarkPta.timestampUnit:${appUrl.toLowerCase()}`,
  /** SecretStorage, per vault address and user name: the remembered password. */
  password: (appUrl: string, username: string) => `cyberarkPta.password:${appUrl.toLowerCase()}|${username.toLowerCase()}`,
} as const;
