import { decodeTimeCursor } from './keyset-cursor';
import { type Page, pageSize, type PageQueryDto, toPage } from './pagination';

/** A row of a newest-first list: its id and its sort timestamp as cursorTimestampSql(...) AS cursor_at. */
export interface NewestFirstRow {
  id: string;
  cursor_at: string;
}

/**
 * The one way to write a list query: conditions with numbered parameters, then a keyset page over
 * (created_at desc, id desc), or another timestamp column, that an index (starting with tenant_id for
 * tenant lists) serves. `alias` is the table alias in the select ('' when the select has none).
 */
export class NewestFirstQuery {
  private readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  constructor(
    private readonly alias: string,
    private readonly timeColumn = 'created_at',
  ) {}

  /** Adds a value as the next parameter and returns its placeholder ($n). */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** Adds a condition (use `param()` for every value in it). */
  where(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  /** Runs `select` with the conditions, the cursor and the page size, and cuts the page. */
  async page<Row extends NewestFirstRow>(select: string, query: PageQueryDto, run: (sql: string, params: unknown[]) => Promise<Row[]>): Promise<Page<Row>> {
    const limit = pageSize(query);
    const cursor = decodeTimeCursor(query.cursor);
    const column = (name: string) => (this.alias ? `${this.alias}.${name}` : name);
    if (cursor) this.where(`(${column(this.timeColumn)}, ${column('id')}) < (${this.param(cursor.at)}::timestamptz, ${this.param(cursor.id)}::uuid)`);
    const filter = this.conditions.length ? `where ${this.conditions.join(' and ')}` : '';
    const rows = await run(`${select} ${filter} order by ${column(this.timeColumn)} desc, ${column('id')} desc limit ${this.param(limit + 1)}`, this.params);
    return toPage(rows, limit, (row) => ({ v: row.cursor_at, id: row.id }));
  }
}
