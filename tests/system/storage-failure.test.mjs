// The disk under the database fails while the server runs. Full: the data
// folder on a 3 MiB tmpfs, ingests until it is full. Read-only: the database's
// files made immutable (chattr +i, on ext4 in a loop-mounted image: an open
// descriptor's writes then fail with EPERM, as on a file system gone
// read-only). Each request gets an answer in time, the refused ones a clear
// error (507 storage_full, 503 storage_unavailable) and nothing written: the
// same request is new once the disk writes again; reads go on meanwhile; the
// server recovers without a restart, and after a kill -9 and a restart every
// acknowledged message is there. Needs root (mount); says why and passes
// without running a case where the machine does not allow it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, assert, runAndExit } from '../browser/lib/harness.mjs';
import { startChatsServer } from '../browser/lib/chats-server.mjs';

const binary = path.resolve(process.env.CHATS_SERVER || 'build/native/src/server/chats_server');
const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const OWNER = { email: 'owner@romashka.ru', password: 'demo1234' };
const DB_FILES = ['inbox.sqlite3', 'inbox.sqlite3-wal'];
const run = (cmd, ...args) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
const cleanups = [];

// The reason this machine cannot run a case, or '' when it can.
function cannot(what) {
  if (process.getuid && process.getuid() !== 0) return `not root: ${what} needs mount`;
  return '';
}

function tempDir(name) {
  return fs.mkdtempSync(path.join(os.tmpdir(), name));
}

// A client of one server: a session, a source, and requests that always end
// (an answer or, past the timeout, 'no answer').
async function client(server) {
  const { token } = await server.api('POST', 'api/login', OWNER);
  const directory = await server.api('GET', 'api/directory', null, token);
  const source = directory.sources[0].id;
  const { rows } = await server.api('GET', 'api/dialogs?mode=accepted&limit=1', null, token);
  const post = async (route, body, headers = {}) => {
    try {
      const r = await fetch(server.url + route, { method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token, ...headers },
        body: JSON.stringify(body), signal: AbortSignal.timeout(15000) });
      const text = await r.text();
      let json = null;
      try { json = JSON.parse(text); } catch (e) { /* not JSON */ }
      return { status: r.status, json, text };
    } catch (e) {
      return { status: 0, text: 'no answer: ' + e.message };
    }
  };
  const bigText = 'х'.repeat(1500);
  return {
    ingest: (id, text = bigText) => post('api/ingest', { source_id: source, external_id: id,
      text: `${text} ${id}`, client: { identity: `storage-${id.length % 7}` } }),
    send: (key) => post(`api/dialogs/${rows[0].dialog.id}/messages`, { text: `Ответ ${key}` },
      { 'idempotency-key': key }),
    read: async () => {
      const r = await fetch(server.url + 'api/dialogs?limit=5',
        { headers: { authorization: 'Bearer ' + token }, signal: AbortSignal.timeout(15000) });
      return r.status;
    },
  };
}

// A refusal the client can act on: the status, the code and a message, and no hang.
function clearRefusal(r, status, code) {
  return r.status === status && r.json && r.json.error && r.json.error.code === code &&
    /nothing was written/.test(r.json.error.message);
}

async function everyAcknowledgedKept(server, acked) {
  const c = await client(server);
  let missing = 0;
  for (const id of acked) {
    const r = await c.ingest(id);
    if (!(r.status === 200 && r.json.duplicate)) missing++;
  }
  return missing;
}

test('a full disk: 507 storage_full for what did not fit, nothing half-written, all acknowledged kept', async () => {
  const why = cannot('a small tmpfs');
  const dir = tempDir('chats-full-');
  try {
    if (!why) run('mount', '-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', dir);
  } catch (e) {
    console.log(`skipped: mount -t tmpfs is not allowed here (${String(e.stderr || e).trim()})`);
    fs.rmdirSync(dir);
    return;
  }
  if (why) { console.log(`skipped: ${why}`); fs.rmdirSync(dir); return; }
  cleanups.push(() => { try { run('umount', dir); fs.rmdirSync(dir); } catch (e) { /* gone */ } });
  const server = await startChatsServer({ binary, site, demo: 20, dataDir: dir });
  cleanups.push(() => server.stop());
  const c = await client(server);

  const acked = [], refused = [], unclear = [];
  for (let i = 0; i < 4000 && refused.length < 40; i += 4) {
    const ids = [0, 1, 2, 3].map((k) => `full-${i + k}`);
    const answers = await Promise.all(ids.map((id) => c.ingest(id)));
    answers.forEach((r, k) => {
      if (r.status === 201) acked.push(ids[k]);
      else if (clearRefusal(r, 507, 'storage_full') ||
        clearRefusal(r, 503, 'storage_unavailable')) refused.push({ id: ids[k], r });
      else unclear.push(`${ids[k]}: ${r.status} ${r.text.slice(0, 200)}`);
    });
  }
  const full = refused.filter(({ r }) => r.status === 507).length;
  console.log(`full disk: ${acked.length} acknowledged, ${refused.length} refused ` +
    `(${full} 507 storage_full, ${refused.length - full} 503), ${unclear.length} unclear`);
  assert(unclear.length === 0, `every answer is an acknowledgement or a clear refusal: ${unclear.slice(0, 3)}`);
  assert(acked.length > 0 && refused.length >= 40, 'the disk filled up during the run');
  assert(full > 0, 'a full disk is told as 507 storage_full');
  const send = await c.send('full-send');
  assert(clearRefusal(send, 507, 'storage_full') || clearRefusal(send, 503, 'storage_unavailable'),
    `an operator's send is refused as clearly: ${send.status} ${send.text}`);
  assert(await c.read() === 200, 'reads go on while the disk is full');

  // Room again (tmpfs grows in place): the same server takes the refused requests as new.
  run('mount', '-o', 'remount,size=64m', dir);
  let notNew = 0;
  for (const { id } of refused) {
    const r = await c.ingest(id);
    if (r.status === 201) acked.push(id); else notNew++;
  }
  assert(notNew === 0, `${notNew} refused ingests were found written when sent again`);
  const resent = await c.send('full-send');
  assert(resent.status === 201 && !resent.json.duplicate, `the refused send is new: ${resent.status}`);

  await server.kill();
  await server.restart();
  const missing = await everyAcknowledgedKept(server, acked);
  console.log(`after a kill -9 and a restart: ${acked.length} acknowledged, ${missing} missing`);
  assert(missing === 0, `${missing} acknowledged messages are missing after the restart`);
});

test('the database files made read-only: 503 storage_unavailable, nothing written, recovery in place', async () => {
  const why = cannot('a loop-mounted ext4 image');
  if (why) { console.log(`skipped: ${why}`); return; }
  const dir = tempDir('chats-ro-');
  const image = path.join(tempDir('chats-ro-image-'), 'disk.img');
  try {
    fs.writeFileSync(image, '');
    fs.truncateSync(image, 48 << 20);
    run('mkfs.ext4', '-q', '-F', image);
    run('mount', '-o', 'loop', image, dir);
  } catch (e) {
    console.log(`skipped: no ext4 on a loop device here (${String(e.stderr || e).trim()})`);
    return;
  }
  cleanups.push(() => {
    try { run('chattr', '-i', ...DB_FILES.map((f) => path.join(dir, f))); } catch (e) { /* */ }
    try { run('umount', dir); fs.rmdirSync(dir); } catch (e) { /* busy or gone */ }
    fs.rmSync(path.dirname(image), { recursive: true, force: true });
  });
  const server = await startChatsServer({ binary, site, demo: 20, dataDir: dir });
  cleanups.push(() => server.stop());  // the cleanups run last first: before the umount
  const c = await client(server);
  const acked = [];
  for (let i = 0; i < 20; i++) {
    const r = await c.ingest(`ro-${i}`, 'Текст');
    assert(r.status === 201, `ingest before: ${r.status}`);
    acked.push(`ro-${i}`);
  }

  // Only the database file: commits still go into the log (-wal), acknowledged and kept.
  run('chattr', '+i', path.join(dir, DB_FILES[0]));
  for (let i = 20; i < 30; i++) {
    const r = await c.ingest(`ro-${i}`, 'Текст');
    assert(r.status === 201, `with the database file immutable, a commit to the log: ${r.status} ${r.text}`);
    acked.push(`ro-${i}`);
  }

  // The database and its log: nothing can be committed.
  run('chattr', '+i', path.join(dir, DB_FILES[1]));
  const refused = [];
  for (let i = 30; i < 45; i++) {
    const r = await c.ingest(`ro-${i}`, 'Текст');
    assert(clearRefusal(r, 503, 'storage_unavailable'), `a read-only database refuses clearly: ${r.status} ${r.text}`);
    refused.push(`ro-${i}`);
  }
  const send = await c.send('ro-send');
  assert(clearRefusal(send, 503, 'storage_unavailable'), `and an operator's send: ${send.status} ${send.text}`);
  assert(await c.read() === 200, 'reads go on while the database is read-only');

  run('chattr', '-i', ...DB_FILES.map((f) => path.join(dir, f)));
  for (const id of refused) {
    const r = await c.ingest(id, 'Текст');
    assert(r.status === 201, `writable again, the refused ${id} is new: ${r.status} ${r.text}`);
    acked.push(id);
  }
  const resent = await c.send('ro-send');
  assert(resent.status === 201 && resent.json.message, `the refused send is new: ${resent.status}`);

  await server.kill();
  await server.restart();
  const c2 = await client(server);
  let missing = 0;
  for (const id of acked) {
    const r = await c2.ingest(id, 'Текст');
    if (!(r.status === 200 && r.json.duplicate)) missing++;
  }
  console.log(`read-only: ${acked.length} acknowledged (10 with the database file immutable), ` +
    `${refused.length} refused with 503 and taken as new after, ${missing} missing after a kill -9`);
  assert(missing === 0, `${missing} acknowledged messages are missing after the restart`);
});

await runAndExit(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});
