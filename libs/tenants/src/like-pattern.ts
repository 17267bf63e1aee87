/** A `%...%` ILIKE pattern matching `text` literally (`\` is the escape character). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
