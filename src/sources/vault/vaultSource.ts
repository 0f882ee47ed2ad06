import * as vscode from 'vscode';
import { PvwaClient } from '../../api/pvwaClient';
import { readVaultCapabilities } from '../../api/resources/serverInfo';
import { httpsAgentFor } from '../../api/transport';
import { VaultCapabilities } from '../../api/vaultCapabilities';
import { PasswordStore } from '../../auth/passwordStore';
import { Session, SessionPrompts, SignInTarget } from '../../auth/session';
import { readSettings } from '../../config';
import { Log } from '../../log';
import { PtaEvent } from '../../model/ptaEvent';
import { EventRefresher, TimestampUnit } from '../../store/eventRefresher';
import { EventStore } from '../../store/eventStore';
import { RefreshController } from '../../sync/refreshController';
import { BulkOptions } from '../../triage/bulkRunner';
import { TriageOutcome, TriageRequest, triageIntoStore } from '../../triage/bulkTriage';
import { STORAGE_KEYS } from '../../storageKeys';
import { Emitter } from '../../util/emitter';
import { EventSource, SourceCapabilities, SourceState } from '../eventSource';
import { VaultConfig } from './vaultConfig';
import { LiveSessionWatch } from './liveSessionWatch';
import { VaultNotices } from './vaultNotices';

export interface VaultSourceDeps {
  readonly globalState: vscode.Memento;
  readonly log: Log;
  readonly passwords: PasswordStore;
  readonly prompts: SessionPrompts;
  /** Events first seen in an incremental refresh of this vault. */
  onNewEvents(source: VaultSource, events: readonly PtaEvent[]): void;
  /** What the person must be told about this vault's connection, once each time it happens. */
  notices: VaultNotices;
}

const CAPABILITIES: SourceCapabilities = { triage: true, refresh: true, openInPvwa: true };

/**
 * One configured vault: its own session (token in memory), refresher (cursor and unit detection),
 * auto-refresh and error state, so one vault failing or signed out never touches another.
 */
export class VaultSource implements EventSource, vscode.Disposable {
  readonly kind = 'vault' as const;
  readonly capabilities = CAPABILITIES;
  readonly store = new EventStore();
  readonly session: Session;
  readonly refresh: RefreshController;
  private readonly refresher: EventRefresher;
  private readonly stateEmitter = new Emitter<SourceState>();
  readonly onDidChangeState = this.stateEmitter.event;
  private lastState: SourceState = { kind: 'signedOut' };
  private capabilitiesValue: VaultCapabilities | undefined;
  private capabilitiesRead = 0;
  private readonly capabilitiesEmitter = new Emitter<VaultCapabilities | undefined>();
  /** The vault's capabilities were read after a sign-in, or dropped at sign-out. */
  readonly onDidChangeVaultCapabilities = this.capabilitiesEmitter.event;
  /** Which open events have a live PSM session, listed once after each refresh. */
  readonly liveSessions: LiveSessionWatch;
  private readonly subscriptions: Array<{ dispose(): void }> = [];

  private readonly log: Log;

  constructor(
    private configValue: VaultConfig,
    deps: VaultSourceDeps,
  ) {
    this.log = deps.log;
    this.session = new Session({
      passwords: deps.passwords,
      prompts: deps.prompts,
      log: deps.log,
      createClient: (address) => {
        const settings = readSettings();
        const tls = { ...settings.tls, caFile: this.configValue.caFile ?? settings.tls.caFile };
        const agent = address.isHttps ? httpsAgentFor(tls) : undefined;
        return new PvwaClient({ address, timeoutSeconds: settings.requestTimeoutSeconds, log: deps.log, agent, insecureRequested: address.isHttps && tls.allowInsecure });
      },
      rememberPassword: () => readSettings().rememberPassword,
    });
    this.liveSessions = new LiveSessionWatch({
      caller: this.session,
      capabilities: () => this.capabilitiesValue,
      log: { warn: (m) => deps.log.warn(`${this.label}: ${m}`) },
    });
    this.refresher = new EventRefresher(
      this.store,
      (query, onBatch) => this.session.call((client, token) => client.streamEvents(token, query, onBatch)),
      () => ({
        lookbackDays: this.config.lookbackDays ?? readSettings().lookbackDays,
        unitSetting: this.config.fromUpdateDateUnit ?? readSettings().fromUpdateDateUnit,
      }),
      {
        get: () => deps.globalState.get<TimestampUnit>(this.unitKey()),
        set: (unit, reason) => {
          deps.log.info(`${this.label}: using fromUpdateDate in ${unit} from now on: ${reason}`);
          void deps.globalState.update(this.unitKey(), unit);
        },
      },
    );
    this.refresh = new RefreshController({
      refresher: this.refresher,
      isSignedIn: () => this.session.isSignedIn,
      autoRefreshSeconds: () => readSettings().autoRefreshSeconds,
      log: { info: (m) => deps.log.info(`${this.label}: ${m}`), warn: (m) => deps.log.warn(`${this.label}: ${m}`) },
      onNewEvents: (events) => deps.onNewEvents(this, events),
      onRefreshed: () => this.liveSessions.refreshed(),
      onFailing: (error) => deps.notices.refreshFailing(this, error),
      onRecovered: () => deps.notices.refreshRecovered(this),
    });
    this.subscriptions.push(
      this.session.onDidChange((signedIn) => {
        this.liveSessions.reset();
        void this.readCapabilities(signedIn);
        if (signedIn) {
          void this.refresh.refresh({ full: true });
        } else {
          this.refresh.reset();
          this.store.clear();
        }
        this.updateState();
      }),
      this.refresh.onDidChangeState(() => this.updateState()),
      this.session.onDidRefuseRenewal((error) => deps.notices.renewalRefused(this, error)),
    );
  }

  get id(): string {
    return this.configValue.id;
  }

  get label(): string {
    return this.configValue.name;
  }

  get config(): VaultConfig {
    return this.configValue;
  }

  get state(): SourceState {
    return this.lastState;
  }

  /** See EventRefresher.refreshCursor. */
  get refreshCursor(): number {
    return this.refresher.refreshCursor;
  }

  get isPlaceholder(): boolean {
    return !this.configValue.inList && !this.configValue.address && !this.session.isSignedIn;
  }

  /** The signed-in target, else what the configuration says to sign in to (when complete). */
  get target(): SignInTarget | undefined {
    if (this.session.target) return this.session.target;
    const { address, username, authMethod } = this.configValue;
    return address && username && authMethod ? { address, username, method: authMethod, vaultName: this.configValue.name } : undefined;
  }

  /**
   * What the signed-in vault can do (its version, who is signed in); undefined while signed out
   * or until it has been read after sign-in.
   */
  get vaultCapabilities(): VaultCapabilities | undefined {
    return this.capabilitiesValue;
  }

  /** A changed address, user or method ends the session, which belonged to the old ones. */
  async reconfigure(config: VaultConfig): Promise<void> {
    const before = this.session.target;
    this.configValue = config;
    const moved = before && (before.address.appUrl !== config.address?.appUrl || before.username !== config.username || (config.authMethod && before.method !== config.authMethod));
    if (moved) await this.session.signOut();
    this.updateState();
  }

  /**
   * Sends the changes side by side through the session, each answer into the store as the truth
   * (see triageIntoStore); answers that arrive after a sign-out (or a sign-in as someone else) are dropped.
   */
  triage(requests: readonly TriageRequest[], options: BulkOptions): Promise<TriageOutcome> {
    const generation = this.session.generation;
    const store = {
      upsertAll: (events: readonly PtaEvent[]) => {
        if (this.session.generation === generation) this.store.upsertAll(events);
        else this.log.info(`${this.label}: ${events.length} answer${events.length === 1 ? '' : 's'} that arrived after sign-out dropped.`);
      },
    };
    return triageIntoStore(this.session, store, requests, options);
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.refresh.dispose();
    this.liveSessions.dispose();
    this.session.dispose();
    this.stateEmitter.dispose();
    this.capabilitiesEmitter.dispose();
  }

  /** Read once per sign-in; a read overtaken by a sign-out or a later sign-in is dropped. */
  private async readCapabilities(signedIn: boolean): Promise<void> {
    const read = ++this.capabilitiesRead;
    this.capabilitiesValue = undefined;
    const username = this.session.target?.username;
    if (signedIn && username) {
      const capabilities = await readVaultCapabilities(this.session, username);
      if (read !== this.capabilitiesRead) return;
      this.capabilitiesValue = capabilities;
    }
    this.capabilitiesEmitter.fire(this.capabilitiesValue);
    this.liveSessions.capabilitiesChanged();
  }

  private unitKey(): string {
    return STORAGE_KEYS.timestampUnit(this.target?.address.appUrl ?? '');
  }

  private updateState(): void {
    const next = stateOf(this.session.isSignedIn, this.refresh.current);
    if (JSON.stringify(next) === JSON.stringify(this.lastState)) return;
    this.lastState = next;
    this.stateEmitter.fire(next);
  }
}

function stateOf(signedIn: boolean, refresh: RefreshController['current']): SourceState {
  if (!signedIn) return { kind: 'signedOut' };
  if (refresh.lastError) {
    return refresh.loaded && refresh.lastSuccess
      ? { kind: 'stale', asOf: refresh.lastSuccess, error: refresh.lastError }
      : { kind: 'failed', error: refresh.lastError };
  }
  if (!refresh.loaded || !refresh.lastSuccess) return { kind: 'loading' };
  return { kind: 'loaded', asOf: refresh.lastSuccess };
}
