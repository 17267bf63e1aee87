import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsUUID, MaxLength } from 'class-validator';
import { NormalizeEmail } from '@app/core';

export class CreateInvitationDto {
  @ApiProperty({ example: 'new.member@example.com' })
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Roles the member gets on accepting (at least one)' })
  @IsArray()
  @ArrayMinSize(1, { message: 'an invitation needs at least one role' })
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  roleIds: string[];
}
