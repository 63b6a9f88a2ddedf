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

// What a page says when the client broke: the line IM_ASSERT logs before it
// aborts (src/client/platform/imgui_assert.cpp), and the abort itself. Either
// fails the test that was running, with the page's words.
const kAssertPrefix = 'ImGui assertion failed:';
let pageFailures = [];
let pageFailed = () => {};  // ends the running test at once, not when its wait runs out

function failPage(text) {
  pageFailures.push(text);
  pageFailed();
}

function watchPage(page) {
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().startsWith(kAssertPrefix)) {
      failPage(message.text());
    }
  });
  page.on('pageerror', (error) => {
    if (String(error).includes('Aborted(')) failPage('the client aborted: ' + error);
  });
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
