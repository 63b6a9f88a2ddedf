// Crash consistency of the write path, shared by the rerunnable tool
// (bench/crash_consistency.mjs) and the short test in the test command
// (tests/system/ingest-crash.test.mjs).
//
// A real chats_server on a temporary data folder takes `ingests` messages
// (POST /api/ingest, each with its own external id) and `sends` operator
// replies (POST /api/dialogs/{id}/messages, each with its own Idempotency-Key)
// from `concurrency` parallel clients, while it is killed with SIGKILL `kills`
// times at random moments (after a random share of the requests was answered)
// and restarted on the same data. A request that got no answer (the
// connection refused or cut) is sent again, the same external id or key,
// until it gets one. Meanwhile `subscribers` WebSocket clients follow
// /api/events and, after each crash, reconnect with `after=` their last seq.
// Then it counts, from the API (and from the database with the sqlite3 CLI
// when it is installed): acknowledged but missing, present twice, an answer's
// id that is not the stored one, and per subscriber the sequence numbers
// skipped or seen twice, resyncs, and events of messages that do not exist.
//
// The randomness (which source, client and dialog, the order of the requests,
// the kill moments, the down times) comes from `seed`: the same seed makes the
// same requests and kills them after the same shares of answers; the exact
// instant of a kill within the traffic still depends on the machine.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startChatsServer } from '../../browser/lib/chats-server.mjs';
import { connectWebSocket } from './ws-client.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const OWNER = { email: 'owner@romashka.ru', password: 'demo1234' };

// mulberry32: small, fast and the same on every machine.
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const defaults = {
  ingests: 400, sends: 100, kills: 3, concurrency: 12, subscribers: 2, seed: 1, demo: 300,
  requestTimeoutMs: 15000, giveUpMs: 120000, catchUpMs: 30000,
};

export async function runCrashConsistency(options) {
  const o = { ...defaults, ...options };
  const log = o.log || (() => {});
  const random = seededRandom(o.seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const started = Date.now();
  const server = await startChatsServer({ binary: o.binary, site: o.site, demo: o.demo });
  const f = {  // the figures
    ingests: o.ingests, sends: o.sends, concurrency: o.concurrency, seed: o.seed,
    kills: 0, restartMs: [], attempts: 0, noAnswer: 0, timeouts: 0, retried: 0,
    foundOnRetry: 0, errorAnswers: {}, neverAnswered: 0, unexpected: 0,
    lost: 0, duplicated: 0, idMismatch: 0, textMismatch: 0,
    subscribers: [], sqlite: null, seconds: 0,
  };
  try {
    // ---- set-up: a session, the sources to ingest into, dialogs to answer in
    let token = (await server.api('POST', 'api/login', OWNER)).token;
    let relogin = null;
    const login = () => {
      relogin ||= (async () => {
        for (;;) {
          try {
            const r = await fetch(server.url + 'api/login', { method: 'POST',
              headers: { 'content-type': 'application/json' }, body: JSON.stringify(OWNER) });
            if (r.ok) { token = (await r.json()).token; return; }
          } catch (e) { /* down: again */ }
          await sleep(100);
        }
      })().finally(() => { relogin = null; });
      return relogin;
    };
    const directory = await server.api('GET', 'api/directory', null, token);
    const sources = directory.sources.map((s) => s.id).sort((a, b) => a - b);
    if (!sources.length) throw new Error('the demo account has no sources');
    const dialogs = [];
    for (const mode of ['new', 'accepted']) {
      const list = await server.api('GET', `api/dialogs?mode=${mode}&limit=50`, null, token);
      dialogs.push(...list.rows.map((r) => r.dialog.id));
    }
    dialogs.sort((a, b) => a - b);
    if (!dialogs.length) throw new Error('the demo account has no dialogs to answer in');

    const tag = `cc${o.seed}`;
    const ops = [];
    const clients = Math.max(1, Math.round(o.ingests / 8));
    for (let i = 0; i < o.ingests; i++) {
      ops.push({ kind: 'ingest', n: i, body: { source_id: pick(sources),
        external_id: `${tag}-in-${i}`, text: `${tag} in ${i}`,
        client: { identity: `${tag}-client-${Math.floor(random() * clients)}`,
          name: `Клиент ${tag}` } } });
    }
    for (let j = 0; j < o.sends; j++) {
      ops.push({ kind: 'send', n: j, dialog: pick(dialogs), key: `${tag}-out-${j}`,
        body: { text: `${tag} out ${j}` } });
    }
    for (let i = ops.length - 1; i > 0; i--) {  // Fisher–Yates, seeded
      const k = Math.floor(random() * (i + 1));
      [ops[i], ops[k]] = [ops[k], ops[i]];
    }
    // Kill after these counts of answered requests, each then after 0–20 ms,
    // and stay down 0–300 ms (requests meanwhile are refused and retried).
    const killAt = Array.from({ length: o.kills }, () => ({
      after: Math.floor((0.05 + 0.9 * random()) * ops.length), delay: random() * 20,
      down: random() * 300 })).sort((a, b) => a.after - b.after);

    // ---- subscribers: every event in order, resumed after each crash
    let running = true;
    const subs = [];
    for (let s = 0; s < o.subscribers; s++) subs.push(await subscribe(s));

    async function subscribe(index) {
      const sub = { index, last: -1, first: -1, events: 0, gaps: 0, duplicates: 0,
        resyncs: 0, connects: 0, refusals: 0, added: new Map(), updated: new Set(),
        dialogs: new Set(), ws: null, problems: [] };
      const onText = (text) => {
        let e;
        try { e = JSON.parse(text); } catch (x) { sub.problems.push('unparsable frame'); return; }
        if (e.kind === 'hello') {
          if (sub.last < 0) { sub.last = e.seq; sub.first = e.seq; }
          // At hello the backlog is complete: anything between is lost to it.
          if (e.seq > sub.last) {
            sub.gaps += e.seq - sub.last;
            sub.problems.push(`hello at ${e.seq} after ${sub.last}`);
            sub.last = e.seq;
          }
          return;
        }
        if (e.kind === 'resync') {
          sub.resyncs++;
          sub.problems.push(`resync to ${e.seq} from ${sub.last}`);
          sub.last = e.seq;
          return;
        }
        if (typeof e.seq !== 'number' || !e.seq) return;  // heartbeat, presence, pong
        sub.events++;
        if (e.seq <= sub.last) {
          sub.duplicates++;
        } else {
          if (e.seq > sub.last + 1) {
            sub.gaps += e.seq - sub.last - 1;
            sub.problems.push(`seq ${e.seq} after ${sub.last}`);
          }
          sub.last = e.seq;
        }
        if (e.row && e.row.dialog) sub.dialogs.add(e.row.dialog.id);
        if (e.kind === 'message_added' && e.message) {
          sub.added.set(e.message.id, (sub.added.get(e.message.id) || 0) + 1);
        } else if (e.kind === 'message_updated' && e.message) {
          sub.updated.add(e.message.id);
        }
      };
      const connect = async () => {
        while (running || sub.catchingUp) {
          const after = sub.last >= 0 ? `&after=${sub.last}` : '';
          try {
            const ws = await connectWebSocket(
              `ws://127.0.0.1:${server.port}/api/events?token=${token}${after}`);
            sub.connects++;
            sub.ws = ws;
            ws.onmessage = onText;
            ws.onclose = () => { sub.ws = null; if (running || sub.catchingUp) connect(); };
            return;
          } catch (e) {
            if (e.status === 401) await login();
            else if (e.status) sub.refusals++;
            await sleep(50);
          }
        }
      };
      await connect();
      for (let i = 0; i < 200 && sub.last < 0; i++) await sleep(10);  // its hello
      return sub;
    }

    // ---- the requests, each until it is answered
    let answered = 0;
    async function perform(op) {
      const route = op.kind === 'ingest' ? 'api/ingest' : `api/dialogs/${op.dialog}/messages`;
      let failedOnce = false;
      for (const giveUpAt = Date.now() + o.giveUpMs; Date.now() < giveUpAt;) {
        f.attempts++;
        const headers = { 'content-type': 'application/json', authorization: 'Bearer ' + token };
        if (op.key) headers['idempotency-key'] = op.key;
        let status = 0, json = null, replay = false;
        try {
          const r = await fetch(server.url + route, { method: 'POST', headers,
            body: JSON.stringify(op.body), signal: AbortSignal.timeout(o.requestTimeoutMs) });
          status = r.status;
          replay = r.headers.get('idempotent-replay') === 'true';
          json = await r.json();
        } catch (e) {
          // No answer (refused, cut, or the body cut short): the same request again.
          if (e.name === 'TimeoutError') f.timeouts++;
          f.noAnswer++;
          failedOnce = true;
          await sleep(20 + 30 * Math.random());
          continue;
        }
        if (status === 401) { await login(); continue; }
        if (status === 201 || (status === 200 && json.duplicate)) {
          if (failedOnce) f.retried++;
          if (status === 200 || replay) f.foundOnRetry++;
          op.messageId = status === 201 ? json.message.id : json.message_id;
          op.dialogId = status === 201 ? json.row.dialog.id : json.dialog_id;
          op.acked = true;
          answered++;
          return;
        }
        // An answer that is not an acknowledgement: counted, and the request tried again.
        const code = `${status} ${json && json.error ? json.error.code : ''}`.trim();
        f.errorAnswers[code] = (f.errorAnswers[code] || 0) + 1;
        if (status < 500) f.unexpected++;
        failedOnce = true;
        await sleep(50);
      }
      f.neverAnswered++;
      answered++;
    }

    let next = 0;
    const workers = Array.from({ length: o.concurrency }, async () => {
      while (next < ops.length) await perform(ops[next++]);
    });
    const killer = (async () => {
      for (const k of killAt) {
        while (answered < k.after) await sleep(2);
        await sleep(k.delay);
        await server.kill();
        f.kills++;
        log(`kill ${f.kills} after ${answered} of ${ops.length} answers`);
        await sleep(k.down);
        const t = Date.now();
        await server.restart();
        f.restartMs.push(Date.now() - t);
      }
    })();
    await Promise.all([...workers, killer]);
    log(`every request answered, ${f.kills} kills`);

    // ---- every subscriber reaches the log's end
    const finalSeq = await (async () => {
      for (;;) {
        try {
          const ws = await connectWebSocket(
            `ws://127.0.0.1:${server.port}/api/events?token=${token}`);
          const seq = await new Promise((resolve) => {
            ws.onmessage = (t) => { const e = JSON.parse(t); if (e.kind === 'hello') resolve(e.seq); };
          });
          ws.close();
          return seq;
        } catch (e) { await sleep(100); }
      }
    })();
    for (const sub of subs) sub.catchingUp = true;
    running = false;
    const deadline = Date.now() + o.catchUpMs;
    while (subs.some((s) => s.last < finalSeq) && Date.now() < deadline) await sleep(20);
    for (const sub of subs) { sub.catchingUp = false; if (sub.ws) sub.ws.close(); }

    // ---- what is stored, read back through the API
    const touched = new Set(ops.filter((op) => op.acked).map((op) => op.dialogId));
    for (const op of ops) if (op.kind === 'send') touched.add(op.dialog);
    for (const sub of subs) for (const d of sub.dialogs) touched.add(d);
    const stored = new Map();  // message id -> message
    const byExternal = new Map(), byText = new Map();
    for (const dialog of touched) {
      let before = 0;
      do {
        const page = await server.api('GET',
          `api/dialogs/${dialog}/messages?limit=200${before ? '&before=' + before : ''}`, null,
          token);
        for (const m of page.messages) {
          stored.set(m.id, m);
          if (m.text && m.text.startsWith(tag + ' ')) {
            if (!byText.has(m.text)) byText.set(m.text, []);
            byText.get(m.text).push(m);
          }
          if (m.external_id && m.external_id.startsWith(tag + '-')) {
            if (!byExternal.has(m.external_id)) byExternal.set(m.external_id, []);
            byExternal.get(m.external_id).push(m);
          }
        }
        before = page.next_before;
      } while (before);
    }
    const ackedIds = new Set();
    for (const op of ops) {
      if (!op.acked) continue;
      ackedIds.add(op.messageId);
      const found = op.kind === 'ingest' ? byExternal.get(op.body.external_id) || []
        : byText.get(op.body.text) || [];
      if (!found.length) { f.lost++; log(`lost: ${op.kind} ${op.n}`); continue; }
      if (found.length > 1) { f.duplicated++; log(`twice: ${op.kind} ${op.n}`); }
      if (!found.some((m) => m.id === op.messageId)) f.idMismatch++;
      if (!found.some((m) => m.text === op.body.text)) f.textMismatch++;
    }

    for (const sub of subs) {
      let missingEvents = 0, twiceEvents = 0, ghost = 0;
      for (const id of ackedIds) {
        const n = sub.added.get(id) || 0;
        if (n === 0) missingEvents++;
        if (n > 1) twiceEvents++;
      }
      for (const id of [...sub.added.keys(), ...sub.updated]) if (!stored.has(id)) ghost++;
      f.subscribers.push({ events: sub.events, connects: sub.connects, gaps: sub.gaps,
        duplicates: sub.duplicates, resyncs: sub.resyncs, missingEvents, twiceEvents, ghost,
        reachedEnd: sub.last >= finalSeq, from: sub.first, to: sub.last, finalSeq,
        problems: sub.problems.slice(0, 10) });
    }

    // ---- the same from the database itself, when the sqlite3 CLI is there
    f.sqlite = sqliteCounts(path.join(server.dataDir, 'inbox.sqlite3'), tag);
    f.seconds = (Date.now() - started) / 1000;
    return f;
  } catch (e) {
    e.message += '\nserver log (tail):\n' + server.log().slice(-4000);
    throw e;
  } finally {
    await server.stop();
  }
}

function sqliteCounts(db, tag) {
  if (!fs.existsSync(db)) return null;
  const sql = `SELECT
    (SELECT count(*) FROM messages WHERE external_id LIKE '${tag}-in-%'),
    (SELECT count(DISTINCT external_id) FROM messages WHERE external_id LIKE '${tag}-in-%'),
    (SELECT count(*) FROM messages WHERE text LIKE '${tag} out %'),
    (SELECT count(DISTINCT text) FROM messages WHERE text LIKE '${tag} out %');`;
  const r = spawnSync('sqlite3', ['-readonly', db, sql], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;  // no CLI: the API's counts stand alone
  const [ingested, distinctIngested, sent, distinctSent] = r.stdout.trim().split('|').map(Number);
  return { ingested, distinctIngested, sent, distinctSent };
}

// The must-be-zero figures, each with its name: what the test asserts and the
// tool's exit code.
export function mustBeZero(f) {
  const sum = (k) => f.subscribers.reduce((a, s) => a + s[k], 0);
  const zero = {
    'acknowledged but missing': f.lost,
    'present twice': f.duplicated,
    'answer names another message': f.idMismatch,
    'stored text differs': f.textMismatch,
    'never answered': f.neverAnswered,
    'refused (4xx) answers': f.unexpected,
    'subscriber seq gaps': sum('gaps'),
    'subscriber seq duplicates': sum('duplicates'),
    'subscriber resyncs': sum('resyncs'),
    'acknowledged messages without their event': sum('missingEvents'),
    'messages with their event twice': sum('twiceEvents'),
    'events of messages that do not exist': sum('ghost'),
    'subscribers that did not reach the end': f.subscribers.filter((s) => !s.reachedEnd).length,
  };
  if (f.sqlite) {
    const acked = f.ingests, sent = f.sends;
    zero['database: ingests not stored exactly once'] =
      Math.abs(f.sqlite.ingested - acked) + (f.sqlite.ingested - f.sqlite.distinctIngested);
    zero['database: sends not stored exactly once'] =
      Math.abs(f.sqlite.sent - sent) + (f.sqlite.sent - f.sqlite.distinctSent);
  }
  return zero;
}

export function formatReport(f) {
  const rows = [];
  const add = (name, value, must = '') => rows.push(`| ${name} | ${value} | ${must} |`);
  const ms = [...f.restartMs].sort((a, b) => a - b);
  add('requests (ingests + operator sends)', `${f.ingests + f.sends} (${f.ingests} + ${f.sends})`);
  add('concurrency, seed', `${f.concurrency}, ${f.seed}`);
  add('kills (SIGKILL), restart to first answer', `${f.kills}, median ${ms[ms.length >> 1] ?? 0} ms`);
  add('HTTP attempts', f.attempts);
  add('attempts without an answer (retried)', f.noAnswer);
  add('requests answered after a retry', f.retried);
  add('... of which already written (duplicate / idempotent replay)', f.foundOnRetry);
  const errors = Object.entries(f.errorAnswers).map(([k, v]) => `${k}: ${v}`).join(', ');
  add('error answers (retried)', errors || 'none');
  add('request timeouts', f.timeouts);
  const zero = mustBeZero(f);
  for (const [name, value] of Object.entries(zero)) add(name, value, '0');
  for (const [i, s] of f.subscribers.entries()) {
    add(`subscriber ${i + 1}: events, connections`, `${s.events} (seq ${s.from + 1}..${s.to}), ${s.connects}`);
  }
  if (f.sqlite) {
    add('database rows (ingests, sends)', `${f.sqlite.ingested}, ${f.sqlite.sent}`);
  } else {
    add('database rows', 'not read (no sqlite3 CLI)');
  }
  add('run time', `${f.seconds.toFixed(1)} s`);
  return ['| figure | value | must be |', '|---|---|---|', ...rows].join('\n');
}
