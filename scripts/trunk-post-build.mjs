// Trunk post_build hook (Trunk.toml): finishes the staged dist/ before Trunk moves it in place.
//
// 1. The Content-Security-Policy of index.html allows Trunk's inline start-up script by its
//    SHA-256 hash instead of 'unsafe-inline'.
// 2. sw.js gets this build's precache list (every file of dist/, whatever it holds) and a
//    version derived from their names and contents, so a new build installs a new cache.
//
// Runs with TRUNK_STAGING_DIR set by Trunk; `node scripts/trunk-post-build.mjs DIR` works too.

import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { hashScriptSrc, inlineScriptHashes } from './csp.mjs';

const STAGING = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!STAGING) throw new Error('usage: node scripts/trunk-post-build.mjs DIR (or run as a Trunk hook)');

/** The service worker, which is not in its own precache list. */
const SERVICE_WORKER = 'sw.js';

/** Every file under `dir`, as sorted '/'-separated paths relative to it. */
async function listFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join('/'))
    .sort();
}

async function main() {
  const indexPath = join(STAGING, 'index.html');
  const html = await readFile(indexPath, 'utf8');
  await writeFile(indexPath, hashScriptSrc(html, inlineScriptHashes(html)));

  const files = (await listFiles(STAGING)).filter((file) => file !== SERVICE_WORKER);
  const version = createHash('sha256');
  for (const file of files) version.update(file).update('\0').update(await readFile(join(STAGING, file)));
  const build = { version: version.digest('hex').slice(0, 16), files };

  const swPath = join(STAGING, SERVICE_WORKER);
  const sw = await readFile(swPath, 'utf8');
  const marker = /^const BUILD = .*;$/m;
  if (!marker.test(sw)) throw new Error(`${SERVICE_WORKER}: no "const BUILD = …;" line to fill in`);
  await writeFile(swPath, sw.replace(marker, `const BUILD = ${JSON.stringify(build)};`));
  console.log(`post-build: CSP script-src hashed, ${SERVICE_WORKER} precaches ${files.length} files (version ${build.version})`);
}

await main();
