/**
 * Every failure the client reports is a PvwaError whose `message` is one plain sentence
 * a person can act on: never raw HTML, a stack trace, a token, or "undefined".
 */
export type PvwaErrorKind =
  | 'auth' // wrong credentials, suspended user, logon refused
  | 'sessionExpired' // 401 / PASWS006E: the token is no longer valid
  | 'notFound'
  | 'badRequest'
  | 'server' // any other HTTP failure
  | 'network' // DNS, refused, reset
  | 'timeout'
  | 'tls'
  | 'invalidResponse' // not the JSON the contract promises
  | 'tooLarge'
  | 'cancelled';

export class PvwaError extends Error {
  constructor(
    readonly kind: PvwaErrorKind,
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'PvwaError';
  }
}

/** The vault refused a RADIUS one-time code: the password before it was accepted. */
export class ChallengeRefusedError extends PvwaError {}

/**
 * Signing in again after the session expired failed for a reason other than a refused password
 * (the vault or a proxy failing, an unreadable answer, a refused one-time code): the session and
 * the stored password are kept, and the next request tries again.
 */
export class RenewalFailedError extends PvwaError {}

/**
 * The vault refused the password itself (a CyberArk credentials error on the logon, a suspended
 * user): the only logon failure that forgets a stored password or ends a session. An HTML 403 from
 * a proxy carries no CyberArk code and is not one.
 */
export function isPasswordRefusal(error: unknown): error is PvwaError {
  return error instanceof PvwaError && error.kind === 'auth' && error.code !== undefined && !(error instanceof ChallengeRefusedError);
}

export interface CyberArkErrorBody {
  code?: string;
  message?: string;
}

/** Reads `{ErrorCode, ErrorMessage}` from a response body; undefined when it is not one. */
export function parseCyberArkError(body: string): CyberArkErrorBody | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return undefined;
  }
  const record = parsed as Record<string, unknown>;
  const code = typeof record.ErrorCode === 'string' ? record.ErrorCode.trim() : undefined;
  const message = typeof record.ErrorMessage === 'string' ? record.ErrorMessage.trim() : undefined;
  return code || message ? { code: code || undefined, message: message || undefined } : undefined;
}

/** What a status most likely means, after "answered HTTP <status>". */
const STATUS_MEANINGS: Record<number, string> = {
  400: ': the request was refused as invalid',
  401: ': the session was refused',
  403: ': access was refused',
  404: ': no such page; check the application path in the PVWA address (usually /PasswordVault) and that PTA is available (PVWA 11.3 or later, self-hosted)',
  500: ': an internal error',
  502: ' Bad Gateway: a load balancer or proxy could not reach the PVWA',
  503: ': the PVWA service may be stopped or overloaded',
  504: ' Gateway Timeout: a load balancer or proxy gave up waiting for the PVWA',
};

/** The error for an HTTP failure, from its status and body; the message always names the status. */
export function errorFromResponse(host: string, status: number, body: string): PvwaError {
  const cyberArk = parseCyberArkError(body);
  const kind = kindForStatus(status, cyberArk?.code);
  if (cyberArk) {
    const source = [`HTTP ${status}`, cyberArk.code].filter(Boolean).join(', ');
    const text = cyberArk.message ? `${source}: ${cyberArk.message}` : source;
    return new PvwaError(kind, endWithPeriod(text), status, cyberArk.code);
  }
  const htmlNote = /^\s*</.test(body) ? ' (an HTML error page, not a PVWA answer)' : '';
  return new PvwaError(kind, `${host} answered HTTP ${status}${STATUS_MEANINGS[status] ?? ''}${htmlNote}.`, status);
}

function kindForStatus(status: number, code: string | undefined): PvwaErrorKind {
  if (status === 401 || code === 'PASWS006E') return 'sessionExpired';
  if (status === 403) return 'auth';
  if (status === 404) return 'notFound';
  if (status === 400) return 'badRequest';
  return 'server';
}

const TLS_EXPLANATIONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'presents a self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'presents a certificate chain that ends in a self-signed (private) root',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'presents a certificate from an unknown certificate authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'presents a certificate from an unknown certificate authority',
  UNABLE_TO_GET_ISSUER_CERT: 'presents a certificate from an unknown certificate authority',
  CERT_HAS_EXPIRED: 'presents an expired certificate',
  CERT_NOT_YET_VALID: 'presents a certificate that is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'presents a certificate issued for a different host name',
};

/**
 * The error for a failure below HTTP: DNS, TCP, TLS, time-out. `insecureRequested`: the
 * person turned certificate checks off, yet one failed; VS Code's proxy layer
 * (http.proxySupport) replaces the connection agent for hosts other than loopback and keeps
 * only its CA list, so only a CA file works there.
 */
export function errorFromTransport(host: string, error: unknown, timeoutSeconds: number, insecureRequested = false): PvwaError {
  const err = error as { name?: string; code?: string; type?: string; message?: string };
  if (err?.name === 'AbortError' || err?.type === 'aborted') {
    return new PvwaError('timeout', `${host} did not answer within ${timeoutSeconds} second${timeoutSeconds === 1 ? '' : 's'}. Check the address and your network, or raise cyberarkPta.requestTimeoutSeconds.`);
  }
  const code = err?.code ?? '';
  const tls = TLS_EXPLANATIONS[code];
  if (tls) {
    const fix = insecureRequested
      ? "cyberarkPta.tls.allowInsecure is on, but VS Code's proxy support checks certificates for this host anyway: set cyberarkPta.tls.caFile to the vault's CA certificate (PEM) instead."
      : "If you trust it, set cyberarkPta.tls.caFile to your organisation's CA certificate (PEM).";
    return new PvwaError('tls', `${host} ${tls}. ${fix}`, undefined, code);
  }
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new PvwaError('network', `The host name ${host} could not be found (DNS). Check the PVWA address and your VPN.`, undefined, code);
    case 'ECONNREFUSED':
      return new PvwaError('network', `${host} refused the connection. Check the address and port, and that the PVWA is running.`, undefined, code);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return new PvwaError('network', `The connection to ${host} was cut before the answer was complete. Try again; a load balancer or proxy may be dropping connections.`, undefined, code);
    case 'ETIMEDOUT':
    case 'ECONNABORTED':
      return new PvwaError('timeout', `The connection to ${host} timed out. Check your network or VPN.`, undefined, code);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new PvwaError('network', `${host} is unreachable from this machine. Check your network or VPN.`, undefined, code);
  }
  if (/premature close|socket hang up/i.test(err?.message ?? '')) {
    return new PvwaError('network', `The connection to ${host} was cut before the answer was complete. Try again; a load balancer or proxy may be dropping connections.`, undefined, code || undefined);
  }
  return new PvwaError('network', `Could not reach ${host}${code ? ` (${code})` : ''}. Check the address and your network.`, undefined, code || undefined);
}

function endWithPeriod(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** A message for any thrown value, safe to show. */
export function describeError(error: unknown): string {
  if (error instanceof PvwaError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'An unexpected error occurred.';
}
