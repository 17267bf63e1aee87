import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class RejectTenantDto {
  @ApiProperty({ minLength: 3, maxLength: 500, description: 'Shown to the tenant' })
  @IsString()
  @Length(3, 500)
  reason: string;
}
