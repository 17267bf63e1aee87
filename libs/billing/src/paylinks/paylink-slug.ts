import { Problems } from '@app/core';

export const SLUG_MIN = 3;
export const SLUG_MAX = 64;
/** Lower-case letters, digits and single hyphens inside: what a URL path segment shows as typed. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]*[a-z0-9]$/;

/** Words the pay pages or the SPA use for themselves, so no link may be called them. */
export const RESERVED_SLUGS = new Set([
  'admin', 'api', 'app', 'assets', 'billing', 'cancel', 'checkout', 'create', 'delete', 'edit', 'help', 'login', 'logout',
  'new', 'pay', 'paylinks', 'public', 'settings', 'signup', 'static', 'success', 'support', 'www',
]);

/** Letters NFKD does not take apart into a base letter and marks. */
const LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ŧ: 't', ħ: 'h' };

/** A slug made from a title: accents dropped, other letters spelled in ASCII, anything else a hyphen ('' when nothing is left). */
export function slugFromTitle(title: string): string {
  const ascii = title
    .toLowerCase()
    .replace(/[ßæœøłđðþıŧħ]/g, (c) => LETTERS[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  const words = ascii.split(/[^a-z0-9]+/).filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > SLUG_MAX - 4) break; // room for a "-n" suffix when the slug is taken
    slug = next;
  }
  return slug;
}

/** Why a slug given by staff cannot be used (null: it can), as field messages. */
export function slugProblem(slug: string): string | null {
  if (slug.length < SLUG_MIN || slug.length > SLUG_MAX) return `slug must be ${SLUG_MIN} to ${SLUG_MAX} characters`;
  if (!SLUG_PATTERN.test(slug) || slug.includes('--')) return 'slug may hold only lower-case letters, digits and single hyphens inside';
  return null;
}

/** Refuses a reserved word with its own problem type (422 paylink-slug-reserved). */
export function assertNotReserved(slug: string): void {
  if (RESERVED_SLUGS.has(slug)) throw Problems.unprocessable('paylink-slug-reserved', `"${slug}" is a reserved word and cannot be a pay link's slug.`);
}

export const slugTaken = (slug: string) => Problems.conflict('paylink-slug-taken', `Another pay link of this business already has the slug "${slug}".`);
