import { ApiProperty } from '@nestjs/swagger';
import { AdminTenantDto } from './admin-tenant.dto';

export class AdminTenantListDto {
  @ApiProperty({ type: [AdminTenantDto] }) data: AdminTenantDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
