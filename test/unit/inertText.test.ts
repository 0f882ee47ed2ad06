import * as assert from 'node:assert/strict';
import { inertNotification, inertStatusBar } from '../../src/util/inertText';

describe('inert text for notifications and the status bar', () => {
  it('breaks markdown-style links, command targets included, and keeps the words', () => {
    assert.equal(inertNotification('[click](command:workbench.action.terminal.new)'), '[click] (command:workbench.action.terminal.new)');
    assert.equal(inertNotification('a](b) and [c](https://x)'), 'a] (b) and [c] (https://x)');
    assert.equal(inertNotification('Golden Ticket (96)'), 'Golden Ticket (96)');
  });

  it('breaks status-bar icon syntax', () => {
    assert.equal(inertStatusBar('Closed $(alert) $(sync~spin)'), 'Closed $ (alert) $ (sync~spin)');
    assert.equal(inertStatusBar('costs $5 (net)'), 'costs $5 (net)');
  });
});
