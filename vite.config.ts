import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * A team server on another origin than the app (docs/team.md), fixed when the app is built: a
 * static page's CSP cannot be widened at run time (a second policy only narrows the first), so
 * the one server a build may contact is written into it here. Without it the app reaches a team
 * server only under its own origin (`/couch`, through the host's proxy).
 */
function teamServerOrigin(value: string | undefined): string | null {
  if (!value) return null;
  const u = new URL(value);
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.username || u.password) {
    throw new Error(`KODBOK_TEAM_SERVER must be an http(s) address, not ${value}`);
  }
  return u.origin;
}
const teamServer = teamServerOrigin(process.env.KODBOK_TEAM_SERVER);

// Nothing leaves the browser (RELIABILITY.md rule 11): the CSP allows only this origin, and the
// team server the project is shared through, when the build names one.
// 'unsafe-inline' for style-src is needed by ag-grid's runtime-injected theme CSS.
const csp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  teamServer ? `connect-src 'self' ${teamServer}` : "connect-src 'self'",
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

/** `vite preview` passes /couch/… to a local team server (KODBOK_TEAM_PROXY, e.g. http://127.0.0.1:5984). */
const teamProxy = process.env.KODBOK_TEAM_PROXY
  ? {
      '/couch': {
        target: process.env.KODBOK_TEAM_PROXY,
        changeOrigin: true,
        rewrite: (path: string) => path.replace(/^\/couch/, '') || '/',
      },
    }
  : undefined;

export default defineConfig(({ command }) => ({
  define: { __KODBOK_TEAM_SERVER__: JSON.stringify(teamServer ?? '') },
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
  preview: {
    port: 4173,
    strictPort: false,
    headers: securityHeaders,
    ...(teamProxy ? { proxy: teamProxy } : {}),
  },
}));
