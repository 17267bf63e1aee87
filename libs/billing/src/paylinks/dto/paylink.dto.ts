import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AMOUNT_MODES, PAYLINK_STATUSES, PaylinkCustomFieldDto } from './paylink-input.dto';

export class PaylinkDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() slug: string;
  @ApiProperty({ description: 'The public pay page' }) url: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: AMOUNT_MODES }) amountMode: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Minor units (fixed amount)' }) amount: number | null;
  @ApiProperty({ type: Number, nullable: true }) minAmount: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxAmount: number | null;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) priceId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt: string | null;
  @ApiProperty({ type: Number, nullable: true }) maxUses: number | null;
  @ApiProperty() requireShipping: boolean;
  @ApiProperty({ type: [PaylinkCustomFieldDto] }) customFields: PaylinkCustomFieldDto[];
  @ApiProperty({ type: String, nullable: true }) successUrl: string | null;
  @ApiProperty({ type: String, nullable: true }) cancelUrl: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) metadata: Record<string, string>;
  @ApiProperty({ enum: PAYLINK_STATUSES, description: '`expired` is derived: past expiresAt, or usesCount reached maxUses' }) status: string;
  @ApiProperty({ description: 'The current amount version (1 at creation, one more per amount change)' }) version: number;
  @ApiProperty({ description: 'Paid checkouts' }) usesCount: number;
  @ApiProperty({ description: 'Checkouts open right now, each holding a use until it is paid or expires' }) reservedCount: number;
  @ApiProperty({ description: 'Minor units paid through the link' }) revenue: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PaylinkListDto {
  @ApiProperty({ type: [PaylinkDto] }) data: PaylinkDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class PaylinkVersionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: AMOUNT_MODES }) amountMode: string;
  @ApiProperty({ type: Number, nullable: true }) amount: number | null;
  @ApiProperty({ type: Number, nullable: true }) minAmount: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxAmount: number | null;
  @ApiProperty() currency: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who made the change' }) changedBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PaylinkVersionListDto {
  @ApiProperty({ type: [PaylinkVersionDto], description: 'Newest first' }) data: PaylinkVersionDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class PaylinkRemovalDto {
  @ApiProperty({ enum: ['deleted', 'archived'], description: 'archived: the link has payments or open checkouts, so it is kept (and sells no more)' }) outcome: 'deleted' | 'archived';
}

/** What the public pay page shows: nothing private (no ids of ours or Stripe's). */
export class PublicPaylinkDto {
  @ApiProperty({ description: 'The business selling' }) businessName: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: AMOUNT_MODES }) amountMode: string;
  @ApiProperty({ type: Number, nullable: true }) amount: number | null;
  @ApiProperty({ type: Number, nullable: true }) minAmount: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxAmount: number | null;
  @ApiProperty() currency: string;
  @ApiProperty() requireShipping: boolean;
  @ApiProperty({ type: [PaylinkCustomFieldDto] }) customFields: PaylinkCustomFieldDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt: string | null;
  @ApiProperty({ enum: ['active', 'inactive', 'expired', 'sold_out'], description: 'Whether a checkout can be opened now' }) availability: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Uses left (open checkouts count as taken); null: no limit' }) usesRemaining: number | null;
}

export class PublicCheckoutSessionDto {
  @ApiProperty({ description: 'Stripe Checkout page to send the buyer to' }) url: string;
  @ApiProperty({ format: 'date-time', description: 'The page (and the use it holds) expires then' }) expiresAt: string;
}
