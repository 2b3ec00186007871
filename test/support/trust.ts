/**
 * Makes this process trust a test certificate the way an operator trusts a private CA with
 * NODE_EXTRA_CA_CERTS, but at run time (tls.setDefaultCACertificates, Node 22.19+): the gateway's
 * https agent keeps verifying every certificate, with no hook in production code. Returns the
 * undo, for afterAll: jest runs test files in one process (--runInBand).
 */
import tls from 'node:tls';

export function trustCertificate(cert: string): () => void {
  if (typeof tls.setDefaultCACertificates !== 'function') {
    throw new Error(`trusting a test certificate needs Node 22.19 or later (tls.setDefaultCACertificates); this is ${process.version}`);
  }
  const before = tls.getCACertificates('default');
  tls.setDefaultCACertificates([...before, cert]);
  return () => tls.setDefaultCACertificates(before);
}
