// Lossless JSON lives in lib/json.ts, outside the protocol, so the caller client (client/) shares it
// without carrying the gateway's protocol; this path stays for the modules that import it here.
export * from '../json';
