/**
 * Web pages about papers, built from a paper's record in the shapes a reader meets them: its arXiv abstract page
 * (the recorded 2026 layout with the paper's title, authors, abstract and id swapped in), a blog post about it, a
 * GitHub README of its code, and a reading list of several papers. Used by the relatedness eval and the e2e tests;
 * every text is HTML-escaped.
 */
import type { Paper } from '../../lib/feed/paper';
import { recordedPage } from './recorded-feed';

const TEMPLATE_FILE = 'arxiv-abs-1902.02534-layout2026.html';
const TEMPLATE_ID = '1902.02534';
const TEMPLATE_TITLE =
  'Crowdsourcing open citations with CROCI -- An analysis of the current status of open citations, and a proposal';

let template: string | undefined;

/** Escapes text for HTML text and double-quoted attributes. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function setMeta(html: string, key: string, value: string): string {
  const re = new RegExp(`(<meta (?:name|property)="${key.replace(/[.:]/g, '\\$&')}" content=")[^"]*(")`, 'g');
  return html.replace(re, (_m, a: string, b: string) => `${a}${escapeHtml(value)}${b}`);
}

/** `Last, First` as arXiv writes `citation_author`. */
function lastFirst(name: string): string {
  const parts = name.trim().split(/\s+/);
  return parts.length < 2 ? name : `${parts.at(-1)}, ${parts.slice(0, -1).join(' ')}`;
}

/** The paper's arXiv abstract page (`https://arxiv.org/abs/ID`), in arXiv's 2026 layout. */
export function arxivAbsPage(p: Pick<Paper, 'id' | 'title' | 'abstract' | 'authors'>): string {
  template ??= recordedPage(TEMPLATE_FILE);
  let html = template;
  const title = escapeHtml(p.title);
  html = html.replace(/<title>[^<]*<\/title>/, `<title>[${p.id}] ${title}</title>`);
  for (const key of ['og:title', 'twitter:title', 'citation_title']) html = setMeta(html, key, p.title);
  for (const key of ['og:description', 'twitter:description', 'citation_abstract'])
    html = setMeta(html, key, p.abstract);
  html = setMeta(html, 'description', `Abstract page for arXiv paper ${p.id}: ${p.title}`);
  html = html.replace(/<meta name="citation_author" content="[^"]*" \/>/g, '');
  const authorMetas = p.authors.map((a) => `<meta name="citation_author" content="${escapeHtml(lastFirst(a))}" />`);
  html = html.replace(/(<meta name="citation_title" content="[^"]*" \/>)/, `$1${authorMetas.join('')}`);
  html = html.replace(
    /(<h1 class="title mathjax"><span class="descriptor">Title:<\/span>)[^<]*(<\/h1>)/,
    `$1${title}$2`,
  );
  const authorLinks = p.authors.map(
    (a) => `<a href="https://arxiv.org/a/${encodeURIComponent(a)}" rel="nofollow">${escapeHtml(a)}</a>`,
  );
  html = html.replace(
    /(<div class="authors"><span class="descriptor">Authors:<\/span>).*?(<\/div>)/,
    `$1${authorLinks.join(', ')}$2`,
  );
  html = html.replace(
    /(<span class="descriptor">Abstract:<\/span>)[\s\S]*?(\n\s*<\/blockquote>)/,
    `$1${escapeHtml(p.abstract)}$2`,
  );
  html = html.split(TEMPLATE_TITLE).join(title);
  html = html
    .split(TEMPLATE_ID)
    .join(p.id)
    .split(`abs-${TEMPLATE_ID.replace('.', '-')}`)
    .join(`abs-${p.id.replace('.', '-')}`);
  return html;
}

/** The first `max` characters of a text, cut at a word boundary. */
function excerpt(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1))}…`;
}

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-Z])/);
}

/**
 * A blog post about the paper, without an arXiv link: its title as the headline, the abstract's opening as the
 * description, the abstract in the body under generic headings, site navigation and a footer around it.
 */
export function blogPostPage(p: Pick<Paper, 'title' | 'abstract'>): string {
  const s = sentences(p.abstract);
  const half = Math.max(1, Math.ceil(s.length / 2));
  const description = escapeHtml(excerpt(p.abstract, 300));
  return `<!doctype html><html><head><title>${escapeHtml(p.title)} — reading notes | The Gradient Descent Blog</title>
<meta name="description" content="${description}"><meta property="og:title" content="${escapeHtml(p.title)}">
<meta property="og:description" content="${description}"><meta property="og:site_name" content="The Gradient Descent Blog">
</head><body><header><nav><a href="/">Home</a> <a href="/archive">Archive</a> <a href="/about">About</a></nav></header>
<article><h1>${escapeHtml(p.title)}</h1><p class="byline">Posted by a reader · 6 min read</p>
<h2>What the paper does</h2><p>${escapeHtml(s.slice(0, half).join(' '))}</p>
<h2>Why it matters</h2><p>${escapeHtml(s.slice(half).join(' '))}</p>
<h2>Comments</h2><p>No comments yet.</p></article>
<footer><h2>Subscribe</h2><p>Get new posts by email.</p></footer></body></html>`;
}

/** A short repository name for a paper: the name before a colon in its title, else its first word. */
function repoName(title: string): string {
  const head = title.includes(':') ? title.split(':')[0]! : (title.split(/\s+/)[0] ?? 'paper');
  return head.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'paper';
}

/**
 * The GitHub page of the paper's code, as a README shows it: the repository name, the abstract's first sentence as
 * the repository description, the usual README headings; the abstract in the body, the title only inside a BibTeX
 * block (so no detector sees it).
 */
export function readmePage(p: Pick<Paper, 'title' | 'abstract'>): string {
  const name = repoName(p.title);
  const first = excerpt(sentences(p.abstract)[0] ?? p.abstract, 200);
  const about = escapeHtml(first);
  return `<!doctype html><html><head><title>GitHub - research-lab/${escapeHtml(name)}: ${about}</title>
<meta name="description" content="${about} - research-lab/${escapeHtml(name)}"><meta property="og:description" content="${about}">
<meta property="og:site_name" content="GitHub"></head><body><header><nav><a href="/">GitHub</a></nav></header>
<main><h1>research-lab/${escapeHtml(name)}</h1><p>${about}</p><article class="markdown-body">
<h1>${escapeHtml(name)}</h1><p>Official implementation.</p><p>${escapeHtml(p.abstract)}</p>
<h2>News</h2><ul><li>Code and checkpoints released.</li></ul><h2>Installation</h2><pre>pip install -r requirements.txt</pre>
<h2>Quick start</h2><pre>python train.py --config configs/default.yaml</pre><h2>Citation</h2>
<pre>@article{${escapeHtml(name.toLowerCase())}, title={${escapeHtml(p.title)}}, year={2025}}</pre>
<h2>Acknowledgements</h2><p>We thank the open-source community.</p></article></main></body></html>`;
}

/** A reading list (a bibliography) of several papers, each linked to its arXiv abstract page. */
export function readingListPage(papers: readonly Pick<Paper, 'id' | 'title' | 'authors'>[]): string {
  const items = papers.map(
    (p) =>
      `<li><a href="https://arxiv.org/abs/${p.id}">${escapeHtml(p.title)}</a>. ${escapeHtml(p.authors.slice(0, 3).join(', '))}. arXiv:${p.id}</li>`,
  );
  return `<!doctype html><html><head><title>Reading list | Lab wiki</title></head><body>
<h1>Reading list</h1><p>Papers we discussed this month.</p><ol>${items.join('\n')}</ol></body></html>`;
}
