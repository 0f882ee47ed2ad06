import * as vscode from 'vscode';
import { pageShell } from '../webview/pageShell';

/** The Overview's shell; the figures arrive by message and are drawn with DOM and SVG calls (see pageShell). */
export function overviewHtml(webview: vscode.Webview, mediaRoot: vscode.Uri): string {
  return pageShell(webview, mediaRoot, { script: 'overview.js', style: 'overview.css', title: 'PTA Overview', loadingText: 'Loading the Overview…' });
}
