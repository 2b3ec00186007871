/** Members put straight on the sandbox's books for the money tests: a card (the basic one) and a normal bank account. */
import type { Member } from '../../sandbox/books/records';
import type { PlatformHandle } from '../../sandbox/platform/server';

/** A new active member of the sandbox's project, `name` unique per platform, with a KB국민 normal account numbered `bankAccount`. */
export function memberWithAccount(platform: PlatformHandle, name: string, bankAccount: string): Member {
  const result = platform.state.register({
    aspId: platform.state.members()[0]!.aspId, loginId: `${name}@example.com`, loginPassword: '480213', birthDate: '19900101',
    nationality: 'Korean', gender: 'Male', userName: `회원${name}`, email: `${name}@example.com`, mobileNumber: '01012345678',
  });
  if (!result.ok) throw new Error(`could not register ${name}`);
  platform.state.setAccount(result.member.userId, 'normal', { bankAccount, bankCode: '004', bankName: 'KB국민' });
  return result.member;
}
