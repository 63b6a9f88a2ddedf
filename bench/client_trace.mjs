// A timeline of cold loads of the operator app, signed in by cookie: each
// request (Resource Timing: start, first byte, end), the WebAssembly compile
// and instantiation, WebGL context creation, every animation-frame callback
// longer than 2 ms, performance marks and measures the page made, and the
// moment the first rows were published. Times in ms from navigation.
//   node bench/client_trace.mjs [URL] [RUNS]    (default http://127.0.0.1:18091/, 1)
import { launchBrowser } from '../tests/browser/lib/harness.mjs';

const url = process.argv[2] || 'http://127.0.0.1:18091/';
const runs = Number(process.argv[3] || 1);
const email = process.env.EMAIL || 'owner@romashka.ru';
const password = process.env.PASSWORD || 'demo1234';

const RECORD = () => {
  const T = window.__trace = { ev: [], rows: 0 };
  const mark = (n) => T.ev.push([performance.now(), n]);
  const wrap = (owner, name, label) => {
    const f = owner[name];
    if (!f) return;
    owner[name] = function (...a) {
      mark(label + ' start');
      return f.apply(this, a).then((r) => { mark(label + ' done'); return r; });
    };
  };
  wrap(WebAssembly, 'compileStreaming', 'wasm compile');
  wrap(WebAssembly, 'instantiate', 'wasm instantiate');
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (...a) {
    const s = performance.now();
    const c = getContext.apply(this, a);
    T.ev.push([s, `getContext ${a[0]} ${(performance.now() - s).toFixed(1)} ms`]);
    return c;
  };
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((t) => {
    const s = performance.now();
    cb(t);
    const d = performance.now() - s;
    if (d > 2) T.ev.push([s, `frame callback ${d.toFixed(1)} ms`]);
  });
  const watch = () => {
    const row = window.inbox && window.inbox.widgets().find((w) => w.id.startsWith('row:'));
    if (row) T.rows = performance.now();
    else raf(watch);
  };
  raf(watch);
};

const browser = await launchBrowser();
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 820 } });
  await context.request.post(new URL('api/login', url).href, { data: { email, password } });
  const page = await context.newPage();
  await page.addInitScript(RECORD);
  await page.goto(url);
  await page.waitForFunction(() => window.__trace.rows > 0, null, { timeout: 60000 });
  const lines = await page.evaluate(() => [
    ...window.__trace.ev,
    ...performance.getEntriesByType('resource').map((r) => [r.startTime,
      `request ${r.name.replace(location.origin, '')} first byte ${r.responseStart.toFixed(0)}, ` +
      `end ${r.responseEnd.toFixed(0)}, ${r.encodedBodySize} B`]),
    ...performance.getEntriesByType('mark').map((m) => [m.startTime, 'mark ' + m.name]),
    ...performance.getEntriesByType('measure').map((m) => [m.startTime,
      `measure ${m.name} ${m.duration.toFixed(1)} ms`]),
    [window.__trace.rows, 'first rows published (seen by the next animation frame)'],
  ]);
  lines.sort((a, b) => a[0] - b[0]);
  console.log(`--- load ${i + 1}`);
  for (const [at, what] of lines) console.log(at.toFixed(0).padStart(6), what);
  if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT });
  await context.close();
}
await browser.close();
