import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('extension host', () => {
  it('is VS Code 1.100', () => {
    assert.match(vscode.version, /^1\.100\./);
  });

  it('knows the extension under development', () => {
    assert.ok(vscode.extensions.getExtension('pta-triage.cyberark-pta'), 'pta-triage.cyberark-pta is not loaded');
  });
});
