import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class SetTenantPlatformFeeDto {
  @ApiProperty({ minimum: 0, maximum: 10000, example: 1200, description: 'Basis points (1200 = 12%)' })
  @IsInt()
  @Min(0)
  @Max(10000)
  platformFeeBps: number;
}
