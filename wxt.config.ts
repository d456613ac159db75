import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { ARXIV_MATCHES } from './lib/arxiv/hosts';
import { BADGE_SCRIPTS } from './lib/ext/badge-scripts';

// See https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: '.',
  outDir: '.output',
  // Explicit imports everywhere: lint can then check them and each file says where its names come from.
  imports: false,
  vite: () => ({
    plugins: [preact()],
  }),
  hooks: {
    // The popup is built on its own, so its code is one module and one stylesheet instead of a module graph of
    // chunks shared with the other pages and the background (fewer files to resolve before its first request and
    // first paint). The other pages keep sharing their chunks.
    'entrypoints:grouped': (_wxt, groups) => {
      for (const group of groups) {
        if (!Array.isArray(group)) continue;
        const i = group.findIndex((e) => e.name === 'popup');
        if (i < 0 || group.length === 1) continue;
        const [popup] = group.splice(i, 1);
        groups.push([popup!]);
        return;
      }
    },
  },
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Paper Radar',
    description:
      'Hugging Face Daily Papers wherever you read: badges on arXiv, related trending papers, an offline reader.',
    // Chrome 102: the first to read `optional_host_permissions` (badges on all sites); everything else the code
    // uses is older (promise-returning MV3 APIs 88+, `scripting.registerContentScripts` 96+, `Array.prototype.at` 92).
    ...(browser === 'firefox' ? {} : { minimum_chrome_version: '102' }),
    // Opens the popup from the keyboard; people change the keys on the browser's shortcuts page
    // (chrome://extensions/shortcuts, or about:addons → Manage Extension Shortcuts in Firefox).
    commands: {
      [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+P' },
        description: 'Open Paper Radar',
      },
    },
    permissions: ['storage', 'alarms', 'activeTab', 'scripting', 'unlimitedStorage'],
    // The feed, and arXiv and alphaXiv (lib/arxiv/hosts.ts): their pages get inline badges (the content script's
    // matches), and after an update the background puts the content script back into their open tabs.
    host_permissions: ['https://huggingface.co/api/daily_papers*', ...ARXIV_MATCHES],
    // The arXiv badge script is a plain script listed here, not a WXT content script: WXT's wrapper announces each
    // start to the page (entrypoints/arxiv-badges.ts says why that matters).
    content_scripts: [{ matches: ARXIV_MATCHES, js: [BADGE_SCRIPTS.arxiv.slice(1)], run_at: 'document_idle' }],
    // Inline badges on every site are an opt-in: asked for when the user turns them on.
    ...(browser === 'firefox' ? { optional_permissions: ['*://*/*'] } : { optional_host_permissions: ['*://*/*'] }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'paper-radar@paper-radar.dev',
              // 140 (the current ESR) is the first to know data_collection_permissions.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
