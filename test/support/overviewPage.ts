// The Overview page outside VS Code: media/overview.js and overview.css served on loopback under
// the webview's CSP, with each theme kind's variables. Used by the Overview harness (screenshots)
// and the unit test of what the page persists.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { projectRoot } from '../host/codeServer';

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export interface OverviewPageServer {
  /** The page in a theme kind. */
  url(kind: ThemeKind): string;
  close(): void;
}

/** Serves the page; `themeCss` gives each theme kind's variables. */
export async function serveOverviewPage(themeCss: (kind: ThemeKind) => string | undefined): Promise<OverviewPageServer> {
  const media = path.join(projectRoot, 'media');
  const nonce = randomBytes(16).toString('base64');
  let origin = '';
  const page = (kind: ThemeKind) => `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${origin}; img-src ${origin}; font-src ${origin}; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'">
<link rel="stylesheet" href="${origin}/theme/${kind}.css"><link rel="stylesheet" href="${origin}/media/overview.css"><title>Overview</title></head>
<body class="vscode-${kind}"><main id="root"><p class="muted">Loading the Overview…</p></main>
<script nonce="${nonce}" src="${origin}/media/overview.js"></script></body></html>`;
  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    const theme = /^\/theme\/([a-z-]+)\.css$/.exec(url)?.[1] as ThemeKind | undefined;
    const pageKind = /^\/page\/([a-z-]+)$/.exec(url)?.[1] as ThemeKind | undefined;
    const css = theme && themeCss(theme);
    if (css !== undefined && css !== '') response.writeHead(200, { 'content-type': 'text/css' }).end(css);
    else if (pageKind && themeCss(pageKind)) response.writeHead(200, { 'content-type': 'text/html' }).end(page(pageKind));
    else if (url === '/media/overview.js' || url === '/media/overview.css') {
      response.writeHead(200, { 'content-type': url.endsWith('.js') ? 'text/javascript' : 'text/css' }).end(readFileSync(path.join(media, path.basename(url))));
    } else response.writeHead(url === '/favicon.ico' ? 204 : 404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: (kind) => `${origin}/page/${kind}`, close: () => server.close() };
}
