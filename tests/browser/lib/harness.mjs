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

function watchPage(page) {
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().startsWith(kAssertPrefix)) {
      pageFailures.push(message.text());
    }
  });
  page.on('pageerror', (error) => {
    if (String(error).includes('Aborted(')) pageFailures.push('the client aborted: ' + error);
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

export async function run() {
  let passed = 0, failed = 0;
  for (const t of tests) {
    const started = Date.now();
    pageFailures = [];
    try {
      let error = null;
      try {
        await t.fn();
      } catch (e) {
        error = e;
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
