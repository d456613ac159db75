/**
 * The badge content scripts' built files (`entrypoints/<name>-badges.ts`): listed in the manifest by
 * `wxt.config.ts`, registered for all sites by `everywhere.ts`, injected again into open arXiv tabs after an update.
 */
export const BADGE_SCRIPTS = { arxiv: '/arxiv-badges.js', everywhere: '/everywhere-badges.js' } as const;

export type BadgeScriptName = keyof typeof BADGE_SCRIPTS;
