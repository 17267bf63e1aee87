import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsUUID, MaxLength } from 'class-validator';

export class UpdateMemberDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 50, maxLength: 36, description: 'The member\'s roles, replacing the current ones (at least one)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'a member needs at least one role' })
  @ArrayMaxSize(50)
  @MaxLength(36, { each: true })
  @IsUUID('all', { each: true })
  roleIds?: string[];

  @ApiPropertyOptional({ description: 'false deactivates the membership (the member keeps their account but loses access)' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
