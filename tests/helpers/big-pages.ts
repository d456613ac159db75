/**
 * Big pages built from real ones, for the end-to-end tests and the benchmarks: an arXiv listing of any length
 * (the real hep-th entries repeated, each under its own id) and a reading list of any number of arXiv links.
 */

/** The id of entry `i` of a big page: `2409.10000`… for the first 90,000, then `2410.10000`… (180,000 in all). */
export function bigPageId(i: number): string {
  return i < 90_000 ? `2409.${10000 + i}` : `2410.${10000 + i - 90_000}`;
}

/**
 * The real listing `html` (an arXiv `/list/…` page) with its entries repeated to `count`, entry `i` under
 * `bigPageId(i)`. With `abstracts: false` the abstract paragraphs go, as on arXiv's `pastweek?show=N` pages.
 */
export function bigListing(html: string, count: number, options: { abstracts?: boolean } = {}): string {
  const open = html.indexOf('<dt>');
  const close = html.lastIndexOf('</dl>');
  let entries = html
    .slice(open, close)
    .split(/(?=<dt>)/)
    .filter((e) => e.includes('title="Abstract"'));
  if (options.abstracts === false) entries = entries.map((e) => e.replace(/<p class='mathjax'>[\s\S]*?<\/p>/g, ''));
  const body: string[] = [];
  for (let i = 0; i < count; i++) {
    const entry = entries[i % entries.length] as string;
    const id = /<a href ="\/abs\/([^"]+)"/.exec(entry)?.[1] as string;
    body.push(entry.split(id).join(bigPageId(i)));
  }
  return `${html.slice(0, open)}${body.join('')}${html.slice(close)}`;
}

/** A reading list of `count` arXiv links (`bigPageId(i % distinct)`), each with a line of text, as one `<ul>`. */
export function manyLinks(count: number, distinct = count): string {
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = bigPageId(i % distinct);
    items.push(
      `<li><a href="https://arxiv.org/abs/${id}">Paper ${i}: a title of ordinary length</a> — A. Author et al.</li>`,
    );
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>Reading list</title></head><body><h1>Reading list</h1><ul>${items.join('\n')}</ul></body></html>`;
}
