import { readFileSync } from 'fs';
import * as https from 'https';
import * as tls from 'tls';
import { PvwaError } from './errors';

export interface TlsSettings {
  /** A PEM file of the organisation's CA, trusted in addition to the built-in roots. */
  readonly caFile: string;
  /** Skip certificate checks entirely: only on explicit opt-in. */
  readonly allowInsecure: boolean;
}

/**
 * The HTTPS agent for the vault, or undefined when Node's defaults apply. A private CA is
 * added to the public roots, not put in their place, so a later move to a public
 * certificate keeps working.
 */
export function httpsAgentFor(settings: TlsSettings): https.Agent | undefined {
  if (!settings.caFile && !settings.allowInsecure) return undefined;
  const ca = settings.caFile ? [...tls.rootCertificates, readCaFile(settings.caFile)] : undefined;
  return new VaultAgent({ ca, rejectUnauthorized: !settings.allowInsecure, keepAlive: true });
}

/** Agents made here and not destroyed yet: the test API reports it, to show sign-outs release them. */
let liveAgents = 0;

export function liveHttpsAgentCount(): number {
  return liveAgents;
}

/** Its keep-alive connections stay open until destroy(), which the client's owner calls when done with it. */
class VaultAgent extends https.Agent {
  private released = false;

  constructor(options: https.AgentOptions) {
    super(options);
    liveAgents++;
  }

  override destroy(): void {
    if (!this.released) liveAgents--;
    this.released = true;
    super.destroy();
  }
}

function readCaFile(path: string): string {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new PvwaError('tls', `The CA certificate file ${path} (cyberarkPta.tls.caFile) could not be read${code === 'ENOENT' ? ': it does not exist' : code ? ` (${code})` : ''}.`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new PvwaError('tls', `The file ${path} (cyberarkPta.tls.caFile) holds no PEM certificate. Export the CA certificate as Base-64 (PEM).`);
  }
  return pem;
}
