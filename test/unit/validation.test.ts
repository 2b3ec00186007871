import { bankAccountInquiry, memberInfo, userRegister } from '../../lib/catalog';
import { firstViolation, normalizeIntegers } from '../../lib/catalog/validate';

const member = {
  loginId: 'hong@example.com', loginPassword: '480213', birthDate: '19900101', nationality: 'Korean',
  gender: 'Male', userName: '홍길동', email: 'hong@example.com', mobileNumber: '01012345678',
};

describe('request validation names the field and the rule', () => {
  it('accepts a complete registration', () => {
    expect(firstViolation(userRegister.request, member)).toBeUndefined();
    expect(firstViolation(userRegister.request, { ...member, addressInfo: { address: '서울', zipCode: '04524' }, tcIdList: ['29184'] })).toBeUndefined();
  });

  it.each([
    [{ ...member, loginId: undefined }, 'loginId', 'required'],
    [{ ...member, loginPassword: '12345' }, 'loginPassword', 'minLength 6'],
    [{ ...member, loginPassword: '12345a' }, 'loginPassword', 'pattern ^[0-9]{6}$'],
    [{ ...member, birthDate: '19900231' }, 'birthDate', 'format date8'],
    [{ ...member, gender: 'M' }, 'gender', 'one of Male|Female'],
    [{ ...member, userName: 'x'.repeat(101) }, 'userName', 'maxLength 100'],
    [{ ...member, addressInfo: { address: '서울', zipCode: 'abcde' } }, 'addressInfo/zipCode', 'pattern ^[0-9]{5,6}$'],
    [{ ...member, nickname: 'x' }, 'nickname', 'unknown field'],
    [{ ...member, tcIdList: 'x' }, 'tcIdList', 'type array'],
  ])('registration case %#', (value, field, rule) => {
    expect(firstViolation(userRegister.request, JSON.parse(JSON.stringify(value)))).toEqual({ field, rule });
  });

  it.each([
    [{ userId: 0 }, 'minimum 1'],
    [{ userId: 1000000000000000 }, 'maximum 999999999999999'],
    [{ userId: 1.5 }, 'type integer (range 1..999999999999999)'],
    [{ userId: '12a' }, 'type integer (range 1..999999999999999)'],
    [{ userId: null }, 'type integer (range 1..999999999999999)'],
  ])('account inquiry userId %#', (value, rule) => {
    expect(firstViolation(bankAccountInquiry.request, value)).toEqual({ field: 'userId', rule });
  });

  it('refuses a body that is not an object', () => {
    for (const value of [null, [], 'x', 1]) expect(firstViolation(memberInfo.request, value)).toEqual({ field: '', rule: 'type object' });
  });
});

describe('19-digit member ids', () => {
  it('accepts them exact, as bigint or decimal string, up to the documented maximum', () => {
    expect(firstViolation(memberInfo.request, { userId: 9223372036854775807n })).toBeUndefined();
    expect(firstViolation(memberInfo.request, { userId: '9999999999999999999' })).toBeUndefined();
    expect(firstViolation(memberInfo.request, { userId: '10000000000000000000' })).toEqual({ field: 'userId', rule: 'maximum 9999999999999999999' });
  });

  it('refuses a number that already lost digits in a JSON.parse', () => {
    expect(firstViolation(memberInfo.request, { userId: 9223372036854775807 })?.rule).toMatch(/must be sent as a decimal string/);
  });

  it('normalises strings to numbers when safe and to bigint beyond', () => {
    expect(normalizeIntegers(memberInfo.request, { userId: '50000104652' })).toEqual({ userId: 50000104652 });
    expect(normalizeIntegers(memberInfo.request, { userId: '9223372036854775807' })).toEqual({ userId: 9223372036854775807n });
  });
});
