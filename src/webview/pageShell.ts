import * as vscode from 'vscode';
import { randomBytes } from 'crypto';

export interface PageShellOptions {
  /** Files in media/: the one script (run by nonce) and its stylesheet. */
  readonly script: string;
  readonly style: string;
  readonly title: string;
  /** Shown until the script has drawn the first data. */
  readonly loadingText: string;
  readonly live?: boolean;
  /** Section scripts and stylesheets in media/, loaded before the main script (which draws their sections). */
  readonly sectionScripts?: readonly string[];
  readonly sectionStyles?: readonly string[];
}

/**
 * The shell of every page of the extension. It carries no vault data at all: the data arrives
 * by postMessage after the page says `ready`, and the script renders it with textContent and
 * DOM calls only, under a policy of `default-src 'none'` with a nonce for the one script.
 */
export function pageShell(webview: vscode.Webview, mediaRoot: vscode.Uri, options: PageShellOptions): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, options.script));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, options.style));
  const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, file));
  const sectionStyles = (options.sectionStyles ?? []).map((file) => `\n<link rel="stylesheet" href="${media(file)}">`).join('');
  const sectionScripts = (options.sectionScripts ?? []).map((file) => `<script nonce="${nonce}" src="${media(file)}"></script>\n`).join('');
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
<link rel="stylesheet" href="${style}">${sectionStyles}
<title>${options.title}</title>
</head>
<body>
<main id="root"${options.live ? ' aria-live="polite"' : ''}><p class="muted">${options.loadingText}</p></main>
${sectionScripts}<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
