import * as vscode from 'vscode';

/** The number of open events in the status bar (setting cyberarkPta.showStatusBarItem); a click reveals the view. */
export class OpenCountStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cyberarkPta.openCount', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'CyberArk PTA open events';
    this.item.command = 'workbench.view.extension.cyberarkPta';
  }

  update(visible: boolean, openCount: number, stale: boolean): void {
    if (!visible) {
      this.item.hide();
      return;
    }
    this.item.text = `$(shield) ${openCount}${stale ? ' $(warning)' : ''}`;
    this.item.tooltip = `${openCount} open PTA event${openCount === 1 ? '' : 's'}${stale ? ' (the last refresh failed)' : ''}`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
