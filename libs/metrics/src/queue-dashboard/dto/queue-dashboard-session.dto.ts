import { ApiProperty } from '@nestjs/swagger';

export class QueueDashboardSessionDto {
  @ApiProperty({ example: '/admin/queues/', description: 'Where to open the dashboard; the session cookie is scoped to this path' })
  url: string;

  @ApiProperty({ type: String, format: 'date-time', description: 'When the dashboard cookie expires (at most 15 minutes from now)' })
  expiresAt: string;
}
