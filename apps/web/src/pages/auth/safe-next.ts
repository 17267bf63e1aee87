/** Only same-origin paths are followed after login, never an absolute URL from the query string. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
