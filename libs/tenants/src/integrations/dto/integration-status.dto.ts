import { ApiProperty } from '@nestjs/swagger';
import { EmailTransportStatusDto } from './email-transport-status.dto';
import { ServiceCheckDto } from './service-check.dto';
import { StripeStatusDto } from './stripe-status.dto';

export class IntegrationStatusDto {
  @ApiProperty({ type: StripeStatusDto }) stripe: StripeStatusDto;
  @ApiProperty({ type: EmailTransportStatusDto, description: 'Delivery figures are the tenant\'s own (every tenant\'s on the admin route)' }) email: EmailTransportStatusDto;
  @ApiProperty({ type: ServiceCheckDto }) redis: ServiceCheckDto;
  @ApiProperty({ type: ServiceCheckDto }) database: ServiceCheckDto;
  @ApiProperty({ type: String, format: 'date-time' }) checkedAt: string;
}
