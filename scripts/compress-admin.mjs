// After `vite build`: writes .br and .gz beside each of the admin's JS and CSS assets, so the API sends them compressed
// without compressing on every request (hashed assets never change; the work is done once per build).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? join(new URL('..', import.meta.url).pathname, 'dist/admin');
const assets = join(dir, 'assets');
for (const name of readdirSync(assets)) {
  if (!/\.(js|css|svg|json)$/.test(name)) continue;
  const body = readFileSync(join(assets, name));
  writeFileSync(join(assets, `${name}.br`), brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(join(assets, `${name}.gz`), gzipSync(body, { level: 9 }));
}
