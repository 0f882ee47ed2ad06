import * as vscode from 'vscode';
import { pageShell } from '../webview/pageShell';

/** The details page's shell; the event arrives by message (see pageShell). */
export function detailsHtml(webview: vscode.Webview, mediaRoot: vscode.Uri): string {
  return pageShell(webview, mediaRoot, { script: 'details.js', style: 'details.css', title: 'PTA event', loadingText: 'Loading event…', live: true, sectionScripts: ['pageDom.js', 'behindEvent.js'], sectionStyles: ['behindEvent.css'] });
}
