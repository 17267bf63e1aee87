import { ApiProperty } from '@nestjs/swagger';
import { AdminAuditLogDto } from './admin-audit-log.dto';

export class AdminAuditLogListDto {
  @ApiProperty({ type: [AdminAuditLogDto] }) data: AdminAuditLogDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
