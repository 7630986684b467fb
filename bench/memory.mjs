// Memory of a Chromium instance, read from /proc (Linux only).
//
// The page and its dedicated workers (Sift's engine, DuckDB's, PapaParse's) live in one
// renderer process, so the renderer's resident set covers JS heaps, wasm memories and DOM alike;
// JS heap metrics (Performance.getMetrics) would miss the wasm memory. VmHWM is the kernel's
// own high-water mark of a process's resident set, so the peak is exact, not a sample.
// The resident set also counts the pages of Chromium's own binary, ICU data and fonts that the
// renderer has mapped (about 100 MB for a blank page, shared with every other Chromium
// process). Private memory (RssAnon, what Chrome's task manager shows as a tab's "memory
// footprint" on Linux) leaves those out; its peak is sampled, every `intervalMs`.
// The other processes (browser, GPU, network, zygotes) are reported by their own peaks, by
// type, to show that none of them holds the file instead.

import { readFileSync, readdirSync } from 'node:fs';

const KIB = 1024;

function read(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // the process is gone
  }
}

/** Every process below `rootPid`, not itself (renderers hang off Chromium's zygote). */
function descendants(rootPid) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = read(`/proc/${name}/stat`);
    // The command name, in parentheses, may hold spaces: the fields after it are fixed.
    const ppid = stat && Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!ppid) continue;
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(name));
  }
  const found = [];
  const queue = [...(children.get(rootPid) ?? [])];
  while (queue.length) {
    const pid = queue.pop();
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** { rss, hwm, anon } in bytes, or null if the process is gone. */
function residentSet(pid) {
  const status = read(`/proc/${pid}/status`);
  if (!status) return null;
  const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * KIB;
  return { rss: kib('VmRSS'), hwm: kib('VmHWM'), anon: kib('RssAnon') };
}

/** Chromium's --type= (renderer, gpu-process, utility, zygote), else the command's name. */
const processType = (pid) =>
  /--type=([\w-]+)/.exec(read(`/proc/${pid}/cmdline`) ?? '')?.[1] ?? (read(`/proc/${pid}/comm`) ?? '?').trim();

/**
 * Watch the processes below `rootPid` (this Node process: the browser is its child).
 * `mark()` notes each renderer's resident set now; `stop()` ends the watch and returns
 * { peak, before, peaksByType } in bytes: the largest renderer's high-water
 * mark, its resident set at the last mark, and the largest high-water mark of each process type.
 */
export function watchMemory(rootPid, intervalMs = 50) {
  const seen = new Map(); // pid -> { type, hwm, rss, before }
  const sample = () => {
    for (const pid of descendants(rootPid)) {
      const now = residentSet(pid);
      if (!now) continue;
      // Read the type each time: a zygote's child only calls itself a renderer after the fork.
      const previous = { before: 0, privateBefore: 0, privatePeak: 0, ...seen.get(pid) };
      seen.set(pid, { ...previous, ...now, privatePeak: Math.max(previous.privatePeak, now.anon), type: processType(pid) });
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    mark() {
      sample();
      for (const p of seen.values()) {
        p.before = p.rss;
        p.privateBefore = p.anon;
      }
    },
    stop() {
      clearInterval(timer);
      sample();
      const all = [...seen.values()];
      const renderer = all.filter((p) => p.type === 'renderer').sort((a, b) => b.hwm - a.hwm)[0];
      const peaksByType = {};
      for (const p of all) peaksByType[p.type] = Math.max(peaksByType[p.type] ?? 0, p.hwm);
      return {
        peak: renderer?.hwm ?? null,
        before: renderer?.before ?? null,
        privatePeak: renderer?.privatePeak ?? null,
        privateBefore: renderer?.privateBefore ?? null,
        peaksByType,
      };
    },
  };
}
