import { cardProductInquiry } from '../../../lib/catalog/operations/card-product-inquiry';
import { cardProduct } from '../../books/card-products';
import { defineBehaviour, success } from '../behaviour';

/** Product names for the ids asked, in the order asked, once each; unknown ids are left out. */
export const cardProductInquiryBehaviour = defineBehaviour(cardProductInquiry, (input) => {
  const serviceInfos = [...new Set(input.serviceIdList)].flatMap((serviceId) => {
    const product = cardProduct(serviceId);
    return product ? [{ serviceId: product.serviceId, serviceName: product.serviceName }] : [];
  });
  return success({ serviceInfos });
});
