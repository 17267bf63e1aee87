import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, MaxLength } from 'class-validator';

export class SendTestEmailDto {
  @ApiPropertyOptional({ format: 'email', maxLength: 254, description: 'Recipient: the caller\'s own verified address (the default) or a verified member\'s' })
  @IsOptional()
  @MaxLength(254)
  @IsEmail()
  to?: string;
}
