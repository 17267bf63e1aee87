// Keeps package-lock.json usable by `npm ci` on machines whose registry mirror only carries the
// packages of their own platform: npm then writes no lock entry for other platforms' optional
// binaries (@swc/core-darwin-arm64, ...) and `npm ci` refuses the lock as "out of sync". This adds an
// entry for each such optional binary, with the os/cpu/libc its name states, so npm ci knows it is
// not for this platform and skips it. Run it after `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const OS = ['darwin', 'win32', 'linux', 'freebsd', 'android', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd', 'wasi'];
const CPU = { arm64: 'arm64', aarch64: 'arm64', x64: 'x64', ia32: 'ia32', arm: 'arm', ppc64: 'ppc64', ppc64le: 'ppc64', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64', wasm32: 'wasm32', universal: null };

function platformOf(name) {
  const base = name.split('/').pop();
  const parts = base.split('-');
  const os = OS.find((o) => parts.includes(o));
  const cpuPart = parts.find((p) => p in CPU) ?? (base.includes('gnueabihf') || base.includes('musleabihf') ? 'arm' : undefined);
  if (!os && !cpuPart) return null;
  const entry = {};
  if (os) entry.os = [os];
  if (cpuPart && CPU[cpuPart]) entry.cpu = [CPU[cpuPart]];
  if (base.includes('musl')) entry.libc = ['musl'];
  else if (os === 'linux' && base.includes('gnu')) entry.libc = ['glibc'];
  return entry;
}

let added = 0;
for (const [path, pkg] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const prefix = path ? `${path}/node_modules/` : 'node_modules/';
    if (lock.packages[`${prefix}${dep}`] || lock.packages[`node_modules/${dep}`]) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    lock.packages[`node_modules/${dep}`] = { version, ...platform, optional: true, dev: pkg.dev || undefined };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log(`lock: added ${added} other-platform optional entries`);
