// The Content-Security-Policy's script-src without 'unsafe-inline': the built pages allow their
// inline scripts by hash (used by scripts/trunk-post-build.mjs and scripts/single.mjs).

import { createHash } from 'node:crypto';

/** `'sha256-…'` sources for the contents of every inline <script> of `html`. */
export function inlineScriptHashes(html) {
  const hashes = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/.test(match[1])) continue;
    hashes.push(`'sha256-${createHash('sha256').update(match[2], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/** Replace 'unsafe-inline' in the script-src of `html`'s CSP by `hashes`. */
export function hashScriptSrc(html, hashes) {
  let replaced = false;
  const out = html.replace(/(script-src\b[^;"]*?)'unsafe-inline'/, (_, before) => {
    replaced = true;
    return before + hashes.join(' ');
  });
  if (!replaced) throw new Error("index.html: no 'unsafe-inline' in the CSP's script-src to replace");
  return out;
}
