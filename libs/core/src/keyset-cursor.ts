import { isUuid } from './ids';
import { decodeCursor } from './pagination';
import { Problems } from './problem';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** SQL giving a timestamptz column as ISO 8601 with microseconds, so a cursor keeps PostgreSQL's full precision. */
export const cursorTimestampSql = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Decodes a (created_at desc, id desc) cursor and checks both parts before they reach SQL. */
export function decodeTimeCursor(cursor: string | undefined): { at: string; id: string } | null {
  const position = decodeCursor(cursor);
  if (!position) return null;
  const valid = TIMESTAMP.test(position.v) && !Number.isNaN(Date.parse(position.v))
    && new Date(position.v).toISOString().slice(0, 19) === position.v.slice(0, 19) && isUuid(position.id);
  if (!valid) throw Problems.validation([{ field: 'cursor', message: 'cursor is not valid' }]);
  return { at: position.v, id: position.id };
}
