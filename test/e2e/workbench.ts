// Page helpers that drive the VS Code workbench (code-server in Chromium) the way a person
// does: activity bar, command palette, quick picks and input boxes, tree rows, context menus,
// webviews. Selectors lean on roles and aria labels, which VS Code keeps stable.
import type { Frame, Locator, Page } from 'playwright-core';
import { sleep } from '../host/codeServer';

export class Workbench {
  readonly sideBar: Locator;
  readonly quickInput: Locator;
  /** Work-arounds for the host's own flakiness that were needed, printed after the report. */
  readonly hostRetries: string[] = [];

  constructor(readonly page: Page) {
    this.sideBar = page.locator('.part.sidebar');
    this.quickInput = page.locator('.quick-input-widget');
  }

  async waitUntilLoaded(timeoutMs: number): Promise<void> {
    await this.page.locator('.monaco-workbench .part.activitybar .action-item').first().waitFor({ timeout: timeoutMs });
  }

  activityBarItem(title: string): Locator {
    return this.page.locator(`.part.activitybar .action-item a.action-label[aria-label^="${cssString(title)}"]`);
  }

  async openViewContainer(title: string): Promise<void> {
    await this.activityBarItem(title).click();
    await this.sideBar.locator('.composite.title h2', { hasText: title }).waitFor();
  }

  /** Drags the sash between the side bar and the editor so the side bar is `width` pixels wide. */
  async resizeSideBar(width: number): Promise<void> {
    const box = await this.sideBar.boundingBox();
    if (!box) throw new Error('the side bar is not shown');
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width - 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, y, { steps: 5 });
    await this.page.mouse.up();
    await eventually(`the side bar to be ${width} px wide`, async () => {
      const resized = await this.sideBar.boundingBox();
      if (!resized || Math.abs(resized.width - width) > 8) throw new Error(`it is ${resized?.width} px wide`);
    });
  }

  /** A view's pane header in the side bar, e.g. "Overview". */
  paneHeader(viewName: string): Locator {
    return this.sideBar.locator('.pane-header').filter({ has: this.page.locator('h3.title').getByText(viewName, { exact: true }) });
  }

  async setPaneExpanded(viewName: string, expanded: boolean): Promise<void> {
    const header = this.paneHeader(viewName);
    await header.waitFor();
    if ((await header.getAttribute('aria-expanded')) !== String(expanded)) await header.click();
    await eventually(`the ${viewName} view to be ${expanded ? 'expanded' : 'folded'}`, async () => {
      if ((await header.getAttribute('aria-expanded')) !== String(expanded)) throw new Error(`aria-expanded is ${await header.getAttribute('aria-expanded')}`);
    });
  }

  /** The extension's open-count item in the status bar (its shield icon). */
  openCountStatusItem(): Locator {
    return this.page.locator('.part.statusbar .statusbar-item').filter({ has: this.page.locator('.codicon-shield') });
  }

  /** The editor tabs; `active` only the active one. */
  editorTabs(): Locator {
    return this.page.locator('.part.editor .tabs-container .tab');
  }

  /** Whether the keyboard focus is in a tree or list of the side bar. */
  async focusIsInTree(): Promise<boolean> {
    return this.page.evaluate(() => {
      const active = document.activeElement;
      return !!active && !!active.closest('.part.sidebar') && !!active.closest('.monaco-list');
    });
  }

  welcomeContent(): Locator {
    return this.sideBar.locator('.welcome-view-content');
  }

  /** The message a tree view shows above its rows (TreeView.message). */
  viewMessage(): Locator {
    return this.sideBar.locator('.tree-explorer-viewlet-tree-view > .message');
  }

  /**
   * Clicks an action of the Events view's title: in the side bar's title while it is the only
   * view, in its pane header (shown on hover) once the Overview is beside it.
   */
  async clickViewTitleAction(label: string): Promise<void> {
    const header = this.paneHeader('Events');
    if (await header.count()) {
      await header.hover();
      await header.locator(`.actions a.action-label[aria-label="${cssString(label)}"]`).click();
    } else {
      await this.sideBar.locator(`.composite.title .title-actions a.action-label[aria-label="${cssString(label)}"]`).click();
    }
  }

  /** Tree rows whose aria label starts with `prefix` (custom tree items set their own aria labels). */
  treeRows(prefix: string): Locator {
    return this.sideBar.locator(`.monaco-list-row[role="treeitem"][aria-label^="${cssString(prefix)}"]`);
  }

  /** Rows whose visible label matches `label` (for rows without an aria label of their own). */
  rowsLabelled(label: string | RegExp): Locator {
    return this.sideBar.locator('.monaco-list-row[role="treeitem"]').filter({ has: this.page.locator('.label-name', { hasText: label }) });
  }

  /** A top-level row whose label is exactly `label`, such as a group heading. */
  topLevelRow(label: string): Locator {
    return this.sideBar
      .locator('.monaco-list-row[role="treeitem"][aria-level="1"]')
      .filter({ has: this.page.locator('.label-name').getByText(label, { exact: true }) });
  }

  async rowDescription(row: Locator): Promise<string> {
    return ((await row.locator('.label-description').textContent()) ?? '').trim();
  }

  async setExpanded(row: Locator, expanded: boolean): Promise<void> {
    if ((await row.getAttribute('aria-expanded')) !== String(expanded)) {
      await row.locator('.monaco-tl-twistie').click();
    }
    await eventually(`the row to be ${expanded ? 'expanded' : 'collapsed'}`, async () => {
      if ((await row.getAttribute('aria-expanded')) !== String(expanded)) throw new Error(`aria-expanded is ${await row.getAttribute('aria-expanded')}`);
    });
  }

  /** The aria labels of the rows directly below `row`, one level deeper (all must be rendered). */
  async childRowLabels(row: Locator): Promise<string[]> {
    return row.evaluate((element) => {
      const level = Number(element.getAttribute('aria-level'));
      const rows = Array.from(element.parentElement!.querySelectorAll<HTMLElement>('.monaco-list-row')).sort(
        (a, b) => Number(a.dataset.index) - Number(b.dataset.index),
      );
      const labels: string[] = [];
      for (const next of rows.slice(rows.indexOf(element as HTMLElement) + 1)) {
        const nextLevel = Number(next.getAttribute('aria-level'));
        if (nextLevel <= level) break;
        if (nextLevel === level + 1) labels.push(next.getAttribute('aria-label') ?? '');
      }
      return labels;
    });
  }

  async contextMenuAction(row: Locator, action: string): Promise<void> {
    await row.click({ button: 'right' });
    // VS Code renders its context menu inside a shadow root; role locators reach into it.
    // An item's accessible name ends with its keybinding when it has one ("Close Event… C").
    const item = this.page.getByRole('menuitem', { name: new RegExp(`^${escapeRegExp(action)}( \\S+)?$`) });
    await item.waitFor();
    // A click right after the menu opens is sometimes dropped (seen after a webview had focus);
    // hovering focuses the item, and Enter runs the focused item every time.
    await item.hover();
    await eventually(`the menu item "${action}" to take focus`, async () => {
      if (!(await item.evaluate((element) => !!element.closest('.action-item')?.classList.contains('focused')))) {
        throw new Error('it is not focused');
      }
    });
    await this.page.keyboard.press('Enter');
    await item.waitFor({ state: 'hidden' });
  }

  /** Runs a command from the command palette by its full title, e.g. "CyberArk PTA: Sign In". */
  async runCommand(title: string): Promise<void> {
    // The palette can close as soon as it opens when something the extension was still doing takes
    // the focus (the tree revealing the next event after a close): it is opened again, as a person would.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.page.keyboard.press('F1');
        await this.quickInputBox().waitFor();
        await this.quickInputBox().fill(`>${title}`, { timeout: 5000 });
        // A command run before shows with ", recently used" after its name.
        const option = this.quickInput.getByRole('option', { name: new RegExp(`^${escapeRegExp(title)}(,|$)`) });
        await option.first().waitFor({ timeout: 5000 });
        await option.first().click({ timeout: 5000 });
        return;
      } catch (error) {
        if (attempt === 3) throw error;
        await this.page.keyboard.press('Escape');
      }
    }
  }

  quickInputBox(): Locator {
    return this.quickInput.locator('.quick-input-box input');
  }

  quickInputTitle(): Locator {
    return this.quickInput.locator('.quick-input-title');
  }

  /** The prompt or the validation message under the input box. */
  quickInputMessage(): Locator {
    return this.quickInput.locator('.quick-input-message');
  }

  async waitForQuickInput(title: string): Promise<void> {
    await this.quickInput.waitFor({ state: 'visible' });
    await eventually(`the quick input titled "${title}"`, async () => {
      const shown = ((await this.quickInputTitle().textContent()) ?? '').trim();
      if (shown !== title) throw new Error(`its title is "${shown}"`);
    });
  }

  async waitForQuickInputClosed(): Promise<void> {
    await this.quickInput.waitFor({ state: 'hidden' });
  }

  /** Picks the quick pick item whose label starts with `label` (codicons and descriptions follow in the aria label). */
  async pickQuickItem(label: string): Promise<void> {
    const option = this.quickInput.getByRole('option', { name: new RegExp(`^(\\S+ )?${escapeRegExp(label)}`) });
    await option.first().click();
  }

  /** Picks the quick pick item whose label is exactly `label` (its aria label may add ", description"). */
  async pickExactQuickItem(label: string): Promise<void> {
    await this.quickInput.getByRole('option', { name: new RegExp(`^${escapeRegExp(label)}(,|$)`) }).first().click();
  }

  /** Preferences: Color Theme, as a person picks one. */
  async selectColorTheme(name: string): Promise<void> {
    await this.runCommand('Preferences: Color Theme');
    await this.quickInputBox().fill(name);
    await this.pickExactQuickItem(name);
    await this.waitForQuickInputClosed();
  }

  async quickPickLabels(): Promise<string[]> {
    return this.quickInput.getByRole('option').evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
  }

  /** Replaces the input box's text by typing, so validation runs on every keystroke as for a person. */
  async typeIntoQuickInput(text: string): Promise<void> {
    await this.quickInputBox().focus();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Backspace');
    await this.page.keyboard.type(text);
  }

  notificationToasts(): Locator {
    return this.page.locator('.notifications-toasts .notification-toast');
  }

  /**
   * The innermost frame of a webview whose document contains `selector`. code-server serves every
   * webview from one origin, and a new webview's frame sometimes waits forever for its service
   * worker (the log says "Waiting for controllerchange"); after half the time the webviews are
   * reloaded once, as a person would, and that is noted in `hostRetries`.
   */
  async webviewFrame(selector: string, timeoutMs = 20_000): Promise<Frame> {
    // A folded view's or a closed panel's page can stay in the document, hidden, after its
    // webview is gone: only a page whose frames are all on screen is the one a person sees.
    const shown = async (frame: Frame): Promise<boolean> => {
      for (let f: Frame | null = frame; f && f !== this.page.mainFrame(); f = f.parentFrame()) {
        const element = await f.frameElement().catch(() => null);
        if (!element || !(await element.isVisible())) return false;
      }
      return true;
    };
    const find = async () => {
      for (const frame of this.page.frames()) {
        if (frame !== this.page.mainFrame() && (await frame.$(selector).catch(() => null)) && (await shown(frame))) return frame;
      }
      throw new Error('none of the page frames on screen has it yet');
    };
    let found: Frame | undefined;
    try {
      await eventually(`a webview frame with ${selector}`, async () => void (found = await find()), timeoutMs / 2);
    } catch {
      this.hostRetries.push(`reloaded the webviews: no frame with ${selector} after ${timeoutMs / 2000} s`);
      await this.runCommand('Developer: Reload Webviews');
      await eventually(`a webview frame with ${selector} after reloading the webviews`, async () => void (found = await find()), timeoutMs / 2);
    }
    return found!;
  }

  /**
   * Clicks, then waits for `done`. code-server now and then drops what a click asks of a webview
   * or of the extension host behind it; the click is then made once more, as a person would, and
   * that is noted in `hostRetries`. A second miss fails the step.
   */
  async clickUntil(what: string, click: () => Promise<void>, done: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
    await click();
    try {
      await eventually(what, done, timeoutMs);
    } catch {
      this.hostRetries.push(`clicked again: ${what} did not follow the first click within ${timeoutMs / 1000} s`);
      await click();
      await eventually(`${what}, after a second click`, done, timeoutMs);
    }
  }

  /** Moves the mouse where it shows no hover, so screenshots are not covered by tooltips. */
  async parkMouse(): Promise<void> {
    const viewport = this.page.viewportSize();
    if (viewport) await this.page.mouse.move(viewport.width - 2, viewport.height / 2);
  }
}

/** Retries `check` until it stops throwing; then throws its last error, naming what was awaited. */
export async function eventually(what: string, check: () => Promise<void>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}: ${(error as Error).message}`);
      }
    }
    await sleep(100);
  }
}

function cssString(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
