import { ApiProperty } from '@nestjs/swagger';

/** A customer of the business as mirrored from Stripe. */
export class BillingCustomerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'cus_NffrFeUfNV2Hib' }) stripeId: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'USD' }) currency: string | null;
  @ApiProperty({ description: 'Customer balance in minor units (negative: credit)' }) balance: number;
  @ApiProperty() delinquent: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Deleted in Stripe' }) deletedAt: string | null;
  @ApiProperty({ format: 'date-time', description: 'Time of the Stripe state this row holds' }) stripeUpdatedAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class BillingCustomerMemberDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty() email: string;
}

/** A customer with its member link and Stripe-side status. */
export class BillingCustomerDetailDto extends BillingCustomerDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) memberId: string | null;
  @ApiProperty({ type: BillingCustomerMemberDto, nullable: true }) member: BillingCustomerMemberDto | null;
  @ApiProperty({ description: 'Deleted in Stripe' }) deleted: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'acct_1Nv0FGQ9RKHgCVdK', description: 'The connected Stripe account the customer lives in (null: the platform account)' })
  stripeAccount: string | null;
}

export class BillingCustomerListDto {
  @ApiProperty({ type: [BillingCustomerDto] }) data: BillingCustomerDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
