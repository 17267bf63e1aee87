import { ApiProperty } from '@nestjs/swagger';
import { LIMIT_LABELS, type LimitMetric } from '../plan-limits';

export class UsageLineDto {
  @ApiProperty({ enum: Object.keys(LIMIT_LABELS), example: 'members' }) metric: LimitMetric;
  @ApiProperty({ example: 'Members (active members plus open invitations)' }) label: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Current use; null where the module that owns it does not measure it yet' }) used: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The plan\'s limit; null means unlimited' }) limit: number | null;
}

export class UsageDto {
  @ApiProperty({ example: 'free' }) plan: string;
  @ApiProperty({ format: 'date', description: 'First day of the current monthly period (UTC)' }) periodStart: string;
  @ApiProperty({ format: 'date', description: 'First day of the next period (UTC)' }) periodEnd: string;
  @ApiProperty({ type: [UsageLineDto] }) limits: UsageLineDto[];
}
