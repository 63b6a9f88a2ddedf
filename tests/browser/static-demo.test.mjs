// The static demo: the built site folder served by a plain static server
// (python3 -m http.server) runs on the in-page demo backend — rows drawn, an
// action works, and nothing asks the API except the one probe of api/me.
import path from 'node:path';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { test, assert, launchBrowser, screenshot, runAndExit } from './lib/harness.mjs';
import { openInbox, rows, click, waitFor } from './lib/inbox-page.mjs';

const site = path.resolve(process.env.CHATS_SITE || 'build/native/client/site');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function startPythonServer(root) {
  const port = await freePort();
  const child = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1',
    '--directory', root], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error('http.server exited: ' + stderr);
    try {
      if ((await fetch(url)).ok) return { url, stop: () => stopChild(child) };
    } catch (e) { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  stopChild(child);
  throw new Error('http.server did not start: ' + stderr);
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

const server = await startPythonServer(site);
const browser = await launchBrowser();

test('the static folder served by python3 -m http.server runs the demo', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 820 } });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const missingPictures = [];
  page.on('response', (r) => {
    if (r.url().includes('/avatars/') && r.status() !== 200) missingPictures.push(r.url());
  });
  await openInbox(page, server.url);
  assert(await page.evaluate(() => window.inbox.backend) === 'demo', 'the demo backend runs');
  const shown = await rows(page);
  assert(shown.length >= 10, `at least 10 rows drawn, got ${shown.length}`);
  // The demo clients' pictures come from the folder's avatars/ (drawn at build time).
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id.startsWith('avatar:') &&
    w.label === 'image'));

  // The demo's messages have emoji: their chunk comes from the folder too.
  await waitFor(page, () => window.inbox.hasGlyph(0x1F64F) && window.inbox.hasGlyph(0x1F60A),
    undefined, 15000);
  assert(requests.some((u) => /\/fonts\/symbols-\d+\.ttf$/.test(u)), 'a symbol chunk was fetched');

  // An action: the Accepted tab shows other dialogs.
  const before = shown.map((r) => r.id).join();
  await click(page, 'tab:accepted');
  await waitFor(page, (b) => window.inbox.widgets().filter((w) => w.id.startsWith('row:'))
    .map((w) => w.id).join() !== b, before);
  assert((await rows(page)).length > 0, 'the Accepted mode has rows');
  await page.waitForTimeout(500);
  await screenshot(page, 'static-demo');

  const api = requests.filter((u) => new URL(u).pathname.includes('/api/'));
  assert(api.length === 1 && new URL(api[0]).pathname === '/api/me',
    `only the api/me probe reaches the API, saw ${JSON.stringify(api)}`);
  assert(missingPictures.length === 0, `every demo picture is there: ${missingPictures}`);
  const foreign = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:'));
  assert(foreign.length === 0, `every request stays in the folder, saw ${JSON.stringify(foreign)}`);
  await context.close();
});

test('simulated clients write in: a new message arrives live at the top of New', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 820 } });
  const page = await context.newPage();
  await openInbox(page, server.url);
  // The same page, remounted with a fast, seeded pace (the default is every 5–20 s).
  await page.evaluate(async () => {
    window.inbox.unmount();
    window.heard = [];
    window.inbox = await ChatsInbox.mount(document.getElementById('app'), {
      app: true, demoTraffic: { seed: 7, minMs: 400, maxMs: 900 },
      onEvent: (name, detail) => window.heard.push({ name, detail }),
    });
  });
  await waitFor(page, () => window.inbox.widgets().some((w) => w.id.startsWith('row:')));
  const topRows = () => window.inbox.widgets().filter((w) => w.id.startsWith('row:'))
    .sort((a, b) => a.y - b.y).slice(0, 3).map((w) => w.id);
  const firstTop = await page.evaluate(topRows);
  const firstUnread = await page.evaluate(() =>
    window.heard.filter((e) => e.name === 'unreadChanged').pop().detail.total);
  // A message the owner should hear about (unassigned in New, or theirs) moves its row to the top.
  await page.waitForFunction((before) => {
    const top = window.inbox.widgets().filter((w) => w.id.startsWith('row:'))
      .sort((a, b) => a.y - b.y).slice(0, 3).map((w) => w.id);
    const heard = window.heard.filter((e) => e.name === 'message').map((e) => 'row:' + e.detail.id);
    return top.some((id) => heard.includes(id) && !before.includes(id));
  }, firstTop, { timeout: 30000 });
  const message = await page.evaluate(() => window.heard.filter((e) => e.name === 'message').pop().detail);
  assert(message.title && message.text, `the message has a client and a text: ${JSON.stringify(message)}`);
  const totals = await page.evaluate(() =>
    window.heard.filter((e) => e.name === 'unreadChanged').map((e) => e.detail.total));
  assert(totals.some((t) => t !== firstUnread), `the unread total moved from ${firstUnread}: ${totals}`);
  assert((await page.title()).startsWith('('), `the tab title shows the unread count: ${await page.title()}`);
  await page.waitForTimeout(200);
  await screenshot(page, 'static-demo-live');
  await context.close();
});

await runAndExit(() => browser.close(), () => server.stop());
