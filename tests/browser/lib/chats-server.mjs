// Starts build/native/src/server/chats_server on a free loopback port with a
// temporary data folder, waits until it answers, and stops it (SIGTERM, then kill).
// kill() takes it down hard (SIGKILL, the data kept) and restart() brings it
// back on the same port and database, as after a crash. A given dataDir (a
// small tmpfs, a loop-mounted file system) is used as it is and left in place.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// allowedOrigins: origins whose pages may call the API (the CRM widget's hosts);
// helpUrl: the operator app's support link; args: more flags (e.g. limits).
export async function startChatsServer({ binary, site, demo = 300, allowedOrigins = [],
  helpUrl = '', args = [], timeoutMs = 60000, dataDir: givenDataDir = '' }) {
  const port = await freePort();
  const dataDir = givenDataDir || fs.mkdtempSync(path.join(os.tmpdir(), 'chats-e2e-'));
  const log = [];
  const keep = (chunk) => { log.push(chunk.toString()); if (log.length > 200) log.shift(); };
  const url = `http://127.0.0.1:${port}/`;
  let child = null;
  let exited = null;

  async function launch() {
    exited = null;
    child = spawn(binary, ['--listen', '127.0.0.1', '--port', String(port), '--data-dir',
      dataDir, '--static-dir', site, '--demo', String(demo),
      ...(allowedOrigins.length ? ['--allowed-origins', allowedOrigins.join(',')] : []),
      ...(helpUrl ? ['--help-url', helpUrl] : []), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const me = child;
    me.on('exit', (code, signal) => { if (child === me) exited = { code, signal }; });

    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (exited) throw new Error(`chats_server exited (${JSON.stringify(exited)}):\n${log.join('')}`);
      try {
        const r = await fetch(url + 'api/me');
        if (r.status === 401) break;
      } catch (e) { /* not listening yet */ }
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error('chats_server did not answer in time:\n' + log.join(''));
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  await launch();
  return {
    url,
    port,
    dataDir,
    pid: () => child.pid,
    log: () => log.join(''),
    // A JSON API call from the test (a bearer token when given); throws on a non-2xx answer.
    async api(method, route, body, token) {
      const headers = { 'content-type': 'application/json' };
      if (token) headers.authorization = 'Bearer ' + token;
      const r = await fetch(url + route, { method, headers,
        body: body ? JSON.stringify(body) : undefined });
      const json = await r.json();
      if (!r.ok) throw new Error(`${method} ${route}: ${r.status} ${JSON.stringify(json)}`);
      return json;
    },
    // A crash: SIGKILL, nothing flushed or closed by the server; the data stays.
    async kill() {
      if (exited) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await done;
    },
    async restart() { await launch(); },
    async stop() {
      if (!exited && child) {
        child.kill('SIGTERM');
        const done = new Promise((r) => child.once('exit', r));
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await done;
        clearTimeout(timer);
      }
      if (!givenDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
