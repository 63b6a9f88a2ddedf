// Crash consistency, the short run of bench/crash_consistency.mjs: ingests
// and operator sends from 12 parallel clients while the server is killed with
// SIGKILL three times and restarted on the same data; every request without an
// answer is sent again with the same external id or Idempotency-Key, and two
// WebSocket subscribers resume after each crash from their last seq. Nothing
// acknowledged is missing, nothing is stored twice, and no subscriber skips or
// repeats an event. CRASH_INGESTS, CRASH_SENDS, CRASH_KILLS, CRASH_SEED scale it.
import path from 'node:path';
import { test, assert, runAndExit } from '../browser/lib/harness.mjs';
import { formatReport, mustBeZero, runCrashConsistency } from './lib/crash-run.mjs';

const binary = path.resolve(process.env.CHATS_SERVER || 'build/native/src/server/chats_server');
const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const number = (name, fallback) => Number(process.env[name] || fallback);

test('ingests and sends through SIGKILLs: nothing lost, nothing twice, no event skipped', async () => {
  const f = await runCrashConsistency({ binary, site,
    ingests: number('CRASH_INGESTS', 320), sends: number('CRASH_SENDS', 80),
    kills: number('CRASH_KILLS', 3), seed: number('CRASH_SEED', 18), concurrency: 12,
    subscribers: 2,
    log: process.env.CRASH_DEBUG ? (s) => console.error(s) : undefined });
  console.log(formatReport(f));
  assert(f.kills === number('CRASH_KILLS', 3), `the server was killed ${f.kills} times`);
  for (const [name, value] of Object.entries(mustBeZero(f))) {
    assert(value === 0, `${name}: ${value} (${JSON.stringify(f.subscribers.map((s) => s.problems))})`);
  }
});

await runAndExit();
