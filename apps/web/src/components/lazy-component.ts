import { lazy, type ComponentType } from 'react';

/**
 * A named export loaded on first render, in its own chunk: pages (router.tsx), so the initial download
 * holds the shell and the opened page only, and dialogs a page opens on demand. Render it inside
 * <Suspense> (route-outlet.tsx does for pages).
 */
// Any props: the loaded component keeps its own.
export function lazyComponent<M extends Record<K, ComponentType<any>>, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}
