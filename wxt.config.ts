import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { ARXIV_MATCHES } from './lib/arxiv/hosts';

// See https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: '.',
  outDir: '.output',
  // Explicit imports everywhere: lint can then check them and each file says where its names come from.
  imports: false,
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: 'Paper Radar',
    description:
      'Hugging Face Daily Papers wherever you read: badges on arXiv, related trending papers, an offline reader.',
    permissions: ['storage', 'alarms', 'activeTab', 'scripting', 'unlimitedStorage'],
    // The feed, and arXiv and alphaXiv (lib/arxiv/hosts.ts): their pages get inline badges (the content script's
    // matches), and after an update the background puts the content script back into their open tabs.
    host_permissions: ['https://huggingface.co/api/daily_papers*', ...ARXIV_MATCHES],
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
