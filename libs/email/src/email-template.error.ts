export type EmailTemplatePart = 'subject' | 'text' | 'html';

/** A template that does not parse, uses something other than variables and if/unless, or names unknown variables. */
export class EmailTemplateError extends Error {
  constructor(
    readonly part: EmailTemplatePart,
    message: string,
    readonly unknownVariables: string[] = [],
    /** Secret variables used where they may not appear (the subject). */
    readonly secretVariables: string[] = [],
    /** Too large, too deeply nested, or too slow to render. */
    readonly tooComplex = false,
  ) {
    super(message);
  }
}
