// Two server processes on one PostgreSQL database behind nginx, as
// scripts/cluster.sh starts them: what one commits reaches the subscribers,
// the list and the caches of the other, in seq order, with no gap and no
// duplicate, also when both commit at once; a logout, presence and the
// channels' lock are shared; and killing a process while operators work
// through nginx loses nothing: their clients reconnect to the other and
// resume from their seq.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, assert, runAndExit } from '../browser/lib/harness.mjs';
import { connectWebSocket } from './lib/ws-client.mjs';

const OWNER = { email: 'owner@romashka.ru', password: 'demo1234' };
const PORT = 18500 + (process.pid % 500) * 4;  // nginx; the servers on PORT+1, PORT+2
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chats-cluster-'));
fs.chmodSync(dir, 0o755);  // PostgreSQL runs as its own user
const cluster = (...args) => execFileSync('scripts/cluster.sh', args,
  { env: { ...process.env, CHATS_SERVER_ARGS: '--demo 300' }, encoding: 'utf8' });
const base = (n) => `http://127.0.0.1:${PORT + n}/`;  // 0: nginx
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function api(url, method, route, body, token, headers = {}) {
  const r = await fetch(url + route, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: 'Bearer ' + token } : {}),
      ...headers },
    body: body == null ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15000),
  });
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch (e) { /* not JSON */ }
  return { status: r.status, json, text };
}

async function login(n) {
  const r = await api(base(n), 'POST', 'api/login', OWNER);
  assert(r.status === 200, `login on ${n}: ${r.status} ${r.text}`);
  return r.json.token;
}

// A subscriber of one process (or of nginx): every event it got, in order.
async function subscribe(n, token, after = null) {
  const url = base(n).replace('http', 'ws') + 'api/events?token=' + token +
    (after == null ? '' : '&after=' + after);
  const ws = await connectWebSocket(url);
  const sub = { ws, events: [], hello: null, closed: false };
  ws.onmessage = (text) => {
    const e = JSON.parse(text);
    if (e.kind === 'hello') sub.hello = e.seq;
    else if (e.kind !== 'heartbeat' && e.kind !== 'pong') sub.events.push(e);
  };
  ws.onclose = () => { sub.closed = true; };
  for (let i = 0; i < 100 && sub.hello == null; i++) await sleep(50);
  assert(sub.hello != null, `no hello from ${n}`);
  return sub;
}

async function waitFor(what, check, ms = 10000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error('timed out waiting for ' + what);
}

const seqs = (sub) => sub.events.filter((e) => e.seq).map((e) => e.seq);

// Every seq from `from` on, once and in order.
function assertContiguous(list, from, label) {
  for (let i = 0; i < list.length; i++) {
    assert(list[i] === from + i, `${label}: seq ${list[i]} at position ${i}, expected ${from + i}` +
      ` (${list.slice(Math.max(0, i - 3), i + 3).join(',')})`);
  }
}

async function someDialog(n, token, mode = 'accepted') {
  const r = await api(base(n), 'GET', `api/dialogs?mode=${mode}&limit=20`, null, token);
  assert(r.status === 200 && r.json.rows.length > 0, `dialogs on ${n}: ${r.text.slice(0, 200)}`);
  return r.json.rows;
}

test('an event committed through one process reaches a subscriber and the list of the other', async () => {
  const tokenA = await login(1);
  const tokenB = await login(2);
  const sub = await subscribe(1, tokenA);
  const [row] = await someDialog(2, tokenB);
  const price = 1e12 + (Date.now() % 1e9);  // above every demo price
  const put = await api(base(2), 'PUT', `api/dialogs/${row.dialog.id}/price`, { price }, tokenB);
  assert(put.status === 200, `price via B: ${put.status} ${put.text}`);
  const changed = (e) => e.kind === 'dialog_changed' && e.row.dialog.id === row.dialog.id &&
    e.row.dialog.price === price;
  await waitFor('the change on A\'s stream', () => sub.events.some(changed));
  const event = sub.events.find(changed);
  assertContiguous(seqs(sub), sub.hello + 1, 'A\'s stream');
  // A's list index followed: the dialog is first by price, the list's seq covers the change.
  const list = await api(base(1), 'GET', 'api/dialogs?mode=accepted&limit=5&sort=price',
    null, tokenA);
  assert(list.status === 200, list.text);
  assert(list.json.seq >= event.seq, `A's list seq ${list.json.seq} < the change's ${event.seq}`);
  assert(list.json.rows[0].dialog.id === row.dialog.id,
    `A's list by price starts with ${list.json.rows[0].dialog.id}, not ${row.dialog.id}`);
  sub.ws.close();
});

test('two processes committing at once: both streams carry every seq once, in order', async () => {
  const tokens = [await login(1), await login(2)];
  const subs = [await subscribe(1, tokens[0]), await subscribe(2, tokens[1])];
  const rows = await someDialog(1, tokens[0]);
  const N = 300;
  const acked = new Set();
  await Promise.all(Array.from({ length: 20 }, async (_, worker) => {
    for (let i = worker; i < N; i += 20) {
      const n = 1 + (i % 2);
      const row = rows[i % rows.length];
      const r = await api(base(n), 'POST', `api/dialogs/${row.dialog.id}/notes`,
        { text: `parallel ${i}` }, tokens[n - 1], { 'idempotency-key': `par-${PORT}-${i}` });
      assert(r.status === 201, `note ${i} via ${n}: ${r.status} ${r.text}`);
      acked.add(r.json.message.id);
    }
  }));
  const notes = (sub) => sub.events.filter((e) => e.kind === 'message_added' &&
    e.message.text.startsWith('parallel '));
  await waitFor('every note on both streams', () => subs.every((s) => notes(s).length >= N));
  const from = Math.max(subs[0].hello, subs[1].hello) + 1;
  for (const [i, s] of subs.entries()) {
    assertContiguous(seqs(s).filter((q) => q >= from), from, `stream ${i + 1}`);
    const ids = new Set(notes(s).map((e) => e.message.id));
    assert(ids.size === N && [...acked].every((id) => ids.has(id)),
      `stream ${i + 1}: ${ids.size} distinct notes of ${N}`);
  }
  assert(JSON.stringify(seqs(subs[0]).filter((q) => q >= from)) ===
    JSON.stringify(seqs(subs[1]).filter((q) => q >= from)), 'the two streams differ');
  for (const s of subs) s.ws.close();
});

test('a logout on one process ends the session on the other', async () => {
  const token = await login(1);
  assert((await api(base(2), 'GET', 'api/me', null, token)).status === 200, 'the session on B');
  assert((await api(base(1), 'POST', 'api/logout', {}, token)).status === 200, 'logout on A');
  await waitFor('a 401 on B', async () =>
    (await api(base(2), 'GET', 'api/me', null, token)).status === 401, 3000);
});

test('a directory change through one process shows in the other', async () => {
  const token = await login(1);
  const name = 'Тег ' + Date.now();
  const made = await api(base(1), 'POST', 'api/tags', { name }, token);
  assert(made.status === 201 || made.status === 200, `tag on A: ${made.status} ${made.text}`);
  await waitFor('the tag in B\'s directory', async () => {
    const d = await api(base(2), 'GET', 'api/directory', null, token);
    return d.json.tags.some((t) => t.name === name);
  }, 3000);
});

test('a file uploaded through one process is served by the other', async () => {
  const token = await login(1);
  const bytes = 'файл через процесс ' + Date.now();
  const up = await fetch(base(1) + 'api/uploads', { method: 'POST', body: bytes,
    headers: { authorization: 'Bearer ' + token, 'content-type': 'text/plain',
      'x-file-name': encodeURIComponent('заметка.txt') } });
  assert(up.status === 201, `upload on A: ${up.status}`);
  const { url } = await up.json();
  const got = await fetch(base(2) + url.replace(/^\//, ''),
    { headers: { authorization: 'Bearer ' + token } });
  assert(got.status === 200 && (await got.text()) === bytes, `the file on B: ${got.status}`);
});

test('presence reported on one process is heard by a subscriber of the other', async () => {
  const tokenA = await login(1);
  // Another operator of the account: presence is not sent back to its own reporter.
  const email = `cluster-${PORT}-${Date.now()}@romashka.ru`;
  const made = await api(base(1), 'POST', 'api/operators',
    { name: 'Второй', email, password: 'cluster-pass-1', role: 'admin' }, tokenA);
  assert(made.status === 201 || made.status === 200, `operator: ${made.status} ${made.text}`);
  const r = await api(base(2), 'POST', 'api/login', { email, password: 'cluster-pass-1' });
  assert(r.status === 200, r.text);
  const watcher = await subscribe(2, r.json.token);
  const reporter = await subscribe(1, tokenA);
  const [row] = await someDialog(1, tokenA);
  reporter.ws.send(JSON.stringify({ type: 'presence', dialog_id: row.dialog.id, state: 'typing' }));
  await waitFor('typing on B', () => watcher.events.some((e) => e.kind === 'presence' &&
    e.presence.dialog_id === row.dialog.id && e.presence.state === 'typing'), 5000);
  // A new subscriber on B is told who is in a dialog now.
  const late = await subscribe(2, r.json.token);
  await waitFor('the present on a new subscriber', () => late.events.some((e) =>
    e.kind === 'presence' && e.presence.dialog_id === row.dialog.id), 3000);
  reporter.ws.close();
  await waitFor('left on B', () => watcher.events.some((e) => e.kind === 'presence' &&
    e.presence.dialog_id === row.dialog.id && e.presence.state === 'left'), 5000);
  watcher.ws.close();
  late.ws.close();
});

test('one process runs the channels; when it dies, the other takes them over', async () => {
  const runs = (n) => fs.readFileSync(path.join(dir, `server-${n}.log`), 'utf8')
    .includes('this process runs the channels');
  await waitFor('a process running the channels', () => runs(1) || runs(2), 5000);
  assert(runs(1) !== runs(2), 'both processes run the channels');
  const leader = runs(1) ? 1 : 2;
  const other = 3 - leader;
  cluster('kill', dir, String(leader));
  await waitFor('the other taking the channels over', () => runs(other), 5000);
  cluster('restart', dir, String(leader));
  await sleep(1500);
  assert(!fs.readFileSync(path.join(dir, `server-${leader}.log`), 'utf8')
    .includes('this process runs the channels'), 'the restarted process took the channels too');
});

test('killing a process while operators work through nginx loses nothing', async () => {
  const token = await login(0);
  const rows = await someDialog(0, token);
  // Operators' subscribers through nginx, each resuming from its last seq after a drop.
  const streams = await Promise.all([0, 1, 2, 3].map(async () => {
    const s = { seqs: [], sub: null, resumes: 0, stop: false };
    const attach = async () => {
      const after = s.seqs.length ? s.seqs[s.seqs.length - 1] : null;
      for (;;) {
        try {
          s.sub = await subscribe(0, token, after);
          break;
        } catch (e) {
          await sleep(100);
        }
      }
      if (after == null) s.from = s.sub.hello + 1;
      s.sub.ws.onclose = () => {
        if (s.stop) return;
        s.resumes++;
        attach();
      };
      const onmessage = s.sub.ws.onmessage;
      s.sub.ws.onmessage = (text) => {
        onmessage(text);
        const e = JSON.parse(text);
        assert(e.kind !== 'resync', 'a resync after a short drop');
        if (e.seq && e.kind !== 'hello') s.seqs.push(e.seq);
      };
      // What the backlog brought before the handler above.
      for (const e of s.sub.events) if (e.seq) s.seqs.push(e.seq);
    };
    await attach();
    return s;
  }));
  const N = 400;
  const acked = new Map();  // key -> message id
  let killed = false;
  await Promise.all(Array.from({ length: 8 }, async (_, worker) => {
    for (let i = worker; i < N; i += 8) {
      if (i === N / 2 && !killed) {
        killed = true;
        cluster('kill', dir, '1');
      }
      const key = `kill-${PORT}-${i}`;
      const row = rows[i % rows.length];
      for (let attempt = 0; ; attempt++) {
        let r = null;
        try {
          r = await api(base(0), 'POST', `api/dialogs/${row.dialog.id}/notes`,
            { text: `under kill ${i}` }, token, { 'idempotency-key': key });
        } catch (e) { /* no answer: the same key again */ }
        if (r && r.status === 201) {
          acked.set(key, r.json.message.id);
          break;
        }
        assert(attempt < 50, `note ${i}: no answer after 50 attempts (${r && r.status})`);
        await sleep(100);
      }
    }
  }));
  // Every acknowledged note is stored, once.
  const texts = new Map();
  for (const row of rows) {
    let before = 0;
    for (;;) {
      const page = await api(base(2), 'GET',
        `api/dialogs/${row.dialog.id}/messages?limit=200${before ? '&before=' + before : ''}`, null, token);
      for (const m of page.json.messages) {
        if (m.text.startsWith('under kill ')) texts.set(m.text, (texts.get(m.text) || 0) + 1);
      }
      if (!page.json.next_before) break;
      before = page.json.next_before;
    }
  }
  const lost = N - [...Array(N).keys()].filter((i) => texts.has(`under kill ${i}`)).length;
  const twice = [...texts.values()].filter((c) => c > 1).length;
  assert(acked.size === N, `${acked.size} of ${N} acknowledged`);
  assert(lost === 0 && twice === 0, `lost ${lost}, stored twice ${twice}`);
  // Every stream resumed without a gap or a duplicate.
  const last = Math.max(...streams.map((s) => s.seqs[s.seqs.length - 1] || 0));
  await waitFor('every stream at the end', () => streams.every((s) =>
    (s.seqs[s.seqs.length - 1] || 0) >= last), 5000);
  for (const [i, s] of streams.entries()) {
    assertContiguous(s.seqs, s.from, `stream ${i + 1} (resumed ${s.resumes} times)`);
    s.stop = true;
    s.sub.ws.close();
  }
  assert(streams.some((s) => s.resumes > 0), 'no stream was on the killed process');
  cluster('restart', dir, '1');
});

try {
  const url = cluster('start', dir, '2', String(PORT)).trim();
  console.log('cluster at ' + url + ' (' + dir + ')');
} catch (e) {
  console.log(String(e.stdout || '') + String(e.stderr || ''));
  cluster('stop', dir);
  throw e;
}
runAndExit(() => cluster('stop', dir));
