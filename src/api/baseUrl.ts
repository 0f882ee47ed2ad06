/**
 * Users type a PVWA address in many shapes: with or without the application path,
 * with or without a trailing slash, sometimes a page copied from the browser.
 * They all mean the same vault; this turns any of them into one canonical form.
 */
export const DEFAULT_APP_PATH = '/PasswordVault';

export interface VaultAddress {
  /** Scheme, host and port, e.g. `https://pvwa.corp`. */
  readonly origin: string;
  /** The application path, e.g. `/PasswordVault`. */
  readonly appPath: string;
  /** `origin + appPath`: every API path hangs under this. */
  readonly appUrl: string;
  readonly hostname: string;
  readonly isHttps: boolean;
  readonly isLoopback: boolean;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Returns the canonical address, or throws an Error whose message tells the user what to fix. */
export function parseVaultAddress(input: string): VaultAddress {
  const text = input.trim();
  if (!text) {
    throw new Error('Enter the PVWA address, for example https://pvwa.example.com');
  }
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new Error(`"${text}" is not a web address. Example: https://pvwa.example.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`The PVWA address must start with https:// (found ${url.protocol}//).`);
  }
  if (!url.hostname) {
    throw new Error('The PVWA address has no host name.');
  }
  if (url.username || url.password) {
    throw new Error('Leave the user name and password out of the address; you are asked for them separately.');
  }
  const appPath = applicationPath(url.pathname);
  const origin = url.origin;
  const hostname = url.hostname;
  return {
    origin,
    appPath,
    appUrl: origin + appPath,
    hostname,
    isHttps: url.protocol === 'https:',
    isLoopback: LOOPBACK_HOSTS.has(hostname),
  };
}

/** Keeps the site's own application path; strips pages and API paths pasted from a browser. */
function applicationPath(pathname: string): string {
  const cut = pathname.search(/\/(v10|v12|api|logon\.aspx)(\/|$)/i);
  const path = (cut >= 0 ? pathname.slice(0, cut) : pathname).replace(/\/+$/, '');
  return path === '' ? DEFAULT_APP_PATH : path;
}
