import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { parseVaultAddress } from '../../src/api/baseUrl';
import { PvwaError } from '../../src/api/errors';
import { PvwaClient } from '../../src/api/pvwaClient';
import { httpsAgentFor, TlsSettings } from '../../src/api/transport';
import { DEMO_PASSWORD, DEMO_USERNAME, PvwaSimulator } from '../simulator/server';
import { mintCertificates, startTlsFront, TestCertificates } from '../support/tlsFront';

describe('TLS to the vault', function () {
  this.timeout(20_000);
  let certs: TestCertificates;
  let sim: PvwaSimulator;
  const fronts: Array<{ close(): Promise<void> }> = [];

  before(async () => {
    certs = mintCertificates();
    sim = new PvwaSimulator();
    await sim.start();
  });

  after(async () => {
    await Promise.all(fronts.map((f) => f.close()));
    await sim.stop();
    fs.rmSync(certs.folder, { recursive: true, force: true });
  });

  async function logonThrough(identity: { key: string; cert: string }, tls: TlsSettings) {
    const front = await startTlsFront(identity, sim.baseUrl);
    fronts.push(front);
    const client = new PvwaClient({ address: parseVaultAddress(front.url), timeoutSeconds: 5, agent: httpsAgentFor(tls) });
    return client.logon('CyberArk', DEMO_USERNAME, DEMO_PASSWORD);
  }

  const noTls: TlsSettings = { caFile: '', allowInsecure: false };

  it('explains a self-signed certificate and names the setting that fixes it', async () => {
    await assert.rejects(logonThrough(certs.selfSigned, noTls), (e: PvwaError) => {
      assert.equal(e.kind, 'tls');
      assert.match(e.message, /^127\.0\.0\.1 presents a self-signed certificate\. .*cyberarkPta\.tls\.caFile/);
      return true;
    });
  });

  it('explains a certificate from a private CA that is not trusted yet', async () => {
    await assert.rejects(logonThrough(certs.signed, noTls), /unknown certificate authority.*cyberarkPta\.tls\.caFile/);
  });

  it('trusts the private CA given in tls.caFile', async () => {
    const result = await logonThrough(certs.signed, { caFile: certs.caFile, allowInsecure: false });
    assert.equal(result.kind, 'token');
  });

  it('still refuses a trusted certificate issued for another host name', async () => {
    await assert.rejects(logonThrough(certs.wrongName, { caFile: certs.caFile, allowInsecure: false }), /issued for a different host name/);
  });

  it('accepts anything only on explicit opt-in', async () => {
    const result = await logonThrough(certs.selfSigned, { caFile: '', allowInsecure: true });
    assert.equal(result.kind, 'token');
  });

  it('says plainly when the CA file is missing or not a certificate', () => {
    assert.throws(() => httpsAgentFor({ caFile: '/nonexistent/ca.pem', allowInsecure: false }), /could not be read: it does not exist/);
    assert.throws(() => httpsAgentFor({ caFile: __filename, allowInsecure: false }), /holds no PEM certificate/);
    assert.equal(httpsAgentFor(noTls), undefined);
  });
});
