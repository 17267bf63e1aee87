import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional } from 'class-validator';

export class SendTestEmailDto {
  @ApiPropertyOptional({ format: 'email', description: 'Recipient; the caller\'s own address when omitted' })
  @IsOptional()
  @IsEmail()
  to?: string;
}
