// Measures the three ways to use the inbox: the transfer size of what a first
// visit downloads (as the Chats server serves it, gzipped, and as python3 -m
// http.server serves it, uncompressed) and the time from navigation to the
// first rows drawn (median of RUNS cold loads each):
//   operator app  index.html served by chats_server with 5,000 demo dialogs, signed in
//   widget        web/crm-example.html (two widgets, in-page demo) from a static server
//   static demo   index.html from python3 -m http.server (in-page demo, 5,000 dialogs)
// Not a test (no pass or fail): node tests/browser/measure-modes.mjs [RUNS]
import http from 'node:http';
import path from 'node:path';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { launchBrowser } from './lib/harness.mjs';
import { startChatsServer } from './lib/chats-server.mjs';
import { serveFolder } from './lib/static-server.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');
const binary = path.resolve(process.env.CHATS_SERVER || 'build/native/src/server/chats_server');
const RUNS = Number(process.argv[2] || process.env.RUNS || 5);
const FILES = ['index.html', 'inbox.js', 'chats_client.js', 'chats_client.wasm',
  'fonts/NotoSans-Regular.ttf', 'fonts/NotoSans-Bold.ttf', 'fonts/fontawesome-webfont.ttf'];

// The bytes on the wire for one GET (body as sent, before any decompression).
function wireSize(url, gzip) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: gzip ? { 'accept-encoding': 'gzip' } : {} }, (res) => {
      let bytes = 0;
      res.on('data', (c) => { bytes += c.length; });
      res.on('end', () => resolve({ bytes, encoding: res.headers['content-encoding'] || '-',
        status: res.statusCode }));
    }).on('error', reject);
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function startPython(root) {
  const port = await freePort();
  const child = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1',
    '--directory', root], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(url)).ok) break; } catch (e) { /* starting */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const kb = (n) => (n / 1024).toFixed(1);

// Records, in the page, the moment the first rows are published (checked every frame).
const WATCH_ROWS = `(() => {
  const look = () => {
    const handles = window.widgets && window.widgets.length ? window.widgets : window.inbox ? [window.inbox] : [];
    if (handles.some((h) => h.widgets && h.widgets().some((w) => w.id.startsWith('row:')))) {
      window.__firstRows = performance.now();
    } else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})()`;

async function timeToRows(browser, url, cookie) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 820 } });
  if (cookie) await context.addCookies([cookie]);
  await context.addInitScript(WATCH_ROWS);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.__firstRows !== undefined, null, { timeout: 60000 });
  const ms = await page.evaluate(() => window.__firstRows);
  await context.close();
  return ms;
}

const server = await startChatsServer({ binary, site, demo: 5000, timeoutMs: 300000 });
const statics = await serveFolder(site);
const python = await startPython(site);
const browser = await launchBrowser();
try {
  console.log(`# transfer sizes (KB on the wire)\n`);
  console.log('| file | chats_server, gzip | python3 -m http.server |');
  console.log('|---|---|---|');
  let gz = 0, raw = 0;
  for (const f of FILES) {
    const a = await wireSize(server.url + f, true);
    const b = await wireSize(python.url + f, false);
    gz += a.bytes; raw += b.bytes;
    console.log(`| ${f} | ${kb(a.bytes)} (${a.encoding}) | ${kb(b.bytes)} |`);
  }
  console.log(`| **total** | **${kb(gz)}** | **${kb(raw)}** |\n`);

  const login = await fetch(server.url + 'api/login', { method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@romashka.ru', password: 'demo1234' }) });
  const { token } = await login.json();
  const cookie = { name: 'chats_session', value: token, url: server.url };
  const modes = [
    ['operator app (chats_server, 5,000 dialogs, signed in)', server.url, cookie],
    ['widget (crm-example.html, two widgets, in-page demo)', statics.url + 'crm-example.html', null],
    ['static demo (python3 -m http.server, 5,000 dialogs in page)', python.url, null],
  ];
  console.log(`# navigation to first rows drawn (ms, median of ${RUNS} cold loads)\n`);
  console.log('| mode | median | min | max |');
  console.log('|---|---|---|---|');
  for (const [name, url, c] of modes) {
    const times = [];
    for (let i = 0; i < RUNS; i++) times.push(await timeToRows(browser, url, c));
    console.log(`| ${name} | ${Math.round(median(times))} | ${Math.round(Math.min(...times))} | ` +
      `${Math.round(Math.max(...times))} |`);
  }
} finally {
  await browser.close();
  await python.stop();
  await statics.close();
  await server.stop();
}
