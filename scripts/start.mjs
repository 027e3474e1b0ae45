#!/usr/bin/env node
// `pnpm start`: builds what is missing or stale, then runs the server, which migrates
// and seeds a demo city into an empty database.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const newest = (dirs) => {
  let t = 0;
  const walk = (p) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      if (/node_modules|\.svelte-kit|build|dist/.test(path.basename(p))) return;
      for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    } else t = Math.max(t, st.mtimeMs);
  };
  dirs.forEach((d) => walk(path.join(root, d)));
  return t;
};
const mtime = (f) => (fs.existsSync(path.join(root, f)) ? fs.statSync(path.join(root, f)).mtimeMs : 0);
const run = (args) => {
  const r = spawnSync('pnpm', args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const shared = ['packages/domain/src', 'packages/sync/src'];
if (mtime('server/dist/main.js') < newest(['server/src', 'server/drizzle', ...shared])) {
  console.log('Compilo il server…');
  run(['--filter', '@icaro/server', 'build']);
}
if (mtime('web/build/200.html') < newest(['web/src', 'web/static', 'web/svelte.config.js', 'web/vite.config.ts', ...shared])) {
  console.log('Compilo l’app web…');
  run(['--filter', '@icaro/web', 'build']);
}
const child = spawn(process.execPath, [path.join(root, 'server/dist/main.js')], { cwd: root, stdio: 'inherit', env: process.env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
