import { IntersectionType } from '@nestjs/swagger';
import { PageQueryDto } from '@app/core';
import { AuditLogFilterDto } from './audit-log-filter.dto';

export class AuditLogQueryDto extends IntersectionType(AuditLogFilterDto, PageQueryDto) {}
