import * as vscode from 'vscode';
import { randomBytes } from 'crypto';

/**
 * The page shell. It carries no event data at all: the data arrives by postMessage after
 * the page says `ready`, and the script renders it with textContent.
 */
export function detailsHtml(webview: vscode.Webview, mediaRoot: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, 'details.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, 'details.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>PTA event</title>
</head>
<body>
<main id="root" aria-live="polite"><p class="muted">Loading event…</p></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
