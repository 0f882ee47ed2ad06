import * as vscode from 'vscode';
import { BehindEventCache } from '../respond/behindEventCache';
import { EventRef, refKey } from '../sources/eventSource';
import { EventSources } from '../sources/eventSources';
import { VaultSource } from '../sources/vault/vaultSource';
import { VaultSources } from '../sources/vault/vaultSources';
import { isPlainObject } from '../util/messageShape';
import { onFirstUse } from '../startup/loadOnFirstUse';
import type { BehindEventView } from './behindEventView';
import { EventDetailsPanel, EventDetailsPanels, PanelSection } from './eventDetailsPanels';

/** The message type of this section, both ways. */
export const BEHIND_MESSAGE = 'behindEvent';

export interface BehindEventHooks {
  /** What was done on the event from here, one line each. */
  record(ref: EventRef): readonly string[];
  clearRecord(ref: EventRef): void;
}

/** How long a panel opened right after sign-in waits for the vault's version before asking anyway. */
const CAPABILITIES_WAIT_MS = 5000;

/**
 * "Behind this event" in the details panels: loads an event's picture when its panel shows it
 * (from the cache after the first time), posts each part as it arrives, and runs the page's
 * Refresh and respond buttons. Only events of a signed-in vault have one.
 */
export class BehindEventSection implements PanelSection, vscode.Disposable {
  private readonly subscriptions: Array<{ dispose(): void }> = [];

  constructor(
    private readonly sources: EventSources,
    private readonly vaults: VaultSources,
    readonly cache: BehindEventCache,
    private readonly panels: EventDetailsPanels,
    private readonly hooks: BehindEventHooks,
  ) {
    this.subscriptions.push(
      cache.onDidChange(({ ref }) => this.post(ref)),
      sources.onDidChangeState((source) => {
        if (source.state.kind === 'signedOut') cache.dropSource(source.id);
      }),
    );
    panels.addSection(this);
  }

  shown(panel: EventDetailsPanel): void {
    void this.load(panel.ref);
    this.postTo(panel);
  }

  receive(panel: EventDetailsPanel, raw: unknown): boolean | undefined {
    if (!isPlainObject(raw) || raw.type !== BEHIND_MESSAGE) return undefined;
    const ref = panel.ref;
    const keys = Object.keys(raw).length;
    if (raw.eventId !== ref.eventId) return false;
    if (raw.request === 'refresh' && keys === 3) {
      void this.load(ref, true);
      return true;
    }
    if (raw.request === 'clearRecord' && keys === 3) {
      this.hooks.clearRecord(ref);
      return true;
    }
    const action = raw.request === 'respond' && keys === 4 ? onFirstUse().RESPOND_ACTIONS.find((a) => a.id === raw.action) : undefined;
    if (!action) return false;
    void vscode.commands.executeCommand(action.command, ref);
    return true;
  }

  /** Loads (or reloads) the event's picture; resolves when every part has settled. */
  async load(ref: EventRef, refresh = false): Promise<void> {
    const vault = this.signedInVault(ref);
    const found = this.sources.resolve(ref);
    if (!vault || !found) return;
    if (!vault.vaultCapabilities) await capabilitiesRead(vault);
    await this.cache.load(ref, found.event, { caller: vault.session, capabilities: vault.vaultCapabilities }, { refresh });
  }

  /** Posts the event's section again to every panel showing it (a record changed, a part arrived). */
  post(ref: EventRef): void {
    for (const panel of this.panels.all()) if (refKey(panel.ref) === refKey(ref)) this.postTo(panel);
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }

  private postTo(panel: EventDetailsPanel): void {
    const message = this.message(panel.ref);
    if (message) panel.postSection(BEHIND_MESSAGE, message);
  }

  /** What the event's panels are sent: a notice, or the section's view; undefined for an event of a file. */
  message(ref: EventRef): { eventId: string; notice?: string; record: readonly string[]; view?: BehindEventView } | undefined {
    const found = this.sources.resolve(ref);
    if (!found || found.source.kind !== 'vault') return undefined;
    const vault = this.signedInVault(ref);
    const behind = vault && this.cache.get(ref);
    const record = this.hooks.record(ref);
    if (!vault || !behind) return { eventId: ref.eventId, notice: vault ? 'Loading…' : 'Sign in to this vault to see what stands behind the event.', record };
    const capabilities = vault.vaultCapabilities;
    const { RESPOND_ACTIONS, usability, buildBehindEventView } = onFirstUse();
    const actions = RESPOND_ACTIONS.map((action) => {
      const use = usability(action, found.event, capabilities, behind);
      return { action: action.id, title: action.title, disabledReason: use.usable ? undefined : use.reason };
    });
    return { eventId: ref.eventId, record, view: buildBehindEventView(ref.eventId, behind, Date.now(), { actions, record }) };
  }

  private signedInVault(ref: EventRef): VaultSource | undefined {
    const vault = this.vaults.get(ref.sourceId);
    return vault?.session.isSignedIn ? vault : undefined;
  }
}


function capabilitiesRead(vault: VaultSource): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, CAPABILITIES_WAIT_MS);
    const subscription = vault.onDidChangeVaultCapabilities(done);
    function done() {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    }
  });
}
