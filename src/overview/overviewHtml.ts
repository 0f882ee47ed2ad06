import * as vscode from 'vscode';
import { randomBytes } from 'crypto';

/**
 * The Overview's page shell, as the details panel's: no data at all in the markup. The figures
 * arrive by postMessage after the page says `ready`; the script draws them with DOM and SVG
 * calls and textContent only. Colours are CSS classes over the theme's variables.
 */
export function overviewHtml(webview: vscode.Webview, mediaRoot: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, 'overview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, 'overview.css'));
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
<title>PTA Overview</title>
</head>
<body>
<main id="root"><p class="muted">Loading the Overview…</p></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
