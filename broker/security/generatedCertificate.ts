// A local certificate authority and a listener certificate it signs (for localhost and 127.0.0.1),
// made once with the openssl CLI and kept in the cluster's data directory, so clients can trust
// `ca.pem` (kcat: ssl.ca.location) across restarts. Debian's openssl package provides the CLI.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface GeneratedCertificate {
  /** The CA certificate clients trust. */
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
}

export function generatedCertificatePaths(clusterDataDir: string): GeneratedCertificate {
  const dir = path.join(clusterDataDir, 'tls');
  return { caFile: path.join(dir, 'ca.pem'), certFile: path.join(dir, 'broker.pem'), keyFile: path.join(dir, 'broker-key.pem') };
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === 'ENOENT') throw new Error('generating a TLS certificate needs the openssl command (Debian: apt-get install openssl)');
    throw new Error(`openssl ${args[0]} failed: ${e.stderr?.toString().trim() ?? e.message}`);
  }
}

/** Returns the generated files, making them first when any is missing. */
export function ensureGeneratedCertificate(clusterDataDir: string): GeneratedCertificate {
  const files = generatedCertificatePaths(clusterDataDir);
  if ([files.caFile, files.certFile, files.keyFile].every((f) => fs.existsSync(f))) return files;
  const dir = path.dirname(files.caFile);
  fs.mkdirSync(dir, { recursive: true });
  // Built in a scratch folder and renamed in, so a broker never reads half-written files.
  const work = fs.mkdtempSync(path.join(dir, 'new-'));
  try {
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    openssl(['req', '-x509', ...ec, '-keyout', 'ca-key.pem', '-out', 'ca.pem', '-days', '3650', '-subj', '/CN=Kafka Workbench local CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], work);
    openssl(['req', ...ec, '-keyout', 'broker-key.pem', '-out', 'broker.csr', '-subj', '/CN=localhost'], work);
    fs.writeFileSync(path.join(work, 'ext.cnf'),
      'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n');
    openssl(['x509', '-req', '-in', 'broker.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-set_serial', `0x${Date.now().toString(16)}`,
      '-days', '825', '-out', 'broker.pem', '-extfile', 'ext.cnf'], work);
    fs.chmodSync(path.join(work, 'broker-key.pem'), 0o600);
    fs.renameSync(path.join(work, 'broker-key.pem'), files.keyFile);
    fs.renameSync(path.join(work, 'broker.pem'), files.certFile);
    fs.renameSync(path.join(work, 'ca.pem'), files.caFile);
    // The CA's key is kept beside it (0600) for users who want to sign client certificates.
    fs.renameSync(path.join(work, 'ca-key.pem'), path.join(dir, 'ca-key.pem'));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return files;
}
