/** How an answer goes out (or does not) under a scheduled fault (sandbox/faults.ts). */
import { generateKeyPairSync } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PemKeys, sealJwe } from './compact-jwe';
import { sendAnswer, type RenderedAnswer } from './answer';
import type { Fault } from './faults';
import { sendJson } from './http-io';

export { FaultPlan } from './faults';

/** Whether the operation's effect is committed before the fault strikes. */
export function faultCommits(fault: Fault): boolean {
  switch (fault.type) {
    case 'drop':
    case 'status': return fault.commit;
    case 'code': return false;
    default: return true;
  }
}

let strangerKey: string | undefined;
const strangerKeys = new PemKeys();

/** A public key no client holds, made once: answers sealed to it cannot be opened. */
function strangerPublicKey(): string {
  strangerKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return strangerKey;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function deliverWithFault(req: IncomingMessage, res: ServerResponse, fault: Fault, rendered: RenderedAnswer): Promise<void> {
  switch (fault.type) {
    case 'drop':
      // No answer at all: the socket goes, as when the platform or a proxy dies mid-request.
      req.socket.destroy();
      return;
    case 'delay':
      await sleep(fault.ms);
      if (!res.destroyed && !req.socket.destroyed) sendAnswer(res, rendered);
      return;
    case 'status':
      if (fault.html) {
        res.writeHead(fault.status, { 'Content-Type': 'text/html' });
        res.end(`<html><body><h1>${fault.status}</h1></body></html>`);
        return;
      }
      sendJson(res, fault.status, { response: { code: '000_001', description: 'Internal system error.' } }, rendered.headers);
      return;
    case 'malformed':
      res.writeHead(200, { ...rendered.headers, 'Content-Type': 'application/json' });
      res.end('{"response":{"code":"000_000","descr');
      return;
    case 'bad-encryption': {
      const encData = await sealJwe('{"response":{"code":"000_000","description":"Success."}}', strangerPublicKey(), strangerKeys, 'RSA-OAEP-256', 'A128GCM');
      sendJson(res, 200, { encData }, rendered.headers);
      return;
    }
    default:
      sendAnswer(res, rendered);
  }
}
