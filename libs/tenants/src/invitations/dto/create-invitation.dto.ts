import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsUUID, MaxLength } from 'class-validator';
import { NormalizeEmail } from '@app/core';

export class CreateInvitationDto {
  @ApiProperty({ example: 'new.member@example.com', maxLength: 254 })
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ type: [String], format: 'uuid', maxItems: 50, maxLength: 36, description: 'Roles the member gets on accepting (at least one)' })
  @IsArray()
  @ArrayMinSize(1, { message: 'an invitation needs at least one role' })
  @ArrayMaxSize(50)
  @MaxLength(36, { each: true })
  @IsUUID('all', { each: true })
  roleIds: string[];
}
