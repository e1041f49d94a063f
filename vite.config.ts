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
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
}));
