/**
 * A TLS identity the process trusts the way an operator trusts a private CA with
 * NODE_EXTRA_CA_CERTS, but at run time (tls.setDefaultCACertificates, Node 22.19+): the gateway's
 * https agent keeps verifying every certificate, with no hook in production code.
 */
import tls from 'node:tls';
import { tlsIdentity } from './keys';

/**
 * A fresh identity for 127.0.0.1, trusted from the enclosing block's beforeAll to its afterAll
 * (jest runs every test file in one process with --runInBand: the trust must not outlive the file).
 */
export function trustedTlsIdentity(): { key: string; cert: string } {
  if (typeof tls.setDefaultCACertificates !== 'function') {
    throw new Error(`trusting a test certificate needs Node 22.19 or later (tls.setDefaultCACertificates); this is ${process.version}`);
  }
  const identity = tlsIdentity();
  let before: string[] | undefined;
  beforeAll(() => {
    before = tls.getCACertificates('default');
    tls.setDefaultCACertificates([...before, identity.cert]);
  });
  afterAll(() => {
    if (before) tls.setDefaultCACertificates(before);
  });
  return identity;
}
