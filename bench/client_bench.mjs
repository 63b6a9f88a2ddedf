// The client's performance in headless Chromium against a running server:
// transfer size, navigation to first rows, CPU per frame while scrolling fast,
// a mode change to new rows, an ingested message to its row drawn, idle CPU,
// and the WASM heap. Prints medians and percentiles.
//   node bench/client_bench.mjs --url http://127.0.0.1:18091/ [--runs 5] [--messages 50] [--wheel 900]
// --wheel: pixels per wheel step while scrolling (900 outruns the loaded rows; 150 stays on them).
// bench/client_bench.sh starts a server on a seeded database and runs this.
import { launchBrowser } from '../tests/browser/lib/harness.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => {
  if (a.startsWith('--')) pairs.push([a.slice(2), all[i + 1]]);
  return pairs;
}, []));
const url = args.url || 'http://127.0.0.1:18091/';
const runs = Number(args.runs || 5);
const messages = Number(args.messages || 50);
const wheel = Number(args.wheel || 900);
const email = args.email || 'owner@romashka.ru';
const password = args.password || 'demo1234';

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
function report(name, values, unit = 'ms') {
  const f = (v) => (unit === 'ms' ? v.toFixed(1) : String(v));
  console.log(`${name.padEnd(34)} median ${f(percentile(values, 50))} ${unit}, ` +
    `p95 ${f(percentile(values, 95))}, p99 ${f(percentile(values, 99))}, ` +
    `max ${f(Math.max(...values))}  (n=${values.length})`);
}

async function api(method, route, body, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = 'Bearer ' + token;
  const r = await fetch(new URL(route, url), { method, headers,
    body: body ? JSON.stringify(body) : undefined });
  if (!r.ok) throw new Error(`${method} ${route}: ${r.status} ${await r.text()}`);
  return r.json();
}

// The first row's id, watched from inside the page (times on the page's clock,
// from navigation, or Date.now() for changes). Two moments for each change:
// "drawn", at the end of the app's frame that drew the rows (its WebGL calls
// made), and "next frame", when the browser starts the frame after it. The
// gap between them is mostly the compositor's copy of the canvas, which with
// software WebGL (SwiftShader) reads every frame back from the GPU process.
const WATCH_ROWS = () => {
  const R = window.__rows = { first: null, at: 0, firstDrawnAt: 0,
    drawn: null, drawnAt: 0, firstFrameEndAt: 0 };
  const firstRow = () => {
    const row = window.inbox && window.inbox.widgets().find((w) => w.id.startsWith('row:'));
    return row ? row.id : null;
  };
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((t) => {
    cb(t);
    if (window.__stopWatch) return;
    const id = firstRow();
    if (id && !R.firstFrameEndAt) R.firstFrameEndAt = performance.now();
    if (id !== R.drawn) {
      R.drawn = id;
      R.drawnAt = Date.now();
    }
  });
  const tick = () => {
    if (window.__stopWatch) return;
    const id = firstRow();
    if (id && !R.firstDrawnAt) {
      R.firstDrawnAt = performance.now();
      console.log(FIRST_ROWS_SEEN);
    }
    if (id !== R.first) {
      R.first = id;
      R.at = Date.now();
    }
    raf(tick);
  };
  raf(tick);
};

// Logged by WATCH_ROWS once the first rows were drawn and the next frame
// began. A load is awaited through this console message, not waitForFunction:
// that one injects Playwright's script into the page, ~40 ms of the main
// thread, in the middle of the load it would measure.
const FIRST_ROWS_SEEN = 'bench:first-rows-seen';
async function load(page) {
  const seen = page.waitForEvent('console',
    { predicate: (m) => m.text() === FIRST_ROWS_SEEN, timeout: 60000 });
  await page.goto(url, { waitUntil: 'commit' });
  await seen;
}

const browser = await launchBrowser();
const { token } = await api('POST', 'api/login', { email, password });

async function signedInPage() {
  const context = await browser.newContext({ viewport: { width: 1400, height: 820 } });
  await context.request.post(new URL('api/login', url).href, { data: { email, password } });
  const page = await context.newPage();
  await page.addInitScript(`const FIRST_ROWS_SEEN = ${JSON.stringify(FIRST_ROWS_SEEN)};
    (${WATCH_ROWS})();`);
  return { context, page };
}

// The end of the frame that drew the first rows: the app marks it (User
// Timing), as the first frame may run outside an animation frame callback.
const firstRowsMark = () => {
  const mark = performance.getEntriesByName('chats:first-rows')[0];
  return mark ? mark.startTime : window.__rows.firstFrameEndAt;
};

// Transfer size and navigation to first rows, each run in a fresh context
// (an empty cache, as on an operator's first visit).
const firstRows = [];
const firstRowsDrawn = [];
const warmRowsDrawn = [];
let transfer = null;
for (let i = 0; i < runs; i++) {
  const { context, page } = await signedInPage();
  const sizes = [];
  page.on('requestfinished', async (request) => {
    const s = await request.sizes().catch(() => null);
    if (s) sizes.push({ url: request.url(), bytes: s.responseBodySize + s.responseHeadersSize });
  });
  await load(page);
  firstRowsDrawn.push(await page.evaluate(firstRowsMark));
  firstRows.push(await page.evaluate(() => window.__rows.firstDrawnAt));
  if (!transfer) {
    await page.waitForTimeout(500);
    transfer = [...sizes];  // the later visit below adds to `sizes`
  }
  // The operator's next visit: the same browser profile, its cache warm.
  await page.waitForTimeout(1500);
  await page.goto('about:blank');
  await load(page);
  warmRowsDrawn.push(await page.evaluate(firstRowsMark));
  await context.close();
}
const total = transfer.reduce((s, r) => s + r.bytes, 0);
console.log(`transfer (encoded, cold cache)        ${(total / 1024).toFixed(0)} KiB in ` +
  `${transfer.length} responses`);
for (const r of transfer.sort((a, b) => b.bytes - a.bytes).slice(0, 6)) {
  console.log(`  ${(r.bytes / 1024).toFixed(0).padStart(6)} KiB  ${new URL(r.url).pathname}`);
}
report('navigation -> first rows drawn', firstRowsDrawn);
report('  the next frame begins', firstRows);
report('  drawn, cache warm (a later visit)', warmRowsDrawn);

const { context, page } = await signedInPage();
await page.goto(url);
await page.waitForFunction(() => window.__rows.firstDrawnAt > 0, null, { timeout: 60000 });
const canvas = await page.locator('canvas').boundingBox();

// CPU per frame while scrolling fast: a wheel step per frame over the list.
await page.mouse.move(canvas.x + 300, canvas.y + 400);
const frameCpu = [];
const split = [];
for (let i = 0; i < 300; i++) {
  await page.mouse.wheel(0, i < 150 ? wheel : -wheel);
  const [cpu, phases] = await page.evaluate(() => new Promise((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() =>
      resolve([window.inbox.frameCpuMs(), window.inbox.frameSplit()])))));
  frameCpu.push(cpu);
  split.push(phases);
}
report('CPU per frame, scrolling fast', frameCpu);
// The same frames by phase, and what they drew (counts that do not depend on the load).
for (const [key, name] of [['updateMs', 'applying answers'], ['uiMs', 'ImGui frame'],
  ['renderMs', 'WebGL calls']]) {
  report(`  of which ${name}`, split.map((s) => s[key]));
}
console.log(`  drawn per frame (median)             ${percentile(split.map((s) => s.vertices), 50)} ` +
  `vertices, ${percentile(split.map((s) => s.drawCommands), 50)} draw commands in ` +
  `${percentile(split.map((s) => s.drawLists), 50)} lists`);

// A mode change to the new rows drawn: the tabs alternate New and Accepted.
async function widgetCenter(id) {
  const w = (await page.evaluate(() => window.inbox.widgets())).find((x) => x.id === id);
  if (!w) throw new Error(`no widget ${id}`);
  return [canvas.x + w.x + w.w / 2, canvas.y + w.y + w.h / 2];
}
// Both moments of a change (see WATCH_ROWS), from `started`.
async function rowsChanged(before, started) {
  await page.waitForFunction((b) => window.__rows.first !== b, before, { timeout: 10000 });
  const { drawnAt, at } = await page.evaluate(() => window.__rows);
  return [drawnAt - started, at - started];
}
const modeChange = [];
const modeChangeNext = [];
for (let i = 0; i < 20; i++) {
  const [x, y] = await widgetCenter(i % 2 === 0 ? 'tab:accepted' : 'tab:new');
  const before = await page.evaluate(() => window.__rows.first);
  const started = Date.now();
  await page.mouse.click(x, y);
  const [drawn, next] = await rowsChanged(before, started);
  modeChange.push(drawn);
  modeChangeNext.push(next);
}
report('mode change by a click -> rows drawn', modeChange);
report('  the next frame begins', modeChangeNext);

// The same through the host's setMode: the app and the network without the
// frames that turn a click into an intent (each a software-rendered frame here).
const setMode = [];
const setModeNext = [];
for (let i = 0; i < 20; i++) {
  const before = await page.evaluate(() => window.__rows.first);
  const started = await page.evaluate((m) => {
    const t = Date.now();
    window.inbox.setMode(m);
    return t;
  }, i % 2 === 0 ? 'accepted' : 'new');
  const [drawn, next] = await rowsChanged(before, started);
  setMode.push(drawn);
  setModeNext.push(next);
}
report('mode change by setMode -> rows drawn', setMode);
report('  the next frame begins', setModeNext);

// A filter change through the host's setFilter: the view alternates between
// the answered and the unanswered dialogs of Accepted (filtered queries on the
// server, not a mode's first window; disjoint, so the first row changes).
await page.evaluate(() => window.inbox.setFilter({ mode: 'accepted', types: ['answered'] }));
await page.waitForTimeout(500);
const filterChange = [];
const filterChangeNext = [];
for (let i = 0; i < 20; i++) {
  const before = await page.evaluate(() => window.__rows.first);
  const started = await page.evaluate((types) => {
    const t = Date.now();
    window.inbox.setFilter({ mode: 'accepted', types });
    return t;
  }, i % 2 === 0 ? ['unanswered'] : ['answered']);
  const [drawn, next] = await rowsChanged(before, started);
  filterChange.push(drawn);
  filterChangeNext.push(next);
}
report('filter change by setFilter -> rows drawn', filterChange);
report('  the next frame begins', filterChangeNext);
await page.evaluate(() => window.inbox.setFilter({ mode: 'new', types: [] }));
await page.waitForTimeout(500);

// An incoming message at the server to its row drawn at the top of New. The
// first ingest after the server starts is a cold write (seconds on a big
// database): it goes first, unmeasured, and its time is printed apart.
const directory = await api('GET', 'api/directory', null, token);
const source = directory.sources[0].id;
const incoming = [];
const incomingNext = [];
const answered = [];
for (let i = -1; i < messages; i++) {
  const stamp = `${Date.now()}-${i}`;
  const started = Date.now();
  const answer = await api('POST', 'api/ingest', { source_id: source,
    external_id: 'bench-' + stamp, client: { identity: 'bench-' + stamp, name: 'Замер ' + i },
    text: 'Сообщение для замера' }, token);
  const posted = Date.now() - started;
  const id = 'row:' + answer.row.dialog.id;
  await page.waitForFunction((r) => window.__rows.first === r, id, { timeout: 10000 });
  const { drawnAt, at } = await page.evaluate(() => window.__rows);
  if (i < 0) {
    console.log(`first ingest after start (unmeasured)  answered in ${posted} ms, ` +
      `row drawn at ${drawnAt - started} ms`);
  } else {
    incoming.push(drawnAt - started);
    incomingNext.push(at - started);
    answered.push(posted);
  }
  await page.waitForTimeout(100);
}
report('incoming: ingest answered', answered);
report('incoming message -> row drawn', incoming);
report('  the next frame begins', incomingNext);

// Idle: the main thread's busy time over 10 s with nothing happening.
const cdp = await context.newCDPSession(page);
await cdp.send('Performance.enable');
const busy = async () => (await cdp.send('Performance.getMetrics')).metrics
  .find((m) => m.name === 'TaskDuration').value;
await page.evaluate(() => { window.__stopWatch = true; });
await page.mouse.move(0, 0);
await page.waitForTimeout(1000);
// Counts the page's animation frames meanwhile: an idle app asks for none.
await page.evaluate(() => {
  window.__idleFrames = 0;
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((t) => { window.__idleFrames++; cb(t); });
});
const idleFrom = await busy();
await page.waitForTimeout(10000);
const idleCpu = ((await busy()) - idleFrom) / 10;
const idleFrames = await page.evaluate(() => window.__idleFrames);
console.log(`idle tab CPU                          ${(idleCpu * 100).toFixed(2)} % of a core, ` +
  `${idleFrames} frames in 10 s`);

const heap = await page.evaluate(() => window.inbox.memoryBytes());
console.log(`WASM heap                             ${(heap / 1048576).toFixed(1)} MiB`);

await browser.close();
