import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TriageResult } from '../../../src/commands/triageBatch';
import type { Services } from '../../../src/services';
import * as inertWindow from '../../../src/ui/inertWindow';
import { PvwaSimulator } from '../../simulator/server';
import { hostileEvents } from '../../support/hostileEvents';
import { extensionApi, interceptMessages, replaceWindow, signIn, signOut, startVault } from './support';

// What VS Code would read as markup (src/vs/base/common/linkedText.ts, src/vs/base/browser/ui/iconLabel/iconLabels.ts):
// `[text](target)` is a link in a notification; `$(name)` is an icon in the status bar unless a backslash precedes it.
const LINK = '[x](command:workbench.action.terminal.new)';
const ICONS = '$(alert) text';
const HOSTILE = `${LINK} ${ICONS}`;
const NOTIFICATION_LINK = /\[[^\]]*\]\(/;
const ICON = /(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z0-9-]*)?)\)/g;

function renderedIcons(text: string): string[] {
  return [...text.matchAll(ICON)].filter((m) => !m[1]).map((m) => m[2]);
}

function assertNoLink(where: string, text: unknown): void {
  assert.equal(typeof text, 'string', where);
  assert.doesNotMatch(text as string, NOTIFICATION_LINK, `${where} would show a link: ${text}`);
}

function assertNoIcon(where: string, text: unknown): void {
  assert.deepEqual(renderedIcons(text as string), [], `${where} would draw an icon: ${text}`);
}

type Call = { name: string; args: unknown[] };

/** Stands in for the five vscode.window functions and records exactly what VS Code would be given. */
function recordWindow(answer?: unknown) {
  const calls: Call[] = [];
  const record = (name: string, returns: unknown) => (_original: unknown, ...args: unknown[]) => {
    calls.push({ name, args });
    return returns;
  };
  const restore = replaceWindow({
    showInformationMessage: record('showInformationMessage', Promise.resolve(answer)),
    showWarningMessage: record('showWarningMessage', Promise.resolve(answer)),
    showErrorMessage: record('showErrorMessage', Promise.resolve(answer)),
    setStatusBarMessage: record('setStatusBarMessage', new vscode.Disposable(() => undefined)),
    withProgress: (_original, options, task) => {
      const reports: unknown[] = [];
      calls.push({ name: 'withProgress', args: [options, reports] });
      const progress = { report: (value: unknown) => void reports.push(value) };
      return (task as (p: typeof progress, t: vscode.CancellationToken) => Thenable<unknown>)(progress, new vscode.CancellationTokenSource().token);
    },
  });
  return { calls, restore };
}

describe('notifications, progress and the status bar show vault text inert', () => {
  it('gives each message function a message without links, keeps the buttons and returns the choice', async () => {
    const window = recordWindow('Retry');
    try {
      assert.equal(await inertWindow.showInformationMessage(HOSTILE, 'Retry'), 'Retry');
      assert.equal(await inertWindow.showWarningMessage(HOSTILE, { modal: true, detail: `Filter: ${LINK}` }, 'Retry', 'Open Settings'), 'Retry');
      await inertWindow.showErrorMessage(HOSTILE, { title: 'Retry' });
    } finally {
      window.restore();
    }
    assert.deepEqual(
      window.calls.map((c) => c.name),
      ['showInformationMessage', 'showWarningMessage', 'showErrorMessage'],
    );
    const [information, warning, error] = window.calls;
    for (const call of window.calls) assertNoLink(`${call.name}'s message`, call.args[0]);
    assert.equal(information.args[0], '[x] (command:workbench.action.terminal.new) $(alert) text', 'only the link is broken; the words stay');
    assert.deepEqual(information.args.slice(1), ['Retry']);
    assert.deepEqual(warning.args.slice(1), [{ modal: true, detail: 'Filter: [x] (command:workbench.action.terminal.new)' }, 'Retry', 'Open Settings']);
    assert.deepEqual(error.args.slice(1), [{ title: 'Retry' }], 'a message item is a button, not options');
  });

  it('gives withProgress a title and reported messages without links or icons, and passes the result through', async () => {
    const window = recordWindow();
    let result: string;
    try {
      result = await inertWindow.withProgress({ location: vscode.ProgressLocation.Notification, title: `Closing ${HOSTILE}`, cancellable: true }, async (progress) => {
        progress.report({ message: ICONS, increment: 50 });
        progress.report({ increment: 10 });
        return 'done';
      });
    } finally {
      window.restore();
    }
    assert.equal(result, 'done');
    const [{ name, args }] = window.calls;
    assert.equal(name, 'withProgress');
    const [options, reports] = args as [vscode.ProgressOptions, Array<{ message?: string; increment?: number }>];
    assert.equal(options.location, vscode.ProgressLocation.Notification);
    assert.equal(options.cancellable, true);
    assertNoLink('the progress title', options.title);
    assertNoIcon('the progress title', options.title);
    assert.equal(options.title, 'Closing [x] (command:workbench.action.terminal.new) \\$(alert) text');
    assert.deepEqual(reports, [{ message: '\\$(alert) text', increment: 50 }, { increment: 10 }]);
  });

  it('draws only the icon passed as the icon in a status bar message', () => {
    const window = recordWindow();
    try {
      inertWindow.setStatusBarMessage(`${ICONS} $(sync~spin)`, 4000, 'check');
      inertWindow.setStatusBarMessage(ICONS, 3000);
    } finally {
      window.restore();
    }
    const [withIcon, without] = window.calls;
    assert.deepEqual(withIcon.args, ['$(check) \\$(alert) text \\$(sync~spin)', 4000]);
    assert.deepEqual(renderedIcons(withIcon.args[0] as string), ['check']);
    assert.deepEqual(without.args, ['\\$(alert) text', 3000]);
    assertNoIcon('a status bar message without an icon', without.args[0]);
  });

  describe('closing an event whose type is hostile', () => {
    let api: Services;
    let sim: PvwaSimulator;

    before(async () => {
      api = await extensionApi();
      const events = hostileEvents(Date.now(), [LINK, ICONS]).map((event) => ({ ...event, mStatus: 'OPEN' }));
      sim = await startVault({ events });
      await signIn(api, sim);
    });

    after(async () => {
      await signOut(api);
      await sim.stop();
    });

    for (const type of [LINK, ICONS]) {
      it(`names ${JSON.stringify(type)} inert in the progress title and the summary`, async () => {
        const event = sim.events().find((e) => e.type === type)!;
        const titles: unknown[] = [];
        const restoreProgress = replaceWindow({
          withProgress: (original, options, task) => {
            titles.push((options as vscode.ProgressOptions).title);
            return original(options, task);
          },
        });
        const messages = interceptMessages();
        try {
          const outcome = await vscode.commands.executeCommand<TriageResult>('cyberarkPta.closeEvent', { eventIds: [event.id], reason: 'HANDLED', text: 'checked' });
          assert.deepEqual(outcome.succeeded.map((r) => r.eventId), [event.id]);
        } finally {
          restoreProgress();
          messages.restore();
        }
        const title = titles.find((t) => String(t).startsWith('Closing '));
        assert.ok(title, `a progress title for the close among ${JSON.stringify(titles)}`);
        assertNoLink('the close progress title', title);
        assertNoIcon('the close progress title', title);
        const closed = messages.shown.find((m) => m.message.startsWith('Closed '));
        assert.ok(closed, `a summary among ${JSON.stringify(messages.shown)}`);
        assertNoLink('the close summary', closed.message);
        assert.deepEqual(closed.items, ['Undo']);
      });
    }
  });
});
