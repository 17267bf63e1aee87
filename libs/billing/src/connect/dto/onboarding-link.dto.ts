import { ApiProperty } from '@nestjs/swagger';

export class OnboardingLinkDto {
  @ApiProperty({ example: 'acct_1Nv0FGQ9RKHgCVdK' }) accountId: string;
  @ApiProperty({ description: 'Stripe-hosted onboarding page; open it at once, it works once and expires in minutes' }) url: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}
