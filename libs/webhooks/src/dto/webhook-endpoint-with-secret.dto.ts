import { ApiProperty } from '@nestjs/swagger';
import { WebhookEndpointDto } from './webhook-endpoint.dto';

export class WebhookEndpointWithSecretDto extends WebhookEndpointDto {
  @ApiProperty({
    example: 'whsec_3q2-7wEXAMPLEexampleEXAMPLEexample',
    description:
      'Signing secret, shown only in this response. Verify a delivery by computing the hex HMAC-SHA256, keyed with ' +
      'this whole string, of "<t>.<raw body>" and comparing it with any v1 value of X-Webhook-Signature: t=<unix>,v1=<hex>.',
  })
  secret: string;
}
