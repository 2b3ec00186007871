import { financialInstitutionList } from '../../../lib/catalog/operations/financial-institution-list';
import { BANKS } from '../../books/banks';
import { defineBehaviour, success } from '../behaviour';

/** The one bank table every account operation checks bankCode against. */
export const financialInstitutionListBehaviour = defineBehaviour(financialInstitutionList, () =>
  success({ bankList: BANKS.map((bank) => ({ ...bank })) }));
