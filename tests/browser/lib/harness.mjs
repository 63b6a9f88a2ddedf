// A small test harness for the browser tests: named tests, a shared Chromium,
// screenshots beside the output, and a summary line CI can read.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

export const outputDir = path.resolve(process.env.CHATS_TEST_OUTPUT ||
  new URL('../output', import.meta.url).pathname);

const tests = [];
export function test(name, fn) { tests.push({ name, fn }); }

export function assert(condition, message) {
  if (!condition) throw new Error('assertion failed: ' + message);
}

// What a page says when the client broke, each failing the running test with
// the page's words:
// - the line IM_ASSERT logs before it aborts (src/client/platform/imgui_assert.cpp);
// - UBSan's report in the checked build (scripts/test_client_checked.sh), after
//   which its runtime exits (a thrown ExitStatus);
// - Emscripten's abort (its runtime's assertions, SAFE_HEAP's faults, a stack
//   overflow, libc++'s assertions), logged as well as thrown: the page catches
//   a throw while the module starts, and an abort under a noexcept frame is
//   caught there by WebAssembly's exceptions and ends in std::terminate, which
//   aborts again and again, with no throw ever reaching the page;
// - any other WebAssembly trap (an uncaught RuntimeError, with its stack), and
//   a recursion too deep for the browser's own stack.
const kAssertPrefix = 'ImGui assertion failed:';
const kUbsanReport = ': runtime error: ';
const kAbortPrefix = 'Aborted(';
const kCallStackExceeded = 'Maximum call stack size exceeded';  // the browser's own stack
const kLibcxxAssert = " _LIBCPP_ASSERT '";  // the checked build's libc++, before its abort
let pageFailures = [];
let pageFailed = () => {};  // ends the running test at once, not when its wait runs out
let testNumber = 0;  // the running test's, from 1
const failedIn = new WeakMap();  // page -> the test it failed

function failPage(page, text) {
  // A broken page may go on logging (each call into an aborted module can abort
  // again) while its test winds down: it fails the test it broke in, not the next.
  if (failedIn.has(page) && failedIn.get(page) !== testNumber) return;
  failedIn.set(page, testNumber);
  // The abort's throw repeats the line it logged: the throw, with the stack, stays.
  pageFailures = pageFailures.filter((earlier) => !text.includes(earlier));
  pageFailures.push(text);
  pageFailed();
}

function watchPage(page) {
  page.on('console', (message) => {
    const text = message.text();
    if ((message.type() === 'error' && text.startsWith(kAssertPrefix)) ||
        text.includes(kUbsanReport) || text.includes(kLibcxxAssert) ||
        text.startsWith(kAbortPrefix)) {
      failPage(page, text);
    }
  });
  page.on('pageerror', (error) => {
    if (String(error).includes(kAbortPrefix) || error.name === 'RuntimeError' ||
        String(error).includes(kCallStackExceeded)) {
      failPage(page, 'the client aborted: ' + (error.stack || error));
    } else if (error.name === 'ExitStatus') {
      failPage(page, 'the client exited: ' + error);
    }
  });
  stretchWaits(page);
}

// CHATS_TIMEOUT_FACTOR (default 1) stretches every wait of a page: the default
// timeout and each one a test gives. For a slower client, such as the checked
// build (scripts/test_client_checked.sh); pauses (waitForTimeout) stay as they are.
export const timeoutFactor = Number(process.env.CHATS_TIMEOUT_FACTOR) || 1;
const kDefaultTimeoutMs = 30000;  // Playwright's

const stretched = (options) => (options && typeof options === 'object' && options.timeout
  ? { ...options, timeout: options.timeout * timeoutFactor } : options);

function stretchWaits(page) {
  if (timeoutFactor === 1) return;
  const waitForFunction = page.waitForFunction.bind(page);
  page.waitForFunction = (fn, arg, options) => waitForFunction(fn, arg, stretched(options));
  const waitForURL = page.waitForURL.bind(page);
  page.waitForURL = (url, options) => waitForURL(url, stretched(options));
  const waitForEvent = page.waitForEvent.bind(page);
  page.waitForEvent = (event, options) => waitForEvent(event, stretched(options));
}

function stretchContextWaits(context) {
  if (timeoutFactor === 1) return;
  context.setDefaultTimeout(kDefaultTimeoutMs * timeoutFactor);
  const waitForEvent = context.waitForEvent.bind(context);
  context.waitForEvent = (event, options) => waitForEvent(event, stretched(options));
}

// Every page of every context (browser.newPage makes its own context too) is watched.
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--enable-unsafe-swiftshader', '--use-gl=angle', '--use-angle=swiftshader'],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => {
    const context = await newContext(...args);
    stretchContextWaits(context);
    context.on('page', watchPage);
    return context;
  };
  return browser;
}

export async function screenshot(page, name) {
  fs.mkdirSync(outputDir, { recursive: true });
  const file = path.join(outputDir, name + '.png');
  await page.screenshot({ path: file });
  return file;
}

async function run() {
  let passed = 0, failed = 0;
  for (const t of tests) {
    const started = Date.now();
    testNumber++;
    pageFailures = [];
    try {
      let error = null;
      try {
        const broken = new Promise((resolve, reject) => { pageFailed = () => reject(null); });
        const body = t.fn();
        body.catch(() => {});  // after a page failure nobody waits for it
        await Promise.race([body, broken]);
      } catch (e) {
        error = e;
      } finally {
        pageFailed = () => {};
      }
      // An assertion in the page is the cause of whatever failed after it.
      await new Promise((resolve) => setTimeout(resolve, 50));  // late console lines
      if (pageFailures.length) {
        throw new Error(pageFailures.join('\n     ') + (error ? '\n     then: ' + error.message : ''));
      }
      if (error) throw error;
      passed++;
      console.log(`ok   ${t.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${t.name}\n     ${(e && e.stack) || e}`);
    }
  }
  console.log(`browser tests: ${passed} passed, ${failed} failed`);
  return failed === 0;
}

// Runs the tests, then closes what the file opened (each closer is given the
// result, and runs whatever happened), and exits with the result.
export async function runAndExit(...closers) {
  let ok = false;
  try {
    ok = await run();
  } finally {
    for (const close of closers) {
      try {
        await close(ok);
      } catch (e) {
        console.log(`closing: ${e}`);
      }
    }
  }
  process.exit(ok ? 0 : 1);
}
