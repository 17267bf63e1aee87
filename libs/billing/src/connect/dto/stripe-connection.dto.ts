import { ApiProperty } from '@nestjs/swagger';

/** The tenant's Stripe connection as last reported by Stripe (`account.updated`). */
export class StripeConnectionDto {
  @ApiProperty({ description: 'A connected Stripe account exists for this business' }) connected: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'acct_1Nv0FGQ9RKHgCVdK' }) accountId: string | null;
  @ApiProperty({ description: 'The account can take payments' }) chargesEnabled: boolean;
  @ApiProperty({ description: 'Stripe pays out to the business' }) payoutsEnabled: boolean;
  @ApiProperty({ description: 'The onboarding form was completed' }) detailsSubmitted: boolean;
  @ApiProperty({ type: [String], description: 'What Stripe still needs from the business (requirements.currently_due)' }) currentlyDue: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When Stripe last reported the account' }) updatedAt: string | null;
}
