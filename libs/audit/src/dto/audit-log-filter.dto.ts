import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

/** Filters shared by the audit log list, its CSV export and the platform-wide list. */
export class AuditLogFilterDto {
  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'Only events by this user' })
  @IsOptional()
  @MaxLength(36)
  @IsUUID('all')
  actorId?: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'member.*', description: 'Exact action, or a prefix ending in `*` (e.g. `member.*`)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z0-9_.:-]+\*?$/, { message: 'action must be an action like "member.removed" or a prefix like "member.*"' })
  action?: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'membership' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityType?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  entityId?: string;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, description: 'At or after (ISO 8601 date or date-time)' })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, description: 'At or before (ISO 8601; a bare date includes that whole UTC day)' })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  to?: string;
}
