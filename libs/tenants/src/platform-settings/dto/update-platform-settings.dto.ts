import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { CURRENCIES } from '../../settings-values';

const present = (_: object, value: unknown) => value !== undefined;

export class UpdatePlatformSettingsDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 10000, example: 1500 })
  @ValidateIf(present)
  @IsInt()
  @Min(0)
  @Max(10000)
  defaultPlatformFeeBps?: number;

  @ApiPropertyOptional({ example: 'EUR', maxLength: 3, description: 'ISO 4217 currency code' })
  @ValidateIf(present)
  @MaxLength(3)
  @IsIn([...CURRENCIES], { message: 'defaultCurrency must be an ISO 4217 currency code like EUR' })
  defaultCurrency?: string;
}
