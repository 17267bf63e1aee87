/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection), fullwidth
 * forms included (some spreadsheets fold them to ASCII).
 */
const TRIGGERS = '=+\\-@\\t\\r\uFF1D\uFF0B\uFF0D\uFF20';
/**
 * A trigger at the start of the text, or after anything a spreadsheet may split cells or lines on
 * (`,` `;` tab `|`, line breaks), optionally behind quotes: Excel with `;` as separator evaluates
 * `Mozilla;=1+2`. A leading apostrophe makes each such piece plain text.
 */
const FORMULA = new RegExp(`(?<=^|[,;\\t|\\r\\n\uFF0C\uFF1B\uFF5C])("*)(?=[${TRIGGERS}])`, 'g');

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '""';
  const text = typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : JSON.stringify(value);
  return `"${text.replace(FORMULA, "$1'").replace(/"/g, '""')}"`;
}

/** One RFC 4180 CSV line (CRLF-terminated), every cell quoted and guarded against formula injection. */
export function csvRow(values: unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
