import { ApiProperty } from '@nestjs/swagger';

export class EffectiveFeaturesDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'boolean' },
    description: 'Every feature flag key with its effective value for the signed-in tenant',
    example: { 'paylinks.qr': true, 'sessions.concierge': false },
  })
  flags: Record<string, boolean>;
}
