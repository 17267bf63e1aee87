import { ApiProperty } from '@nestjs/swagger';

export class LiveDto {
  @ApiProperty({ example: 'ok' }) status: string;
}

export class ReadyDto {
  @ApiProperty({ example: 'ok', enum: ['ok', 'error'] }) status: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Each check (database, redis, outbox) and its state' }) details: Record<string, unknown>;
}
