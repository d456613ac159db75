// Where a badge belongs: next to what was found, unless the page's structure proves an entry of a paper list.
import { describe, expect, it } from 'vitest';
import { findPapers } from '../../../lib/detect/find-papers';
import { parseHtml } from './fixtures';
import { recordedCase } from '../../helpers/recorded-feed';

const anchors = (html: string, url = 'https://blog.example/post') =>
  findPapers(parseHtml(html, url)).map((m) => [m.id, m.anchor?.localName, m.anchor?.className || undefined]);

describe('structural entries: badges at the entry title only where the layout proves an entry', () => {
  it.each([
    [
      'a blog post’s <article> under 5,000 characters',
      '<article><h1>What I read this week</h1><p>A neat trick from <a href="https://arxiv.org/abs/2501.06252">this paper</a>.</p></article>',
      [['2501.06252', 'a', undefined]],
    ],
    [
      'a list item in a reading list',
      '<ul><li><h3>Adaptive models</h3> notes, see <a href="https://arxiv.org/abs/2501.06252">arXiv</a></li></ul>',
      [['2501.06252', 'a', undefined]],
    ],
    [
      'a table row with a title cell',
      '<table><tr><td class="title">Adaptive models</td><td><a href="https://arxiv.org/abs/2501.06252">pdf</a></td></tr></table>',
      [['2501.06252', 'a', undefined]],
    ],
    [
      'a glossary <dl> without arXiv’s listing markup',
      '<dl><dt>SVF</dt><dd>Singular value fine-tuning, see <a href="https://arxiv.org/abs/2501.06252">here</a>.</dd></dl>',
      [['2501.06252', 'a', undefined]],
    ],
    [
      'an <article> card outside Hugging Face',
      '<article class="card"><h3>Adaptive models</h3><a href="https://huggingface.co/papers/2501.06252">discuss</a></article>',
      [['2501.06252', 'a', undefined]],
    ],
    [
      'an id written in a paragraph under a heading',
      '<section><h2>Related work</h2><p>As shown in arXiv:2501.06252, models adapt.</p></section>',
      [['2501.06252', 'p', undefined]],
    ],
  ])('not an entry — %s: the badge stays at the link or text', (_kind, html, expected) => {
    expect(anchors(html)).toEqual(expected);
  });

  it.each([
    [
      'arXiv listing markup (dt + dd with .list-title)',
      '<dl><dt><a href="/abs/2501.06252" title="Abstract">arXiv:2501.06252</a></dt><dd><div class="list-title">Title: Transformer²</div></dd></dl>',
      'https://arxiv.org/list/cs.LG/new',
      [['2501.06252', 'div', 'list-title']],
    ],
    [
      'arXiv search results',
      '<ol><li class="arxiv-result"><p class="list-title"><a href="https://arxiv.org/abs/2501.06252">arXiv:2501.06252</a></p><p class="title is-5">Transformer²</p></li></ol>',
      'https://arxiv.org/search/?query=svf',
      [['2501.06252', 'p', 'title is-5']],
    ],
    [
      'Hugging Face paper cards',
      '<article><a href="/papers/2501.06252"><img alt=""></a><h3><a href="/papers/2501.06252">Transformer²</a></h3></article>',
      'https://huggingface.co/papers/date/2025-01-14',
      [['2501.06252', 'h3', undefined]],
    ],
    [
      'Google Scholar results',
      '<div class="gs_r gs_or"><div class="gs_ri"><h3 class="gs_rt"><a href="https://x.example/p">Transformer²</a></h3><div class="gs_fl"><a href="https://arxiv.org/abs/2501.06252">arXiv</a></div></div></div>',
      'https://scholar.google.com/scholar?q=svf',
      [['2501.06252', 'h3', 'gs_rt']],
    ],
  ])('an entry — %s: the badge goes at the entry title', (_kind, html, url, expected) => {
    expect(anchors(html, url)).toEqual(expected);
  });

  it('groups one paper’s link and id in one paragraph into one mention, at the first of them', () => {
    expect(anchors('<p>See <a href="https://arxiv.org/abs/2501.06252">the paper</a> (arXiv:2501.06252).</p>')).toEqual([
      ['2501.06252', 'a', undefined],
    ]);
  });
});

describe('text as a reader sees it', () => {
  it('reads a URL split across inline elements (X, Mastodon) and a shortener’s expanded-URL attribute', () => {
    const html = recordedCase('05-x-tweet-split-url.html');
    const found = findPapers(parseHtml(html, 'https://x.com/someone/status/1879000000000000000'));
    expect(found.map((m) => [m.id, m.reason, m.anchor?.localName])).toEqual([
      ['2501.06252', 'link', 'a'],
      ['2507.13347', 'link', 'a'],
      ['2503.08120', 'link', 'a'],
    ]);
  });

  it.each([
    ['data-expanded-url', '<a href="https://t.co/x1" data-expanded-url="https://arxiv.org/abs/2507.13347">t.co/x1</a>'],
    ['title', '<a href="https://bit.ly/3abc" title="https://arxiv.org/pdf/2507.13347v2">bit.ly/3abc</a>'],
    [
      'data-full-url',
      '<a href="https://lnkd.in/e4" data-full-url="https://huggingface.co/papers/2507.13347">lnkd.in/e4</a>',
    ],
  ])('reads a shortener link’s %s attribute', (_attr, html) => {
    expect(findPapers(parseHtml(`<p>${html}</p>`)).map((m) => [m.id, m.reason])).toEqual([['2507.13347', 'link']]);
  });

  it('does not read an id across a block boundary', () => {
    expect(findPapers(parseHtml('<div>arXiv:2501.0</div><div>6252</div>'))).toEqual([]);
  });

  it('separates words at a <br>, so an id cut by a line break is not joined', () => {
    expect(findPapers(parseHtml('<p>arXiv:2501.0<br>6252</p>'))).toEqual([]);
    expect(findPapers(parseHtml('<p>arXiv:2501.0<span>6252</span></p>')).map((m) => m.id)).toEqual(['2501.06252']);
  });
});
