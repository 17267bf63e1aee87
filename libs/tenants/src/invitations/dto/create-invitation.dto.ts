import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsUUID, MaxLength } from 'class-validator';

export class CreateInvitationDto {
  @ApiProperty({ example: 'new.member@example.com' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
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
