import { cardTransactionHistory } from '../../../lib/catalog/operations/card-transaction-history';
import { koreanDateTime } from '../../books/korean-time';
import type { TransactionRecord } from '../../books/payments';
import { defineBehaviour, refuse, success, userIdOf } from '../behaviour';

const DEFAULT_PAGE_SIZE = 20;

/**
 * The card's balance movements whose approval date (Korean time) lies in [startDate, endDate],
 * optionally of one trType, sorted by approvalDateTime (DESC unless asked otherwise), paged from 0;
 * with includePreviousCard (default true) those of the cards it replaced at a reissue or renewal too.
 * The card must be of the project (003_021) and its owner active (001_006); a userId, when given,
 * must be that owner's (001_006 unknown, 003_021 not theirs).
 */
export const cardTransactionHistoryBehaviour = defineBehaviour(cardTransactionHistory, (input, { state, project, now }) => {
  const book = state.payments;
  book.settleDue(now());
  if (input.userId !== undefined && !state.activeMember(userIdOf(input.userId), project.aspId)) return refuse('001_006');
  const holding = state.findCard({ par: input.par });
  if (!holding || holding.member.aspId !== project.aspId) return refuse('003_021');
  if (input.userId !== undefined && holding.member.userId !== userIdOf(input.userId)) return refuse('003_021');
  if (holding.member.status !== 'ACTIVE') return refuse('001_006');
  if (input.endDate < input.startDate) return refuse('000_002', 'Invalid input parameter: endDate');

  const rows = book
    .transactionsOf(input.par, input.includePreviousCard ?? true)
    .map((row, index) => ({ row, index, stamp: koreanDateTime(row.at) }))
    .filter(({ row, stamp }) => stamp.slice(0, 8) >= input.startDate && stamp.slice(0, 8) <= input.endDate && (input.trType === undefined || row.trType === input.trType));
  const descending = (input.pageRequest?.orderByDirection ?? 'DESC') === 'DESC';
  rows.sort((a, b) => (a.row.at - b.row.at || a.index - b.index) * (descending ? -1 : 1));

  const page = input.pageRequest?.page ?? 0;
  const pageSize = input.pageRequest?.pageSize ?? DEFAULT_PAGE_SIZE;
  const slice = rows.slice(page * pageSize, (page + 1) * pageSize);
  return success({
    pageResponse: { page, totalPages: Math.ceil(rows.length / pageSize), numberOfElements: slice.length },
    transactionInfo: slice.map(({ row, stamp }) => transactionInfo(row, stamp, rechargeCancelable(row))),
  });

  function rechargeCancelable(row: TransactionRecord): number {
    if (row.trType !== '01' || row.authCancelType !== 'AUTH' || row.sequenceId === undefined) return 0;
    const charge = book.charge(row.sequenceId);
    return charge && book.cancellable(charge) ? charge.amount : 0;
  }
});

function transactionInfo(row: TransactionRecord, approvalDateTime: string, rechargeCancelable: number) {
  return {
    trType: row.trType,
    ...(row.rcgType !== undefined && { rcgType: row.rcgType }),
    nrNumber: row.nrNumber,
    trAmount: row.amount,
    orgAmount: row.amount,
    approvalCode: row.approvalCode,
    balanceBefore: row.balanceBefore,
    balanceAfter: row.balanceAfter,
    merchantName: row.merchantName,
    authCancelType: row.authCancelType,
    approvalDateTime,
    discountAmount: 0,
    usedPointAmount: 0,
    savedPointAmount: 0,
    rechargeCancelable,
  };
}
