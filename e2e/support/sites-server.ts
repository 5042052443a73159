import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixtureFor } from './browser.ts';

const hosts = ['x.com', 'www.linkedin.com', 'www.youtube.com'];

export interface SitesServer {
  /** Chromium flags that send the sites' hostnames to this server and accept its certificate. */
  args: string[];
  close(): Promise<void>;
}

/**
 * The same fixtures as routeSites, over real HTTPS on 127.0.0.1 with the sites' hostnames
 * mapped to it. Needed for tabs the extension opens itself (browser.tabs.create): their first
 * navigation starts before Playwright's context.route attaches, so only a server answers it.
 */
export async function startSitesServer(): Promise<SitesServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sightline-e2e-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=x.com', '-addext', `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`], { stdio: 'ignore' });
  const server = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const file = fixtureFor(new URL(req.url ?? '/', `https://${req.headers.host ?? 'x.com'}`));
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    args: [`--host-resolver-rules=${hosts.map((h) => `MAP ${h}:443 127.0.0.1:${port}`).join(', ')}`, '--ignore-certificate-errors'],
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
