import { ApiProperty } from '@nestjs/swagger';

export class AuditLogDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['user', 'api_key', 'system', 'anonymous'] }) actorType: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorEmail: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Platform staff member acting as the actor (impersonation)' })
  impersonatorId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Email of the impersonating staff member' }) impersonatorEmail: string | null;
  @ApiProperty({ example: 'member.roles_changed' }) action: string;
  @ApiProperty({ example: 'membership' }) entityType: string;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'State before the change (secrets masked)' })
  before: unknown;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'State after the change (secrets masked)' })
  after: unknown;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
  @ApiProperty({ nullable: true, type: String }) userAgent: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
