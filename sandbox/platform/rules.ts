/**
 * Every check the sandbox makes on a request before the operation's behaviour runs, and what it
 * accepts on purpose, each with where the rule comes from (protocol.md's confidence tags):
 * - documented: a public KONA PLATE page states the rule (the refusal's code may still be designed);
 * - inferred: our reading of the pages or of working client code;
 * - designed: the project's choice where the platform says nothing.
 * The sandbox must refuse no more than the platform does: where the pages are silent and real
 * clients send something, the sandbox accepts it (the `accepted` rows). sandbox/README.md's
 * strictness table is generated from this list (`npm run generate`).
 */
import { reject } from './rejection';

export type RuleSource = 'documented' | 'inferred' | 'designed';

export interface PlatformRule {
  /** What is checked, or what is accepted. */
  rule: string;
  /** The code a breach is answered with; `accepted` for what the sandbox takes on purpose. */
  code: string;
  source: RuleSource;
  /** Where the rule comes from: protocol.md sections and what they say. */
  basis: string;
}

const rule = (r: PlatformRule) => r;

/** In the order the request pipeline (open-api.ts) checks them. */
export const RULES = {
  bodySize: rule({
    rule: 'the body is at most 1 MiB (`maxBodyBytes`)',
    code: '000_109',
    source: 'designed',
    basis: 'no page gives a size limit (protocol.md §9); the sandbox needs one',
  }),
  route: rule({
    rule: '`POST /open-api<catalog path>`; any other method or path',
    code: '000_110',
    source: 'documented',
    basis: 'every operation is a POST to its path (protocol.md §6.1); the code and its HTTP 404 are designed (protocol.md §4.4)',
  }),
  aspId: rule({
    rule: '`X-KM-User-AspId` present, 15 characters',
    code: '000_101',
    source: 'documented',
    basis: 'G-189 header table (protocol.md §1.1); the code is designed (protocol.md §4.4)',
  }),
  correlationId: rule({
    rule: '`X-KM-Correlation-Id` present, 20 characters `yyMMddHHmmss-xxxxxxx` (7 hex, either case)',
    code: '000_101',
    source: 'documented',
    basis: 'G-189 gives length 20 and the format (protocol.md §1.1); the hex case is not stated, so both are accepted',
  }),
  accessKeyShape: rule({
    rule: '`X-KM-Access-Key` present, 40 characters',
    code: '000_101',
    source: 'documented',
    basis: 'G-189 header table (protocol.md §1.1)',
  }),
  cryptoKeyIdShape: rule({
    rule: '`X-KM-Crypto-Key-Id`, when sent, 32 characters',
    code: '000_101',
    source: 'documented',
    basis: 'G-189 header table (protocol.md §1.1)',
  }),
  cryptoKeyIdForEncryptedRequest: rule({
    rule: '`X-KM-Crypto-Key-Id` sent with a request the operation takes encrypted',
    code: '000_101',
    source: 'documented',
    basis: 'required "when data encryption is used" (G-189, G-ME; protocol.md §3.1, §3.2): the platform needs it to pick the key that opens the body',
  }),
  tranTokenShape: rule({
    rule: '`X-KM-Tran-Token` present, `KMV1:<17 digits>:<Base64 HMAC-SHA256>`, with or without the `=` padding',
    code: '000_101',
    source: 'documented',
    basis: 'G-TT (protocol.md §2.1); the sample and client code send the padded 67 characters, the header tables say 66 (protocol.md §2.5): both are accepted',
  }),
  tranTime: rule({
    rule: '`X-KM-Tran-Time` present, 14 digits `yyyyMMddHHmmss`, a real date and time',
    code: '000_101',
    source: 'documented',
    basis: 'G-189 (protocol.md §1.1); the 16 of newer pages counts the mask `YYYYMMDDHH24MISS` (protocol.md §1.4)',
  }),
  timeZone: rule({
    rule: '`X-KM-Time-Zone` present and one of `KST`, `UTC`, `GMT`',
    code: '000_101',
    source: 'designed',
    basis: 'the header and its 3 letters are documented (protocol.md §1.1, §6.4); the list is ours: the sandbox must read the time in that zone',
  }),
  contentType: rule({
    rule: '`Content-Type: application/json` (a `charset`, if given, UTF-8)',
    code: '000_101',
    source: 'inferred',
    basis: 'every documented call is a JSON POST (protocol.md §1.1); a Java platform refuses other media types',
  }),
  utf8Body: rule({
    rule: 'the body is UTF-8',
    code: '000_109',
    source: 'inferred',
    basis: 'the token is defined over the body as a string (protocol.md §2.3)',
  }),
  accessKey: rule({
    rule: 'the access key is the project\'s',
    code: '000_102',
    source: 'documented',
    basis: 'the access key names the project (G-CRED, protocol.md §6.2); code and HTTP 401 designed (protocol.md §4.4)',
  }),
  aspIdOfAccessKey: rule({
    rule: 'the ASP ID is the access key\'s project\'s',
    code: '000_103',
    source: 'inferred',
    basis: 'the ASP ID belongs to the project (protocol.md §6.2); code designed (protocol.md §4.4)',
  }),
  clockSkew: rule({
    rule: '`X-KM-Tran-Time`, read in `X-KM-Time-Zone`, within 5 minutes of the platform clock (`maxSkewMs`)',
    code: '000_105',
    source: 'designed',
    basis: 'the allowed skew is not published (protocol.md §2.4, §9)',
  }),
  tranToken: rule({
    rule: 'the token\'s MAC is HMAC-SHA256(secret key, the exact body bytes)',
    code: '000_104',
    source: 'documented',
    basis: 'the platform recomputes and compares (G-TT, protocol.md §2.1, §2.3); code designed (protocol.md §4.4)',
  }),
  cryptoKeyId: rule({
    rule: 'the crypto key id is one of the project\'s',
    code: '000_106',
    source: 'inferred',
    basis: 'key ids are issued per project (protocol.md §3.1); code designed (protocol.md §4.4)',
  }),
  encryptedBody: rule({
    rule: 'an operation that takes its request encrypted gets exactly `{"encData":"<JWE>"}`',
    code: '000_108',
    source: 'documented',
    basis: 'the encrypted wire format (protocol.md §3.2); which operations encrypt is the page\'s marker, or designed where the page is cut off (the catalog\'s `documented.encryption`, protocol.md §3.3)',
  }),
  jwe: rule({
    rule: 'the JWE opens with the platform key of that key id (RSA-OAEP / RSA-OAEP-256, A128GCM / A256GCM)',
    code: '000_107',
    source: 'documented',
    basis: 'G-ME (protocol.md §3.1); code designed (protocol.md §4.4)',
  }),
  jsonObject: rule({
    rule: 'the body (or the JWE plaintext) is a JSON object',
    code: '000_109',
    source: 'inferred',
    basis: 'every operation takes a JSON object (protocol.md §4.1); code designed (protocol.md §4.4)',
  }),
  requestSchema: rule({
    rule: 'the catalog\'s request schema: missing (or `null`) → `000_003`, wrong length of a fixed-length value → `000_015`, anything else → `000_002`, naming the field',
    code: '000_003 / 000_015 / 000_002',
    source: 'documented',
    basis: 'the codes are documented (protocol.md §4.3); each field is documented or designed as the catalog marks it (`x-documented`)',
  }),
  // ---- what the sandbox accepts on purpose: refusing it would be stricter than any page says
  unknownRequestFields: rule({
    rule: 'request fields the catalog does not know: accepted and ignored (the behaviour never sees them)',
    code: 'accepted',
    source: 'designed',
    basis: 'no page says unknown fields are refused; client code sends some (`bankCode`, `bankAccount` and `mobileNumber` to the ARS auth, whose request is `userId` alone). The gateway still refuses them from its callers (its own contract)',
  }),
  plainRequestWithoutKeyId: rule({
    rule: 'no `X-KM-Crypto-Key-Id` on a request sent in clear: accepted; an encrypted answer is sealed to the project\'s first key, named in the answer\'s `X-KM-Crypto-Key-Id`',
    code: 'accepted',
    source: 'designed',
    basis: 'client code sends plain requests without it and gets encrypted answers (protocol.md §3.2); the first key is what the platform uses for callbacks (protocol.md §1.2, §5)',
  }),
  encDataOnPlainOperation: rule({
    rule: 'an `{"encData"}` body on an operation that takes its request in clear: opened and accepted',
    code: 'accepted',
    source: 'inferred',
    basis: 'client code encrypts requests the pages mark plain, e.g. ARS auth (protocol.md §3.3)',
  }),
  clockReadings: rule({
    rule: 'the token time, `X-KM-Tran-Time` and the correlation id\'s date need not agree',
    code: 'accepted',
    source: 'designed',
    basis: 'no page relates them (protocol.md §1.3, §2.4); client code reads the clock once per header, so they differ across a second boundary',
  }),
  noAcceptHeader: rule({
    rule: '`Accept` absent or anything',
    code: 'accepted',
    source: 'inferred',
    basis: 'the samples send `Accept: application/json` (protocol.md §1.1), client code omits it',
  }),
  reusedCorrelationId: rule({
    rule: 'a correlation id seen before',
    code: 'accepted',
    source: 'designed',
    basis: 'its only documented role is tracking (protocol.md §7.3)',
  }),
} as const satisfies Record<string, PlatformRule>;

export type RuleName = keyof typeof RULES;

/** The rules answered with one code (not the schema's three, not what is accepted). */
export type RefusalRule = { [K in RuleName]: (typeof RULES)[K]['code'] extends 'accepted' | `${string} ${string}` ? never : K }[RuleName];

/** Refuses the request for breaking `rule`, with its code. */
export function breaks(name: RefusalRule, description: string): never {
  return reject(RULES[name].code, description);
}
