/// <reference types="vitest/config" />
import { randomBytes } from 'node:crypto';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** Where the dev server serves plugin-react's Fast Refresh preamble as a module. */
const PREAMBLE_URL = '/@mmscope/react-refresh-preamble';
/** index.html's policy; the attribute order is the one index.html uses. */
const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>\s*/;
const CHARSET_META = /<meta charset="[^"]*"\s*\/?>\s*/;

/**
 * index.html's Content-Security-Policy forbids inline scripts and eval, in the dev server as in
 * the build. The build needs nothing more (its scripts and styles are files); the dev server
 * would break two rules, so this plugin gives it what it needs without loosening the policy:
 * - plugin-react injects its Fast Refresh preamble as an inline <script>; the same code
 *   (plugin-react exports it as `preambleCode`) is served here as a module and the inline
 *   script is replaced by a <script src> for it;
 * - Vite's client injects a <style> element per CSS module; a nonce drawn when the server
 *   starts is added to style-src (dev only), and `html.cspNonce` makes the client set it.
 * In both, the policy is moved to the top of <head>: the scripts Vite prepends there (its dev
 * client, the preamble) would otherwise come before it, and a policy from a <meta> only
 * governs what follows it.
 */
function contentSecurityPolicy(): Plugin {
  const nonce = randomBytes(18).toString('base64');
  let serving = false;
  let base = '/';
  const preamble = () => react.preambleCode.replace('__BASE__', base);
  // (`base` and the nonce hold no `$`, so they are safe in String.replace replacements.)
  return {
    name: 'mmscope:content-security-policy',
    config: (_config, { command }) => {
      serving = command === 'serve';
      return serving ? { html: { cspNonce: nonce } } : {};
    },
    configResolved: (config) => {
      base = config.base;
    },
    resolveId: (id) => (serving && id === PREAMBLE_URL ? id : undefined),
    load: (id) => (serving && id === PREAMBLE_URL ? preamble() : undefined),
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const meta = CSP_META.exec(html);
        if (!meta) throw new Error('index.html lost its Content-Security-Policy <meta>');
        let policy = meta[1]!;
        if (serving) {
          policy = policy.replace(/style-src ([^;]*)/, `style-src $1 'nonce-${nonce}'`);
          const inline = `<script type="module">${preamble()}</script>`;
          html = html.replace(inline, `<script type="module" src="${PREAMBLE_URL}"></script>`);
        }
        const charset = CHARSET_META.exec(html)?.[0].trim() ?? '<meta charset="UTF-8" />';
        const csp = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
        const head = `<head>\n    ${charset}\n    ${csp}\n    `;
        return html
          .replace(meta[0], '')
          .replace(CHARSET_META, '')
          .replace(/<head>\s*/, head);
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  worker: { format: 'es' },
  build: {
    rolldownOptions: {
      output: {
        // libraries in their own chunks: none passes the 500 kB warning, and they cache apart
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: ['e2e/**', '**/node_modules/**', 'dist/**'],
    environment: 'node',
  },
});
