import { Injectable } from '@nestjs/common';
import { ProblemException, type Page } from '@app/core';
import type { BillingCustomerDetailDto, BillingCustomerDto } from './dto/billing-customer.dto';
import type { CustomerCreateDto, CustomerQueryDto, CustomerUpdateDto } from './dto/catalog-input.dto';

const todo = () => new ProblemException('not-implemented', 501, 'Not implemented', 'Not implemented yet.');

@Injectable()
export class BillingCustomersService {
  async list(_query: CustomerQueryDto): Promise<Page<BillingCustomerDto>> { throw todo(); }
  async get(_id: string): Promise<BillingCustomerDetailDto> { throw todo(); }
  async create(_body: CustomerCreateDto, _key?: string): Promise<{ created: boolean; customer: BillingCustomerDetailDto }> { throw todo(); }
  async update(_id: string, _body: CustomerUpdateDto, _key?: string): Promise<BillingCustomerDetailDto> { throw todo(); }
}
