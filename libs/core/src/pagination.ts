import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Problems } from './problem';

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25, description: 'Page size' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ maxLength: 512, description: 'Opaque cursor from the previous page\'s nextCursor' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** Keyset position: the sort value and the id of the last row of a page. */
export interface CursorPosition {
  v: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): CursorPosition | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed?.v === 'string' && typeof parsed?.id === 'string') return parsed;
  } catch {
    // fall through to the problem below
  }
  throw Problems.validation([{ field: 'cursor', message: 'cursor is not valid' }]);
}

export function pageSize(query: PageQueryDto): number {
  return query.limit ?? 25;
}

/**
 * Turns rows fetched with `limit + 1` into a page: the extra row only tells that another page exists.
 * `position` gives the keyset of a row (sort value as string + id).
 */
export function toPage<T>(rows: T[], limit: number, position: (row: T) => CursorPosition): Page<T> {
  const hasMore = rows.length > limit;
  const data = hasMore ? rows.slice(0, limit) : rows;
  return { data, nextCursor: hasMore ? encodeCursor(position(data[data.length - 1])) : null };
}
