import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import { AddressInfo } from 'node:net';

/** Certificates minted with openssl for one test run: a private CA, and leaves for the cases under test. */
export interface TestCertificates {
  readonly folder: string;
  readonly caFile: string;
  /** Signed by the CA, for 127.0.0.1, localhost and pvwa.test (a name only the test proxy resolves). */
  readonly signed: { key: string; cert: string };
  /** Signed by the CA, but for another host name. */
  readonly wrongName: { key: string; cert: string };
  /** Self-signed, for 127.0.0.1. */
  readonly selfSigned: { key: string; cert: string };
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

export function mintCertificates(): TestCertificates {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pta-tls-'));
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=PTA Test Private CA'], folder);
  const leaf = (name: string, subjectAltName: string) => {
    fs.writeFileSync(path.join(folder, `${name}.ext`), `subjectAltName=${subjectAltName}\n`);
    openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`], folder);
    openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`], folder);
    return { key: fs.readFileSync(path.join(folder, `${name}.key`), 'utf8'), cert: fs.readFileSync(path.join(folder, `${name}.pem`), 'utf8') };
  };
  const signed = leaf('pvwa', 'IP:127.0.0.1,DNS:localhost,DNS:pvwa.test');
  const wrongName = leaf('other', 'DNS:other.example');
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'self.key', '-out', 'self.pem', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], folder);
  const selfSigned = { key: fs.readFileSync(path.join(folder, 'self.key'), 'utf8'), cert: fs.readFileSync(path.join(folder, 'self.pem'), 'utf8') };
  return { folder, caFile: path.join(folder, 'ca.pem'), signed, wrongName, selfSigned };
}

/** An HTTPS server on loopback that forwards every request to `target` (the plain-HTTP simulator). */
export async function startTlsFront(identity: { key: string; cert: string }, target: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = https.createServer(identity, (req, res) => {
    const upstream = http.request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
