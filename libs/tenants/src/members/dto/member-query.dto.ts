import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '@app/core';

export class MemberQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'Matches part of the name or email (case-insensitive)' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ example: 'admin', maxLength: 60, description: 'Only members holding the role with this key' })
  @IsOptional()
  @MaxLength(60)
  @Matches(/^[a-z0-9-]{1,60}$/, { message: 'role must be a role key like "admin"' })
  role?: string;
}
