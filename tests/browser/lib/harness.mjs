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

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--enable-unsafe-swiftshader', '--use-gl=angle', '--use-angle=swiftshader'],
  });
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
    try {
      await t.fn();
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
