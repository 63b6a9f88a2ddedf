// A crowd of slow clients does not stop the server answering others
// (docs/limits.md). For a few seconds, from their own loopback addresses:
// clients that send a request header a byte a second, clients that send a
// body a byte a second, and WebSocket subscribers that never read while
// events are produced through /api/ingest/batch. Meanwhile a normal client
// keeps calling the API and a normal subscriber keeps reading. The normal
// ones are all answered with a bounded latency; the slow ones are cut by
// their deadlines, by the per-address cap or by their queue's bound; the
// server's memory stays bounded; and a dropped subscriber resumes from its
// last seq with every event and no gap.
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { test, assert, runAndExit } from '../browser/lib/harness.mjs';
import { startChatsServer } from '../browser/lib/chats-server.mjs';
import { openRawWebSocket } from './lib/raw-websocket.mjs';

const binary = path.resolve(process.env.CHATS_SERVER || 'build/native/src/server/chats_server');
const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The limits under test, smaller than the defaults so the test is short.
const HEADER_TIMEOUT_MS = 3000;
const BODY_TIMEOUT_MS = 3000;
const PER_ADDRESS = 200;
// Above one batch's burst of events (a reader that keeps up is never dropped),
// far below what the slow readers are sent.
const WS_QUEUED_MESSAGES = 256;
const WS_QUEUED_BYTES = 1024 * 1024;
const WS_CLOSE_WRITE_MS = 5000;  // Limits::ws_close_write_timeout
const SLACK_MS = 2500;  // a noisy machine's margin on every deadline

const HEADER_CROWD = Number(process.env.OVERLOAD_HEADER_CROWD ?? 220);  // 20 over the cap
const BODY_CROWD = Number(process.env.OVERLOAD_BODY_CROWD ?? 150);
const WS_CROWD = Number(process.env.OVERLOAD_WS_CROWD ?? 50);
const CROWD_MS = Number(process.env.OVERLOAD_CROWD_MS || 12000);
// OVERLOAD_HEADER_CROWD=0 OVERLOAD_BODY_CROWD=0 OVERLOAD_WS_CROWD=0: the same
// normal client and events without the crowd, for a baseline latency.
const BATCHES = 20;
const BATCH_SIZE = 50;
const TEXT = 'Очень длинное сообщение. '.repeat(180);  // ~8 KB an event (the limit is 10,000)

const server = await startChatsServer({ binary, site, demo: 50, args: [
  '--header-timeout', String(HEADER_TIMEOUT_MS / 1000),
  '--body-timeout', String(BODY_TIMEOUT_MS / 1000), '--body-min-rate', '1024',
  '--max-connections-per-address', String(PER_ADDRESS),
  '--ws-max-queued-messages', String(WS_QUEUED_MESSAGES), '--ws-max-queued-bytes', String(WS_QUEUED_BYTES),
  '--log-level', 'warn'] });
const token = (await server.api('POST', 'api/login',
  { email: 'owner@romashka.ru', password: 'demo1234' })).token;
const source = (await server.api('GET', 'api/directory', null, token)).sources[0];
const eventsPath = `/api/events?token=${encodeURIComponent(token)}`;

function rssKiB() {
  const status = fs.readFileSync(`/proc/${server.pid()}/status`, 'utf8');
  const rss = /VmRSS:\s+(\d+)/.exec(status);
  assert(rss, 'the server is running');
  return Number(rss[1]);
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

// One raw connection that sends `first` at once, then `trickle` a byte every
// `everyMs`; resolves when the server ends it (or a safety cut at 20 s, which
// would mean no deadline did).
function slowConnection({ localAddress, first, trickle, everyMs }) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port: server.port, localAddress });
    let connectedAt = 0;
    let received = 0;
    let sent = 0;
    let timer = null;
    let safety = null;
    let done = false;
    const finish = (cutByUs) => {
      if (done) return;
      done = true;
      clearInterval(timer);
      clearTimeout(safety);
      socket.destroy();
      resolve({ lifetime: connectedAt ? Date.now() - connectedAt : 0, received, cutByUs });
    };
    socket.on('connect', () => {
      connectedAt = Date.now();
      socket.write(first);
      timer = setInterval(() => {
        if (sent < trickle.length) socket.write(trickle[sent++]);
      }, everyMs);
      safety = setTimeout(() => finish(true), 20000);
    });
    socket.on('data', (chunk) => { received += chunk.length; });
    socket.on('end', () => finish(false));
    socket.on('close', () => finish(false));
    socket.on('error', () => finish(false));
  });
}

// Keeps one slow client going until `until`, reconnecting when it is cut.
async function crowdSlot(options, until, results) {
  while (Date.now() < until) {
    const r = await slowConnection(options);
    results.push(r);
    if (r.lifetime < 500) await sleep(200);  // refused on accept: no busy loop
  }
}

async function timedFetch(route) {
  const started = performance.now();
  try {
    const r = await fetch(server.url + route, { headers: { authorization: 'Bearer ' + token } });
    await r.arrayBuffer();
    return { ok: r.status === 200, status: r.status, ms: performance.now() - started };
  } catch (e) {
    return { ok: false, status: String(e), ms: performance.now() - started };
  }
}

function seqsOf(events) {
  return events.filter((e) => typeof e.seq === 'number' && e.kind !== 'hello' &&
    e.kind !== 'resync').map((e) => e.seq);
}

test('slow headers, slow bodies and non-reading subscribers do not stop the others', async () => {
  const rssBefore = rssKiB();
  const watcher = await openRawWebSocket({ port: server.port, path: eventsPath });
  await watcher.until((es) => es.some((e) => e.kind === 'hello'), 5000);
  const startSeq = watcher.events.find((e) => e.kind === 'hello').seq;

  const readers = [];
  for (let i = 0; i < WS_CROWD; i++) {
    const ws = await openRawWebSocket({ port: server.port, path: eventsPath,
      localAddress: '127.0.0.4' });
    await ws.until((es) => es.some((e) => e.kind === 'hello'), 5000);
    ws.pause();  // never reads again (until the end of the test)
    readers.push(ws);
  }

  const until = Date.now() + CROWD_MS;
  const headerResults = [];
  const bodyResults = [];
  const crowd = [];
  for (let i = 0; i < HEADER_CROWD; i++) {
    crowd.push(crowdSlot({ localAddress: '127.0.0.2', first: 'GET /api/me HTTP/1.1\r\nHost: x\r\n',
      trickle: 'X-Slow: ' + 'a'.repeat(100), everyMs: 1000 }, until, headerResults));
  }
  for (let i = 0; i < BODY_CROWD; i++) {
    crowd.push(crowdSlot({ localAddress: '127.0.0.3',
      first: 'POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 1000\r\n\r\n',
      trickle: '{' + ' '.repeat(998) + '}', everyMs: 1000 }, until, bodyResults));
  }

  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    try { rssPeak = Math.max(rssPeak, rssKiB()); } catch (e) { clearInterval(sampler); }
  }, 200);
  const latencies = [];
  const failures = [];
  let normal = true;
  const client = (async () => {
    for (let i = 0; normal; i++) {
      const r = await timedFetch(i % 2 ? 'api/me' : 'api/dialogs?limit=20');
      latencies.push(r.ms);
      if (!r.ok) failures.push(r.status);
      await sleep(20);
    }
  })();

  await sleep(1000);  // the crowd is in place
  let ingested = 0;
  for (let b = 0; b < BATCHES; b++) {
    const messages = Array.from({ length: BATCH_SIZE }, (_, i) => ({ source_id: source.id,
      external_id: `overload-${b}-${i}`, client: { identity: `overload-client-${i % 10}`,
        name: `Клиент ${i % 10}` }, text: `${b}.${i} ${TEXT}` }));
    const { results } = await server.api('POST', 'api/ingest/batch', { messages }, token);
    ingested += results.filter((r) => r.status === 201).length;
    await sleep(250);
  }
  const producedAt = Date.now();
  await Promise.all(crowd);
  normal = false;
  await client;
  assert(ingested === BATCHES * BATCH_SIZE, `every message was ingested: ${ingested}`);
  // Overflowed readers are closed once their stuck write gives up.
  await sleep(Math.max(0, producedAt + WS_CLOSE_WRITE_MS + SLACK_MS - Date.now()));
  clearInterval(sampler);
  const rssAfter = rssKiB();

  // The normal client: every request answered, quickly enough.
  const p50 = percentile(latencies, 0.5);
  const p99 = percentile(latencies, 0.99);
  console.log(`normal client: ${latencies.length} requests, p50 ${p50.toFixed(1)} ms, ` +
    `p99 ${p99.toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms, ` +
    `${failures.length} failed`);
  assert(failures.length === 0, `every normal request succeeded: ${failures.slice(0, 5)}`);
  assert(latencies.length > 100, `the normal client kept going: ${latencies.length} requests`);
  assert(p99 < 2000, `normal p99 under 2 s: ${p99.toFixed(1)} ms`);

  // The slow ones: cut by the server within their deadlines, never answered.
  for (let [name, results, deadline, size] of [
    ['header', headerResults, HEADER_TIMEOUT_MS, HEADER_CROWD],
    ['body', bodyResults, BODY_TIMEOUT_MS, BODY_CROWD]]) {
    if (!size) continue;  // the baseline run, without a crowd (docs/benchmarks.md)
    name = `slow-${name} client`;
    const accepted = results.filter((r) => r.lifetime >= 1000);
    const refused = results.length - accepted.length;
    const longest = Math.max(...accepted.map((r) => r.lifetime));
    console.log(`${name}s: ${results.length} connections, ${accepted.length} cut after ` +
      `${Math.min(...accepted.map((r) => r.lifetime))}..${longest} ms, ${refused} refused on accept`);
    assert(results.every((r) => !r.cutByUs), `every ${name} was closed by the server`);
    assert(results.every((r) => r.received === 0), `no ${name} got an answer`);
    assert(accepted.length > 0, `some ${name}s were accepted`);
    assert(longest <= deadline + SLACK_MS, `${name}s cut within ${deadline} ms: ${longest}`);
    // The client notices its connect a little after the server's accept starts the clock.
    assert(accepted.every((r) => r.lifetime >= deadline - 1000),
      `no ${name} was cut long before its deadline`);
  }
  const headerRefused = headerResults.filter((r) => r.lifetime < 1000).length;
  assert(headerRefused >= HEADER_CROWD - PER_ADDRESS,
    `connections over the per-address cap were refused: ${headerRefused}`);

  // Memory: the non-reading subscribers held at most their queue's bound.
  console.log(`server RSS: ${(rssBefore / 1024).toFixed(1)} MiB before, peak ` +
    `${(rssPeak / 1024).toFixed(1)} MiB, ${(rssAfter / 1024).toFixed(1)} MiB after`);
  assert(rssPeak - rssBefore < 150 * 1024, `RSS grew by under 150 MiB: ${rssPeak - rssBefore} KiB`);

  // The normal subscriber got every event; each slow one was dropped.
  await watcher.until((es) => seqsOf(es).length >= ingested, 10000,
    `the reading subscriber's ${ingested} events (has ${seqsOf(watcher.events).length})`);
  const expected = seqsOf(watcher.events).filter((s) => s > startSeq);
  assert(!watcher.ended, 'the reading subscriber was never dropped');
  if (!readers.length) return watcher.close();
  for (const ws of readers) ws.resume();
  await Promise.all(readers.map((ws) => ws.until((es, w) => w.ended, 10000,
    `the server to drop a slow subscriber (${readers.filter((w) => w.ended).length} dropped)`)));
  console.log(`slow subscribers: ${readers.length} dropped, each had received ` +
    `${Math.min(...readers.map((w) => seqsOf(w.events).length))}..` +
    `${Math.max(...readers.map((w) => seqsOf(w.events).length))} of ${expected.length} events`);
  assert(readers.every((w) => seqsOf(w.events).length < expected.length),
    'every slow subscriber was dropped before it had every event');

  // A dropped subscriber resumes from its last seq: every event, in order, no gap.
  for (const dropped of readers.filter((_, i) => i % 10 === 0)) {
    const seen = seqsOf(dropped.events);
    const last = seen.length ? seen[seen.length - 1] : startSeq;
    const again = await openRawWebSocket({ port: server.port, path: `${eventsPath}&after=${last}` });
    await again.until((es) => es.some((e) => e.kind === 'hello' || e.kind === 'resync'), 15000);
    again.close();
    assert(!again.events.some((e) => e.kind === 'resync'), 'the resume is served, not a resync');
    const got = [...seen, ...seqsOf(again.events.slice(0,
      again.events.findIndex((e) => e.kind === 'hello')))];
    assert(JSON.stringify(got) === JSON.stringify(expected),
      `resumed from ${last}: ${got.length} events, expected ${expected.length}, first ` +
      `difference at ${got.findIndex((s, i) => s !== expected[i])}`);
  }
  watcher.close();
});

await runAndExit(() => server.stop());
