import { Injectable } from '@nestjs/common';
import { ProblemException } from '@app/core';
import type { CheckoutSessionCreateDto, CheckoutSessionDto, PortalSessionCreateDto, PortalSessionDto } from './dto/catalog-input.dto';

const todo = () => new ProblemException('not-implemented', 501, 'Not implemented', 'Not implemented yet.');

@Injectable()
export class BillingCheckoutService {
  async checkoutSession(_body: CheckoutSessionCreateDto, _key?: string): Promise<CheckoutSessionDto> { throw todo(); }
  async portalSession(_body: PortalSessionCreateDto, _key?: string): Promise<PortalSessionDto> { throw todo(); }
}
