import { LoginId, LoginPassword } from '../fields';
import { Type, UNDOCUMENTED } from '../schema';
import { defineOperation } from '../types';

export const memberPasswordReset = defineOperation({
  id: 'memberPasswordReset',
  n: 3,
  title: 'Member Password Reset and Change',
  titleKo: '회원 비밀번호 재설정/변경',
  group: 'user',
  path: '/api/v1/user/password/reset',
  version: 'v1',
  // The answer carries nothing to protect: only the result envelope.
  encrypted: { request: true, response: false },
  kind: 'write',
  request: Type.Object(
    {
      ci: Type.Optional(
        Type.String({
          minLength: 88,
          maxLength: 88,
          description: 'Identity-verification CI of the member: required for a reset (no oldPassword), checked when given with a change',
        }),
      ),
      loginId: LoginId({ ...UNDOCUMENTED }),
      oldPassword: Type.Optional(LoginPassword('Current 6-digit PIN: present = change (checked first), absent = reset by CI', UNDOCUMENTED)),
      newPassword: LoginPassword('New 6-digit PIN; must differ from the current one', UNDOCUMENTED),
    },
    { additionalProperties: false },
  ),
  response: Type.Object({}, { ...UNDOCUMENTED, description: 'Only the result envelope' }),
  resultCodes: [
    { code: '001_006', http: 400, kind: 'not_found', meaning: 'Wallet user not found (loginId not registered)', documented: true },
    { code: '001_043', http: 400, kind: 'rejected', meaning: 'New PIN equals the old PIN', documented: true },
    { code: '001_035', http: 400, kind: 'rejected', meaning: 'Invalid user info (CI does not match the member)', documented: true },
    { code: '001_045', http: 400, kind: 'rejected', meaning: 'Wallet PIN did not match (oldPassword of a change)', documented: false },
    { code: '001_069', http: 400, kind: 'rejected', meaning: 'Too many wrong PINs: a reset by CI is required', documented: false },
  ],
  documented: { path: true, encryption: false, request: false, response: false },
  sources: [
    'https://konaplate.com/en/developers/api-documentation/packages/33100401428380001/33400282615980001/33500281937990001',
    'https://konaplate.com/en/developers/api-documentation/groups/33400282615980001/33500281937990001',
  ],
  gaps:
    'Only ci (conditional, 88) and the result codes are public. Designed: loginId names the member, newPassword is the new PIN, oldPassword (optional) turns the reset by CI into a change by current PIN; a reset also unlocks a PIN locked by wrong attempts. The answer is assumed to be the envelope only.',
});
