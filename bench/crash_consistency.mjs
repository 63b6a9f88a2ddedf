// Crash consistency: thousands of ingests and operator sends at moderate
// concurrency while chats_server is killed with SIGKILL at random moments and
// restarted on the same data; every request without an answer is retried with
// the same external id or Idempotency-Key, WebSocket subscribers resume from
// their last seq. Prints a table of the figures and exits 1 when any
// must-be-zero count (lost, duplicated, gaps, ...) is not zero.
//   node bench/crash_consistency.mjs [--ingests N] [--sends N] [--kills N]
//     [--concurrency N] [--subscribers N] [--seed N] [--demo N] [--verbose]
// Every flag has an environment twin: CRASH_INGESTS, CRASH_SENDS, CRASH_KILLS,
// CRASH_CONCURRENCY, CRASH_SUBSCRIBERS, CRASH_SEED, CRASH_DEMO, CRASH_VERBOSE.
// Needs build/native/src/server/chats_server (cmake --build build/native
// --target chats_server); CHATS_SERVER names another binary. The core is
// tests/system/lib/crash-run.mjs, which tests/system/ingest-crash.test.mjs
// runs with small numbers in the test command.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaults, formatReport, mustBeZero, runCrashConsistency }
  from '../tests/system/lib/crash-run.mjs';

const options = {
  ingests: 5000, sends: 1000, kills: 10, concurrency: 12, subscribers: 2,
  seed: defaults.seed, demo: defaults.demo,
};
const names = Object.keys(options);
for (const name of names) {
  const env = process.env['CRASH_' + name.toUpperCase()];
  if (env !== undefined && env !== '') options[name] = Number(env);
}
let verbose = Boolean(process.env.CRASH_VERBOSE);
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const name = args[i].replace(/^--/, '');
  if (name === 'verbose') { verbose = true; continue; }
  if (name === 'help' || !names.includes(name) || i + 1 >= args.length ||
      !Number.isFinite(Number(args[i + 1]))) {
    console.error(`usage: node bench/crash_consistency.mjs ${names.map((n) => `[--${n} N]`).join(' ')}` +
      ' [--verbose]');
    process.exit(2);
  }
  options[name] = Number(args[++i]);
}

const binary = path.resolve(process.env.CHATS_SERVER || 'build/native/src/server/chats_server');
// The server needs a static folder; the client's site when it is built, else an empty one.
let site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
let emptySite = '';
if (!fs.existsSync(site)) site = emptySite = fs.mkdtempSync(path.join(os.tmpdir(), 'chats-site-'));

const started = Date.now();
const log = verbose
  ? (what) => console.error(`${((Date.now() - started) / 1000).toFixed(1)} s ${what}`) : undefined;
console.log(`crash consistency: ${options.ingests} ingests + ${options.sends} sends, ` +
  `${options.kills} kills, concurrency ${options.concurrency}, ${options.subscribers} ` +
  `subscribers, seed ${options.seed}`);
let figures;
try {
  figures = await runCrashConsistency({ ...options, binary, site, log });
} finally {
  if (emptySite) fs.rmSync(emptySite, { recursive: true, force: true });
}
console.log(formatReport(figures));
const failing = Object.entries(mustBeZero(figures)).filter(([, v]) => v !== 0);
for (const s of figures.subscribers) for (const p of s.problems) console.log(`  subscriber: ${p}`);
if (failing.length) {
  console.log(`FAILED: ${failing.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  process.exit(1);
}
console.log('every must-be-zero count is 0');
