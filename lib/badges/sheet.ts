/** The constructed stylesheet a badge's shadow roots share, where the page lets the content script adopt one. */

/**
 * A constructed stylesheet of `css` for shadow roots in `doc`, or undefined where none can be adopted: no
 * constructable stylesheets, or a Firefox content script, whose assignment of `adoptedStyleSheets` across the page's
 * Xray wrapper throws ("Accessing from Xray wrapper is not supported", seen with Firefox ESR 140.12 — every badge
 * creation failed). Tried once on a probe root, so each root then carries a `<style>` of its own instead.
 */
export function adoptableSheet(doc: Document, css: string): CSSStyleSheet | undefined {
  try {
    const win = doc.defaultView as (Window & { CSSStyleSheet?: typeof CSSStyleSheet }) | null;
    if (!win?.CSSStyleSheet) return undefined;
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(css);
    const probe = doc.createElement('span').attachShadow({ mode: 'open' });
    probe.adoptedStyleSheets = [sheet];
    return sheet;
  } catch {
    return undefined;
  }
}
