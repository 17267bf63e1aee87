import { EmailTemplateError, type EmailTemplatePart } from './email-template.error';

/** The most a template part may hold, checked before it is parsed (the DTOs answer 400 for longer input). */
export const EMAIL_TEMPLATE_LIMITS = {
  length: { subject: 320, text: 20_000, html: 100_000 } satisfies Record<EmailTemplatePart, number>,
  /** Blocks ({{#if}}, {{#unless}}, {{else if}} chains) inside one another. */
  depth: 8,
};

const isSpace = (char: string | undefined) => char === ' ' || char === '\t' || char === '\n' || char === '\r';

/** Index after `{{`, an optional `~` and whitespace. */
function tagStart(source: string, at: number): number {
  let i = at + 2;
  if (source[i] === '~') i++;
  while (isSpace(source[i])) i++;
  return i;
}

/** True when the tag at `i` (after its opening) is `}}`/`~}}` once whitespace is skipped: `{{^}}`, `{{else}}`. */
function closesAt(source: string, i: number): boolean {
  while (isSpace(source[i])) i++;
  if (source[i] === '~') i++;
  return source[i] === '}';
}

/**
 * One linear scan, before Handlebars sees the source: refuses a part longer than its limit or with
 * blocks nested deeper than the limit, so parsing and rendering stay small. Comments are not
 * skipped: a block opener inside one counts too (refusing more, never less).
 */
export function checkTemplateBounds(source: string, part: EmailTemplatePart): void {
  const maxLength = EMAIL_TEMPLATE_LIMITS.length[part];
  if (source.length > maxLength) {
    throw new EmailTemplateError(part, `${part}: at most ${maxLength} characters (got ${source.length})`, [], [], true);
  }
  // Each open block with the number of levels it adds (1, plus one per {{else if}} of its chain).
  const open: number[] = [];
  let depth = 0;
  for (let at = source.indexOf('{{'); at !== -1; at = source.indexOf('{{', at + 2)) {
    const i = tagStart(source, at);
    const char = source[i];
    let opens = false;
    if (char === '#') opens = true;
    else if (char === '^') opens = !closesAt(source, i + 1);
    else if (source.startsWith('else', i) && isSpace(source[i + 4]) && !closesAt(source, i + 4) && open.length) {
      open[open.length - 1]++;
      depth++;
    } else if (char === '/') depth -= open.pop() ?? 0;
    if (opens) {
      open.push(1);
      depth++;
    }
    if (depth > EMAIL_TEMPLATE_LIMITS.depth) {
      throw new EmailTemplateError(part, `${part}: blocks may be nested at most ${EMAIL_TEMPLATE_LIMITS.depth} deep`, [], [], true);
    }
  }
}
