// How Kodbok starts Debian's Chromium for its browser tests and benchmarks (the brief's flags: no
// sandbox, GPU, QUIC or background traffic), shared by test/e2e/harness.ts and scripts/bench.mjs.

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
