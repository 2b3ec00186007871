/**
 * What the platform says when its state changes: each notice of the sandbox's books becomes the
 * callback bodies of the designed catalog (lib/callbacks/catalog.ts), checked against it before
 * they are sent, as every answer is checked against the operation catalog. A settled charge that
 * completed, and every terminal payment or cancel, also moved a balance: BALANCE_CHANGED follows.
 */
import {
  balanceChangedCallback, cardDeliveredCallback, chargeSettledCallback, paymentApprovedCallback, paymentCanceledCallback,
  type CallbackEventEntry,
} from '../../../lib/callbacks/catalog';
import { firstViolation } from '../../../lib/catalog/validate';
import { DELIVERY_TIMELINE, type CardApplication } from '../../books/card-applications';
import type { ChargeRecord } from '../../books/payments';
import type { SandboxState } from '../../books/state';
import type { TerminalPayment } from '../../books/terminal-payments';
import { wallClock } from './signing';

/** When the timeline (not the control API) brings a plastic: its ARRIVAL step. */
const ARRIVAL_MS = DELIVERY_TIMELINE.find((step) => step.status === 'ARRIVAL')!.fromMs;

export type CallbackNotice =
  | { type: 'charge-settled'; charge: ChargeRecord }
  | { type: 'card-delivered'; application: CardApplication }
  | { type: 'payment-approved'; payment: TerminalPayment }
  | { type: 'payment-canceled'; payment: TerminalPayment };

export interface CallbackMessage {
  entry: CallbackEventEntry;
  /** The plaintext body, serialised once by the sender. */
  body: Record<string, unknown>;
}

export function describeNotice(notice: CallbackNotice): string {
  switch (notice.type) {
    case 'charge-settled':
      return `charge ${notice.charge.sequenceId} settled ${notice.charge.result}`;
    case 'card-delivered':
      return `card application ${notice.application.cardApplyNo} delivered`;
    case 'payment-approved':
      return `terminal payment ${notice.payment.nrNumber} approved`;
    case 'payment-canceled':
      return `terminal payment ${notice.payment.nrNumber} cancelled`;
  }
}

function message(entry: CallbackEventEntry, body: Record<string, unknown>): CallbackMessage {
  const violation = firstViolation(entry.body, body);
  if (violation) throw new Error(`sandbox bug: a ${entry.eventType} callback breaks its catalog schema at ${violation.field || '(body)'}: ${violation.rule}`);
  return { entry, body };
}

export function callbackMessages(notice: CallbackNotice, state: SandboxState, timeZone: string): CallbackMessage[] {
  const at = (epochMs: number) => wallClock(epochMs, timeZone).slice(0, 14);
  const balance = (userId: bigint, par: string, nrNumber: string, when: number) => {
    const card = state.findCard({ par })?.card;
    return card ? [message(balanceChangedCallback, { eventType: 'BALANCE_CHANGED', eventDateTime: at(when), userId, par, balance: card.balance, nrNumber })] : [];
  };
  switch (notice.type) {
    case 'charge-settled': {
      const { charge } = notice;
      const settled = message(chargeSettledCallback, {
        eventType: 'CHARGE_SETTLED',
        eventDateTime: at(charge.finishedAt ?? charge.requestedAt),
        userId: charge.userId,
        chargeType: 'CHARGE',
        sequenceId: charge.sequenceId,
        nrNumber: charge.nrNumber,
        result: charge.result,
        amount: charge.amount,
        ...(charge.failureCode === undefined ? {} : { failureCode: charge.failureCode }),
      });
      if (charge.result !== 'COMPLETED') return [settled];
      return [settled, ...balance(charge.userId, state.payments.currentPar(charge.par), charge.nrNumber, charge.finishedAt ?? charge.requestedAt)];
    }
    case 'card-delivered': {
      const { application } = notice;
      const par = application.mobileCardPar ?? application.oldCardPar;
      if (par === undefined) return [];
      return [message(cardDeliveredCallback, {
        eventType: 'CARD_DELIVERED',
        eventDateTime: at(application.deliveredAt ?? application.appliedAt + ARRIVAL_MS),
        userId: application.userId,
        cardApplyNo: application.cardApplyNo,
        par,
        deliveryStatus: 'ARRIVAL',
        ...(application.physicalCardNo === undefined ? {} : { physicalCardNo: application.physicalCardNo }),
      })];
    }
    case 'payment-approved':
    case 'payment-canceled': {
      const { payment } = notice;
      const common = {
        eventDateTime: at(payment.cancel?.at ?? payment.at),
        userId: payment.userId,
        par: payment.par,
        amount: payment.amount,
        merchantId: payment.merchantId,
        merchantName: payment.merchantName,
      };
      if (notice.type === 'payment-approved') {
        return [
          message(paymentApprovedCallback, {
            eventType: 'PAYMENT_APPROVED', ...common, eventDateTime: at(payment.at), nrNumber: payment.nrNumber, approvalCode: payment.approvalCode,
            approvalDateTime: at(payment.at), balanceAfter: payment.balanceAfter,
          }),
          ...balance(payment.userId, payment.par, payment.nrNumber, payment.at),
        ];
      }
      const cancel = payment.cancel!;
      const par = state.payments.currentPar(payment.par);
      return [
        message(paymentCanceledCallback, {
          eventType: 'PAYMENT_CANCELED', ...common, par, nrNumber: cancel.nrNumber, originalNrNumber: payment.nrNumber, approvalCode: cancel.approvalCode,
          approvalDateTime: at(cancel.at), balanceAfter: cancel.balanceAfter,
        }),
        ...balance(payment.userId, par, cancel.nrNumber, cancel.at),
      ];
    }
  }
}
