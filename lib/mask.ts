/**
 * Masking for anything that may be logged. Fields are masked by name; strings are scrubbed of
 * registered secret values (the loaded access and secret keys), PEM blocks, JWEs and card numbers.
 */

/** Field names (lower-cased) whose values never appear in logs. */
const HIDDEN_FIELDS = new Set([
  'secretkey', 'accesskey', 'x-km-access-key', 'x-km-tran-token', 'clientprivatekey', 'privatekey',
  'platformpublickey', 'platformprivatekey', 'password', 'loginpassword', 'newpassword', 'oldpassword',
  'pin', 'ci', 'onetimetoken', 'dcvv', 'cvc', 'cvv', 'authorization', 'secretstring', 'encdata', 'cookie',
  'cardcvc', 'mobilecardcvc', 'physicalcardcvc', 'physicalcardexpdate', 'authnumber', 'registrationnumber',
]);

/** Field names whose values are shown by their last 4 characters only. */
const TAIL_FIELDS = new Set([
  'cardno', 'cardnumber', 'pan', 'bankaccount', 'accountno', 'accountnumber', 'virtualaccount',
  'mobilecardno', 'physicalcardno', 'oldcardno',
]);

const PEM = /-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g;
const JWE = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;
/** Card numbers: 16 digits in a row, or 4 groups of 4 with one separator (correlation ids do not match). */
const CARD_NUMBER = /(?<![\d-])(?:\d{16}|\d{4}([- ])\d{4}\1\d{4}\1\d{4})(?![\d-])/g;

const registered = new Set<string>();

/** Registers a secret value (e.g. the secret key just loaded) to be scrubbed from every log line. */
export function registerSecretValue(value: string): void {
  if (value.length >= 6) registered.add(value);
}

export function maskTail(value: string): string {
  const digits = value.replace(/[^0-9A-Za-z]/g, '');
  return digits.length <= 4 ? '****' : `${'*'.repeat(Math.min(digits.length - 4, 12))}${digits.slice(-4)}`;
}

export function scrubString(text: string): string {
  let out = text;
  for (const secret of registered) if (out.includes(secret)) out = out.split(secret).join('***');
  return out.replace(PEM, '[PEM redacted]').replace(JWE, '[JWE redacted]').replace(CARD_NUMBER, (m) => maskTail(m));
}

/**
 * A JSON.stringify replacer that masks by field name and scrubs every string: applied to every
 * key and value of a log line, nested ones included.
 */
export function maskReplacer(key: string, value: unknown): unknown {
  const name = key.toLowerCase();
  if (HIDDEN_FIELDS.has(name)) return value === undefined || value === null ? value : '***';
  if (TAIL_FIELDS.has(name) && (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint')) {
    return maskTail(String(value));
  }
  if (typeof value === 'string') return scrubString(value);
  return value;
}

/**
 * A copy of a value with maskReplacer applied at every level, bigint as its digits: what may leave
 * the gateway in an event (lib/events/) as well as in a log line.
 */
export function maskedCopy(value: unknown, key = ''): unknown {
  const masked = maskReplacer(key, value);
  if (typeof masked === 'bigint') return masked.toString();
  if (Array.isArray(masked)) return masked.map((item, index) => maskedCopy(item, String(index)));
  if (masked !== null && typeof masked === 'object') {
    const out: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(masked)) out[name] = maskedCopy(item, name);
    return out;
  }
  return masked;
}
