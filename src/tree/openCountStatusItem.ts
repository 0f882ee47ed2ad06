import * as vscode from 'vscode';
import { countOf, displayText, formatCount } from '../model/format';
import { inertStatusBar } from '../util/inertText';

export interface VaultCount {
  readonly label: string;
  /** Undefined when unknown: signed out, or the first load failed. */
  readonly open: number | undefined;
  readonly stale: boolean;
  /** "PVWA 14.2.0", once read after sign-in. */
  readonly version?: string;
}

/** Open events across vaults in the status bar (setting cyberarkPta.showStatusBarItem); a click reveals the view. */
export class OpenCountStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cyberarkPta.openCount', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'CyberArk PTA open events';
    this.item.command = 'workbench.view.extension.cyberarkPta';
  }

  /** `vaults`: the signed-in ones. Hidden when there are none or the setting is off. */
  update(visible: boolean, vaults: readonly VaultCount[]): void {
    if (!visible || vaults.length === 0) {
      this.item.hide();
      return;
    }
    const known = vaults.filter((v) => v.open !== undefined);
    const total = known.reduce((sum, v) => sum + (v.open ?? 0), 0);
    const unknown = known.length < vaults.length;
    const stale = vaults.some((v) => v.stale);
    this.item.text = `$(shield) ${known.length === 0 ? '?' : `${formatCount(total)}${unknown ? '+?' : ''}`}${stale || unknown ? ' $(warning)' : ''}`;
    const line = (v: VaultCount) =>
      `${vaults.length > 1 ? `${displayText(v.label, 60)}: ` : ''}${v.open === undefined ? 'open events unknown (the load failed)' : `${countOf(v.open, 'open PTA event')}`}${v.stale ? ' (the last refresh failed)' : ''}${v.version ? `, ${displayText(v.version, 200)}` : ''}`;
    this.item.tooltip = inertStatusBar(vaults.map(line).join('\n'));
    this.item.show();
  }

  /** What the item shows, for tests. */
  get text(): string {
    return this.item.text;
  }

  get tooltip(): string {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : '';
  }

  dispose(): void {
    this.item.dispose();
  }
}
