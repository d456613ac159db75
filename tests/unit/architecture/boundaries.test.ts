/**
 * The folder boundaries of eslint.config.js, proven: ESLint (its Node API, the project's own config) runs on
 * deliberately illegal snippets placed at real paths, and each must be reported by the rule that guards it; legal
 * snippets must pass. A zone that stops resolving (the fault this file was written for) fails here.
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The rule ids ESLint reports for `code` as if it were the file `path` (relative to the repo). */
async function reported(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const ZONE = 'import-x/no-restricted-paths';
const TYPES_ONLY = '@typescript-eslint/no-restricted-imports';

// [what is illegal, file it is put in, code, the rule that must report it]
const ILLEGAL: [string, string, string, string][] = [
  // The four of issue 7.
  [
    'lib/ imports components/',
    'lib/detect/normalize.ts',
    "import { formatDay } from '../../components/format';\nexport const f = formatDay;",
    ZONE,
  ],
  [
    'lib/ imports a type from components/',
    'lib/detect/normalize.ts',
    "import type { ReaderSort } from '../../components/reader-view';\nexport type S = ReaderSort;",
    ZONE,
  ],
  [
    'lib/ imports components/ dynamically',
    'lib/detect/normalize.ts',
    "export const load = () => import('../../components/format');",
    ZONE,
  ],
  ['lib/feed imports lib/db', 'lib/feed/parse.ts', "export { getPaper } from '../db/queries';", ZONE],
  ['lib/topics imports lib/db', 'lib/topics/stable.ts', "export { getTopics } from '../db/user-data';", ZONE],
  [
    'content-script code (lib/badges) imports the follow matcher (RE2)',
    'lib/badges/follow-marks.ts',
    "import { compileFollows } from '../follow/match';\nexport const c = compileFollows;",
    ZONE,
  ],
  // One per zone added since.
  [
    'lib/ imports hooks/',
    'lib/sync/plan.ts',
    "import { useNow } from '../../hooks/use-now';\nexport const u = useNow;",
    ZONE,
  ],
  ['lib/ imports entrypoints/', 'lib/background/lookup.ts', "import '../../entrypoints/scanner';", ZONE],
  ['components/ imports entrypoints/', 'components/format.ts', "import '../entrypoints/popup/main';", ZONE],
  [
    'components/ imports lib/ext runtime code',
    'components/popup-view.tsx',
    "import { send } from '../lib/ext/messaging';\nexport const s = send;",
    ZONE,
  ],
  [
    'components/ imports WXT',
    'components/popup-view.tsx',
    "import { browser } from 'wxt/browser';\nexport const b = browser;",
    ZONE,
  ],
  [
    'components/ reads the browser global',
    'components/format.ts',
    'export const id = browser.runtime.id;',
    'no-restricted-globals',
  ],
  [
    'components/ runs a hook of hooks/',
    'components/popup-view.tsx',
    "import { useNow } from '../hooks/use-now';\nexport const u = useNow;",
    TYPES_ONLY,
  ],
  [
    'content-script code (lib/badges) imports lib/db',
    'lib/badges/render.ts',
    "import { getPaper } from '../db/queries';\nexport const g = getPaper;",
    ZONE,
  ],
  [
    'content-script code (lib/detect) imports Dexie',
    'lib/detect/text.ts',
    "import Dexie from 'dexie';\nexport const D = Dexie;",
    ZONE,
  ],
  [
    'a content script imports Zod',
    'entrypoints/arxiv-badges.ts',
    "import * as z from 'zod/mini';\nexport const s = z.string();",
    ZONE,
  ],
  [
    'content-script code (lib/arxiv) imports the settings (Zod)',
    'lib/arxiv/urls.ts',
    "import { readSettings } from '../settings/settings';\nexport const r = readSettings;",
    ZONE,
  ],
  [
    'content-script glue imports the protocol schemas',
    'lib/ext/page-badges.ts',
    "import { RequestSchema } from './protocol';\nexport const r = RequestSchema;",
    ZONE,
  ],
  [
    'the messaging adapter imports the protocol at run time',
    'lib/ext/messaging.ts',
    "import { MAX_IDS } from './protocol';\nexport const m = MAX_IDS;",
    TYPES_ONLY,
  ],
  [
    'the scanner imports the search index',
    'entrypoints/scanner.ts',
    "import { buildIndex } from '../lib/search/paper-index';\nexport const b = buildIndex;",
    ZONE,
  ],
  [
    'lib/detect imports lib/db',
    'lib/detect/page-meta.ts',
    "import type { PaperRadarDB } from '../db/database';\nexport type D = PaperRadarDB;",
    ZONE,
  ],
  ['lib/search imports lib/db', 'lib/search/related.ts', "export * from '../db/queries';", ZONE],
  ['lib/arxiv imports lib/db', 'lib/arxiv/id.ts', "export const q = () => import('../db/queries');", ZONE],
  [
    'lib/ outside lib/ext imports WXT',
    'lib/sync/controller.ts',
    "import { browser } from 'wxt/browser';\nexport const b = browser;",
    ZONE,
  ],
  [
    'lib/background imports WXT storage',
    'lib/background/lookup.ts',
    "import { storage } from 'wxt/utils/storage';\nexport const s = storage;",
    ZONE,
  ],
  [
    'a top-level lib/ file imports WXT',
    'lib/log.ts',
    "import type { Browser } from 'wxt/browser';\nexport type B = Browser.runtime.Port;",
    ZONE,
  ],
  [
    'an inline import type, which no zone can see',
    'lib/sync/status.ts',
    "export type P = import('../../components/reader-view').ReaderSort;",
    'no-restricted-syntax',
  ],
];

const LEGAL: [string, string, string][] = [
  ['lib/ext imports WXT', 'lib/ext/storage.ts', "import { browser } from 'wxt/browser';\nexport const b = browser;"],
  ['hooks/ import lib/ext', 'hooks/use-now.ts', "import { send } from '../lib/ext/messaging';\nexport const s = send;"],
  [
    'lib/background imports lib/db',
    'lib/background/lookup.ts',
    "import { getPaper } from '../db/queries';\nexport const g = getPaper;",
  ],
  [
    'components/ import the shape a hook produces',
    'components/popup-view.tsx',
    "import type { Loadable } from '../hooks/use-loadable';\nexport type L = Loadable<number>;",
  ],
  [
    'components/ import a summary type of lib/feed',
    'components/paper-hits.tsx',
    "import type { PaperHit } from '../lib/feed/summary';\nexport type H = PaperHit;",
  ],
  [
    'the messaging adapter imports the protocol types',
    'lib/ext/messaging.ts',
    "import type { Request } from './protocol';\nexport type R = Request;",
  ],
  [
    'content-script code imports lib/arxiv and the badge summary',
    'lib/badges/render.ts',
    "import type { BadgeInfo } from '../feed/summary';\nimport { arxivIdFromUrl } from '../arxiv/urls';\nexport type B = BadgeInfo;\nexport const a = arxivIdFromUrl;",
  ],
];

describe('eslint.config.js import boundaries', () => {
  it.each(ILLEGAL)('reports %s', async (_what, path, code, rule) => {
    expect(await reported(path, code)).toContain(rule);
  });

  it.each(LEGAL)('allows %s', async (_what, path, code) => {
    expect(await reported(path, code)).toEqual([]);
  });
});
