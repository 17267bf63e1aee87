import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '@app/core';

export const SYNC_RUN_KINDS = ['reconcile', 'import'] as const;
export const SYNC_RUN_TRIGGERS = ['schedule', 'manual'] as const;
export const SYNC_RUN_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];

/** Progress of one mirrored kind (or of the events backfill) in a run. */
export class SyncKindProgressDto {
  @ApiProperty({ description: 'The kind\'s listing is complete' }) done: boolean;
  @ApiProperty({ description: 'Stripe objects compared with the mirror' }) checked: number;
  @ApiProperty({ description: 'Objects missing in the mirror and inserted (events: events stored)' }) imported: number;
  @ApiProperty() driftFound: number;
  @ApiProperty() driftFixed: number;
  @ApiProperty({ description: 'Mirror rows Stripe no longer has, marked deleted' }) markedDeleted: number;
}

export class SyncRunErrorDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() message: string;
}

/** One reconciliation or initial import of a tenant's Stripe account. */
@ApiExtraModels(SyncKindProgressDto)
export class BillingSyncRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) tenantId: string;
  @ApiProperty({ enum: SYNC_RUN_KINDS }) kind: (typeof SYNC_RUN_KINDS)[number];
  @ApiProperty({ enum: SYNC_RUN_TRIGGERS }) trigger: (typeof SYNC_RUN_TRIGGERS)[number];
  @ApiProperty({ enum: SYNC_RUN_STATUSES }) status: SyncRunStatus;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Objects created since then were listed (subscriptions: always all of them; null: everything)' }) since: string | null;
  @ApiProperty() objectsChecked: number;
  @ApiProperty() driftFound: number;
  @ApiProperty() driftFixed: number;
  @ApiProperty() eventsBackfilled: number;
  @ApiProperty({ type: [SyncRunErrorDto] }) errors: SyncRunErrorDto[];
  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(SyncKindProgressDto) }, description: 'Per kind, in import order (customers, products, prices, subscriptions, invoices, payment_intents, charges without a payment intent, refunds, disputes; events)' })
  progress: Record<string, SyncKindProgressDto>;
}

export class BillingSyncRunListDto {
  @ApiProperty({ type: [BillingSyncRunDto] }) data: BillingSyncRunDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class SyncRunQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SYNC_RUN_STATUSES })
  @IsOptional()
  @IsIn(SYNC_RUN_STATUSES)
  status?: SyncRunStatus;
}

export class AdminSyncRunQueryDto extends SyncRunQueryDto {
  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'Only runs of this tenant' })
  @IsOptional()
  @IsUUID()
  tenantId?: string;
}

/** One tenant's sync state for the staff health page. */
export class TenantSyncHealthDto {
  @ApiProperty({ format: 'uuid' }) tenantId: string;
  @ApiProperty() tenantName: string;
  @ApiProperty({ type: BillingSyncRunDto, nullable: true }) lastRun: BillingSyncRunDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastSuccessAt: string | null;
}

export class BillingSyncHealthDto {
  @ApiProperty({ type: [TenantSyncHealthDto], description: 'Every tenant with billing, with its last run' }) tenants: TenantSyncHealthDto[];
  @ApiProperty({ type: [BillingSyncRunDto], description: 'Runs failed in the last 24 hours' }) failedLast24h: BillingSyncRunDto[];
  @ApiProperty({ type: [TenantSyncHealthDto], description: 'Tenants with billing never synced, or whose last success is older than 36 hours' }) stale: TenantSyncHealthDto[];
}
