// Paper Radar: wakes the extension's service worker while the popup's own scripts load. A popup opened after the
// browser stopped an idle worker waits for the worker's start (~0.2 s here, BENCHMARKS.md); this classic script runs
// as soon as the page's head is parsed, before the module graph is fetched and evaluated, so that start overlaps the
// page's. It connects a port no listener answers and closes it at once: nothing is sent.
try {
  chrome.runtime.connect({ name: 'paper-radar-wake' }).disconnect();
} catch {
  // No extension context (the page opened outside the extension): nothing to wake.
}
