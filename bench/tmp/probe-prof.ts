import { build } from 'esbuild';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../../tests/e2e/harness';

const code = (await build({ stdin: { contents: `
import { findPapers } from '../../lib/detect/find-papers';
globalThis.__probe = { generic() { const t = performance.now(); const r = findPapers(document, { url: location.href }); return [r.length, performance.now() - t]; } };`, resolveDir: join(import.meta.dirname), loader: 'ts' }, bundle: true, format: 'iife', write: false, minify: false, target: 'chrome120' })).outputFiles[0]!.text;
const links: string[] = [];
const N = Number(process.argv[2] ?? 20000);
for (let i = 0; i < N; i++) links.push(`<li><a href="https://arxiv.org/abs/24${String(1 + (i % 12)).padStart(2, '0')}.${String(10000 + Math.floor(i / 12)).padStart(5, '0')}">Paper number ${i} on something</a> by Someone et al.</li>`);
const html = `<!doctype html><html><head><title>Links</title></head><body><h1>Big list</h1><ul>${links.join('\n')}</ul></body></html>`;
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await page.route('**/*', (r) => r.fulfill({ body: html, contentType: 'text/html' }));
await page.goto('https://example.org/links');
await page.evaluate(code);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.start');
console.log(await page.evaluate(() => (globalThis as any).__probe.generic()));
const { profile } = await cdp.send('Profiler.stop');
// self time per function
const self = new Map<string, number>();
const dt = profile.timeDeltas!;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
profile.samples!.forEach((id, i) => { const n = byId.get(id)!; const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.slice(-30)}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0)); });
console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `${(v / 1000).toFixed(0)} ms ${k}`).join('\n'));
await browser.close();
