// The SPA's initial download: the JavaScript the browser fetches before the first page renders, per
// route, read from the built apps/web/dist. That is index.html's module script and modulepreload links,
// every module they import statically (transitively), and the opened route's page chunk with its static
// imports (dynamic imports of other pages are left out: they load on visit). Sizes are gzip (zlib
// default level, as a server sends them). Fails when a route's initial JS exceeds the budget.
//   node scripts/check-bundle.mjs [--dist=apps/web/dist] [--budget-kb=200] [--files]   (--files: each route's files)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

const option = (name, fallback) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const dist = option('dist', new URL('../apps/web/dist', import.meta.url).pathname);
const budgetKb = Number(option('budget-kb', '200'));
// The page chunk each measured route opens (lazy pages in apps/web/src/router.tsx; chunks are named after the page's file).
const ROUTES = { '/login': 'login-page', '/members': 'members-page' };

const indexHtml = join(dist, 'index.html');
if (!existsSync(indexHtml)) {
  console.error(`check-bundle: ${indexHtml} is missing; build first (node scripts/build.mjs)`);
  process.exit(1);
}
const html = readFileSync(indexHtml, 'utf8');
const attribute = (tag, name) => new RegExp(`\\s${name}="([^"]+)"`).exec(tag)?.[1];
const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
const shellFiles = tags
  .filter((tag) => (tag.startsWith('<script') && attribute(tag, 'type') === 'module') || (tag.startsWith('<link') && attribute(tag, 'rel') === 'modulepreload'))
  .map((tag) => attribute(tag, tag.startsWith('<script') ? 'src' : 'href'))
  .filter(Boolean)
  .map((url) => url.replace(/^\//, ''));
const stylesheets = tags.filter((tag) => tag.startsWith('<link') && attribute(tag, 'rel') === 'stylesheet').map((tag) => attribute(tag, 'href').replace(/^\//, ''));

// Static `import … from "./x.js"`, `import "./x.js"` and `export … from "./x.js"`; never `import("./x.js")`.
const STATIC_IMPORT = /(?<![\w$.])(?:import|export)\s*(?:[\w$*{][^"'()]*?from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;
const sources = new Map();
const source = (file) => {
  if (!sources.has(file)) sources.set(file, readFileSync(join(dist, file), 'utf8'));
  return sources.get(file);
};
function withStaticImports(roots) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, specifier] of source(file).matchAll(STATIC_IMPORT)) visit(posix.join(posix.dirname(file), specifier));
  };
  roots.forEach(visit);
  return seen;
}

const assets = readdirSync(join(dist, 'assets'));
const gzipBytes = (file) => gzipSync(readFileSync(join(dist, file))).length;
const kb = (bytes) => (bytes / 1024).toFixed(1);
const shell = withStaticImports(shellFiles);
let failed = false;
const rows = [];
for (const [route, page] of Object.entries(ROUTES)) {
  const chunk = assets.find((name) => new RegExp(`^${page}-[\\w-]{8}\\.js$`).test(name));
  if (!chunk) {
    console.error(`check-bundle: no chunk assets/${page}-<hash>.js for ${route} (is the page still lazy in router.tsx?)`);
    process.exit(1);
  }
  const files = withStaticImports([...shell, `assets/${chunk}`]);
  const raw = [...files].reduce((sum, file) => sum + source(file).length, 0);
  const gzip = [...files].reduce((sum, file) => sum + gzipBytes(file), 0);
  if (gzip > budgetKb * 1024) failed = true;
  rows.push({ route, files: files.size, raw, gzip, list: [...files] });
}
const css = stylesheets.reduce((sum, file) => sum + gzipBytes(file), 0);
const largest = assets.filter((name) => name.endsWith('.js')).map((name) => ({ name, gzip: gzipBytes(`assets/${name}`) })).sort((a, b) => b.gzip - a.gzip).slice(0, 4);

console.log(`SPA initial JavaScript (gzip; budget ${budgetKb} KB per route)`);
if (process.argv.includes('--files')) {
  for (const row of rows) console.log(`${row.route}: ${row.list.map((file) => `${file.replace(/^assets\//, '')} ${kb(gzipBytes(file))}`).join(', ')}`);
}
for (const row of rows) console.log(`  ${row.route.padEnd(10)} ${kb(row.gzip).padStart(7)} KB gzip  (${kb(row.raw)} KB minified, ${row.files} files)${row.gzip > budgetKb * 1024 ? '  OVER BUDGET' : ''}`);
console.log(`  shell CSS  ${kb(css).padStart(7)} KB gzip (not in the budget)`);
console.log(`  largest chunks: ${largest.map((chunk) => `${chunk.name.replace(/-[\w-]{8}\.js$/, '')} ${kb(chunk.gzip)} KB`).join(', ')}`);
if (failed) {
  console.error(`check-bundle: initial JavaScript over ${budgetKb} KB gzip`);
  process.exit(1);
}
