import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Nothing leaves the browser (RELIABILITY.md rule 11): the CSP allows only this origin.
// 'unsafe-inline' for style-src is needed by ag-grid's runtime-injected theme CSS.
const csp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Headers the server sends with every response (docs/hosting.md gives them for other hosts).
 * Only a header can forbid framing (`frame-ancestors` is ignored in a meta CSP): clickjacking
 * the approve button from another site is then impossible. nosniff: a raw value exported as a
 * file is never run as a script.
 */
export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': `${csp}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

/** The dev server injects inline scripts for hot reload, so its CSP keeps only what they allow. */
const devHeaders: Readonly<Record<string, string>> = {
  ...securityHeaders,
  'Content-Security-Policy': "frame-ancestors 'none'; object-src 'none'; base-uri 'none'",
};

export default defineConfig(({ command }) => ({
  plugins: [
    react(),
    {
      name: 'kodbok-csp',
      // Only the built app gets the CSP meta: the dev server injects inline scripts for HMR.
      transformIndexHtml: (html) =>
        command === 'build'
          ? html.replace(
              '<meta charset="UTF-8" />',
              `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`,
            )
          : html,
    },
  ],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 2500 },
  server: { port: 5173, strictPort: false, headers: devHeaders },
  // `npm start` (scripts/start.mjs) and `npm run preview` serve the build with these.
  preview: { port: 4173, strictPort: false, headers: securityHeaders },
}));
