import * as assert from 'node:assert/strict';
import { inertNotification, inertQuickPick, inertStatusBar } from '../../src/util/inertText';
import { HOSTILE_STRINGS } from '../simulator/hostileStrings';

// How VS Code reads these places (src/vs/base/common/linkedText.ts, src/vs/base/browser/ui/iconLabel/iconLabels.ts):
// a notification turns `[text](target)` into a link; a status bar text or a quick pick label, description or
// detail turns `$(name)` into an icon unless a backslash precedes it.
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const ICON = /(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z0-9-]*)?)\)/g;

function renderedIcons(text: string): string[] {
  return [...text.matchAll(ICON)].filter((m) => !m[1]).map((m) => m[2]);
}

describe('inert text for notifications, the status bar and quick picks', () => {
  it('breaks markdown-style links, command targets included, and keeps the words', () => {
    assert.equal(inertNotification('[click](command:workbench.action.terminal.new)'), '[click] (command:workbench.action.terminal.new)');
    assert.equal(inertNotification('a](b) and [c](https://x)'), 'a] (b) and [c] (https://x)');
    assert.equal(inertNotification('Golden Ticket (96)'), 'Golden Ticket (96)');
  });

  it('escapes icon syntax the way VS Code reads it, so it shows as the text it is', () => {
    assert.equal(inertStatusBar('Closed $(alert) $(sync~spin)'), 'Closed \\$(alert) \\$(sync~spin)');
    assert.equal(inertQuickPick('$(zap) db01'), '\\$(zap) db01');
    assert.equal(inertQuickPick('already \\$(zap)'), 'already \\\\$(zap)', 'the original backslash stays visible');
    assert.equal(inertStatusBar('costs $5 (net) and $(not an icon)'), 'costs $5 (net) and $(not an icon)');
  });

  for (const [i, hostile] of HOSTILE_STRINGS.entries()) {
    it(`leaves no link or icon in hostile string #${i}`, () => {
      assert.equal([...inertNotification(hostile).matchAll(NOTIFICATION_LINK)].length, 0);
      assert.deepEqual(renderedIcons(inertStatusBar(hostile)), []);
      assert.deepEqual(renderedIcons(inertQuickPick(hostile)), []);
    });
  }
});
