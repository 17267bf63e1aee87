import { ApiProperty } from '@nestjs/swagger';
import { AuditLogDto } from './audit-log.dto';

export class AuditLogListDto {
  @ApiProperty({ type: [AuditLogDto] }) data: AuditLogDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
