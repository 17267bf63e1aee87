import { ApiProperty } from '@nestjs/swagger';
import { BulkTenantResultDto } from './bulk-tenant-result.dto';

export class BulkTenantsResultDto {
  @ApiProperty({ type: [BulkTenantResultDto], description: 'One result per distinct id, in request order' }) results: BulkTenantResultDto[];
}
