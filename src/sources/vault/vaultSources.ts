import * as vscode from 'vscode';
import { readVaultSettings, SECTION } from '../../config';
import { Log } from '../../log';
import * as inertWindow from '../../ui/inertWindow';
import { Disposable, Emitter } from '../../util/emitter';
import { EventSources } from '../eventSources';
import { readVaultConfigs, VaultConfigs } from './vaultConfig';
import { VaultSource, VaultSourceDeps } from './vaultSource';

/**
 * Keeps one VaultSource per configured vault: added, reconfigured and removed as the settings
 * change. A removed vault is signed out first. Problems in the settings are logged and shown once.
 */
export class VaultSources implements vscode.Disposable {
  private readonly byId = new Map<string, VaultSource>();
  private readonly relays = new Map<string, Disposable[]>();
  private readonly respondEmitter = new Emitter<VaultSource>();
  /** A vault's capabilities were read or dropped, or its set of live sessions changed. */
  readonly onDidChangeRespondState = this.respondEmitter.event;
  private readonly subscription: vscode.Disposable;
  private shownProblems = '';

  constructor(
    private readonly sources: EventSources,
    private readonly deps: VaultSourceDeps,
    private readonly log: Log,
  ) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (['vaults', 'url', 'username', 'authMethod'].some((key) => e.affectsConfiguration(`${SECTION}.${key}`))) void this.sync();
    });
  }

  all(): VaultSource[] {
    return [...this.byId.values()];
  }

  get(sourceId: string): VaultSource | undefined {
    return this.byId.get(sourceId);
  }

  /** Reads the settings and brings the sources in line with them. */
  async sync(): Promise<VaultConfigs> {
    const configs = readVaultConfigs(readVaultSettings());
    this.report(configs);
    const wanted = new Set(configs.vaults.map((v) => v.id));
    for (const [id, source] of [...this.byId]) {
      if (wanted.has(id)) continue;
      this.byId.delete(id);
      for (const relay of this.relays.get(id) ?? []) relay.dispose();
      this.relays.delete(id);
      this.sources.remove(id);
      await source.session.signOut();
      source.dispose();
    }
    for (const config of configs.vaults) {
      const existing = this.byId.get(config.id);
      if (existing) {
        await existing.reconfigure(config);
        continue;
      }
      const source = new VaultSource(config, this.deps);
      this.byId.set(config.id, source);
      this.relays.set(config.id, [
        source.onDidChangeVaultCapabilities(() => this.respondEmitter.fire(source)),
        source.liveSessions.onDidChange(() => this.respondEmitter.fire(source)),
      ]);
      this.sources.add(source);
    }
    return configs;
  }

  dispose(): void {
    this.subscription.dispose();
    for (const list of this.relays.values()) for (const relay of list) relay.dispose();
    this.relays.clear();
    this.respondEmitter.dispose();
    for (const source of this.byId.values()) source.dispose();
    this.byId.clear();
  }

  private report(configs: VaultConfigs): void {
    if (configs.precedence) this.log.info(configs.precedence);
    for (const problem of configs.problems) this.log.warn(problem);
    const text = configs.problems.join(' ');
    if (text && text !== this.shownProblems) {
      void inertWindow.showWarningMessage(configs.problems.length === 1 ? configs.problems[0] : `${configs.problems.length} problems in cyberarkPta.vaults: ${text}`, 'Open Settings').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.vaults`);
      });
    }
    this.shownProblems = text;
  }
}
