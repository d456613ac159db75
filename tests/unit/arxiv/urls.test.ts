import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { arxivIdFromDoi, arxivIdFromUrl, matchArxivUrl, type ArxivUrlKind } from '../../../lib/arxiv/urls';
import { PAGES_DIR } from '../../helpers/recorded-feed';

describe('matchArxivUrl', () => {
  it.each<[string, string, ArxivUrlKind]>([
    ['https://arxiv.org/abs/2406.01234', '2406.01234', 'arxiv'],
    ['https://arxiv.org/abs/2406.01234v3', '2406.01234', 'arxiv'],
    ['http://arxiv.org/abs/2406.01234v3#comments', '2406.01234', 'arxiv'],
    ['https://arxiv.org/abs/2406.01234?context=cs.CL', '2406.01234', 'arxiv'],
    ['https://arxiv.org/pdf/2406.01234', '2406.01234', 'arxiv'],
    ['https://arxiv.org/pdf/2406.01234v2.pdf', '2406.01234', 'arxiv'],
    ['https://arxiv.org/pdf/1703.10593.pdf', '1703.10593', 'arxiv'],
    ['https://arxiv.org/html/2501.11120v1', '2501.11120', 'arxiv'],
    ['https://arxiv.org/html/2501.11120v1/#S3.F3', '2501.11120', 'arxiv'],
    ['https://arxiv.org/html/2501.11120v1/x1.png', '2501.11120', 'arxiv'],
    ['https://arxiv.org/format/2408.04000', '2408.04000', 'arxiv'],
    ['https://export.arxiv.org/abs/0704.0001', '0704.0001', 'arxiv'],
    ['https://browse.arxiv.org/abs/1412.6980v9', '1412.6980', 'arxiv'],
    ['https://www.arxiv.org/abs/2406.01234', '2406.01234', 'arxiv'],
    ['https://arxiv.org/abs/hep-th/9901001', 'hep-th/9901001', 'arxiv'],
    ['https://arxiv.org/abs/hep-th/9901001v2', 'hep-th/9901001', 'arxiv'],
    ['https://arxiv.org/pdf/hep-th/9901001v2.pdf', 'hep-th/9901001', 'arxiv'],
    ['https://arxiv.org/abs/math.GT/0309136', 'math/0309136', 'arxiv'],
    ['https://arxiv.org/abs/cond-mat/0102536v1', 'cond-mat/0102536', 'arxiv'],
    ['http://xxx.lanl.gov/abs/hep-th/9711200', 'hep-th/9711200', 'arxiv'],
    ['arxiv.org/abs/2406.01234', '2406.01234', 'arxiv'],
    ['https://www.alphaxiv.org/abs/2406.01234', '2406.01234', 'mirror'],
    ['https://alphaxiv.org/overview/2406.01234v2', '2406.01234', 'mirror'],
    ['https://huggingface.co/papers/2406.01234', '2406.01234', 'mirror'],
    ['https://huggingface.co/papers/2406.01234#community', '2406.01234', 'mirror'],
    ['https://hf.co/papers/2406.01234', '2406.01234', 'mirror'],
    ['https://ar5iv.org/abs/1910.06709', '1910.06709', 'mirror'],
    ['https://ar5iv.labs.arxiv.org/html/1910.06709', '1910.06709', 'mirror'],
    ['https://ar5iv.labs.arxiv.org/html/hep-th/9901001', 'hep-th/9901001', 'mirror'],
    ['https://scirate.com/arxiv/2406.01234', '2406.01234', 'mirror'],
    ['https://www.semanticscholar.org/arxiv/2406.01234', '2406.01234', 'mirror'],
    ['https://www.semanticscholar.org/paper/arXiv:2406.01234', '2406.01234', 'mirror'],
    ['https://api.semanticscholar.org/arXiv:2406.01234', '2406.01234', 'mirror'],
    ['https://paperswithcode.com/paper/2406.01234', '2406.01234', 'mirror'],
    ['https://paperswithcode.com/arxiv/2406.01234', '2406.01234', 'mirror'],
    ['https://www.arxiv-vanity.com/papers/1706.03762/', '1706.03762', 'mirror'],
    ['https://www.emergentmind.com/papers/2406.01234', '2406.01234', 'mirror'],
    ['https://doi.org/10.48550/arXiv.2406.01234', '2406.01234', 'doi'],
    ['https://doi.org/10.48550/ARXIV.2406.01234', '2406.01234', 'doi'],
    ['https://dx.doi.org/10.48550/arXiv.1706.03762', '1706.03762', 'doi'],
    ['https://dl.acm.org/doi/10.48550/arXiv.2406.01234', '2406.01234', 'doi'],
    ['https://doi.org/10.48550%2FarXiv.2406.01234', '2406.01234', 'doi'],
    ['https://search.example/?doi=10.48550/arXiv.2406.01234', '2406.01234', 'doi'],
  ])('%s → %s (%s)', (url, id, kind) => {
    expect(matchArxivUrl(url)).toEqual({ id, kind });
    expect(arxivIdFromUrl(url)).toBe(id);
  });

  it.each([
    // arXiv pages that are not one paper
    'https://arxiv.org/list/hep-th/new',
    'https://arxiv.org/list/cs.CL/recent',
    'https://arxiv.org/search/?query=2406.01234&searchtype=all',
    'https://arxiv.org/search/hep-th?searchtype=author&query=Asano,+Y',
    'https://arxiv.org/a/smith_j_1',
    'https://arxiv.org/auth/show-endorsers/1902.02534',
    'https://arxiv.org/trackback/1902.02534',
    'https://info.arxiv.org/help/api/index.html',
    'https://arxiv.org/',
    'https://arxiv.org/abs/',
    // invalid ids on arXiv routes
    'https://arxiv.org/abs/2413.01234',
    'https://arxiv.org/abs/0612.1234',
    'https://arxiv.org/abs/1501.1234',
    'https://arxiv.org/abs/2406.012345',
    'https://arxiv.org/abs/foo-bar/9901001',
    // mirrors without an id
    'https://huggingface.co/papers',
    'https://huggingface.co/papers/date/2024-05-27',
    'https://huggingface.co/2406.01234',
    'https://paperswithcode.com/paper/attention-is-all-you-need',
    'https://www.semanticscholar.org/paper/Attention-is-All-you-Need-Vaswani/204e3073870fae3d05bcbc2f6a8e263d9b72e776',
    // id-shaped paths on other hosts, other DOIs, other schemes
    'https://example.com/abs/2406.01234',
    'https://github.com/org/repo/blob/main/2406.01234.pdf',
    'https://doi.org/10.1101/2021.11.08.467690',
    'https://doi.org/10.48550/arXiv.2413.01234',
    'ftp://arxiv.org/abs/2406.01234',
    'javascript:void(0)',
    '#bib.bib12',
    '/abs/2406.01234',
    'not a url at all',
    '',
  ])('%j names no arXiv paper', (url) => {
    expect(matchArxivUrl(url)).toBeUndefined();
  });

  // Forms arXiv has served over the years, mirrors, and links wrapped by other services: one real-looking example
  // each (ids of real papers).
  it.each<[string, string, string, ArxivUrlKind]>([
    ['file tree PDF (new style)', 'https://arxiv.org/ftp/arxiv/papers/1312/1312.7288.pdf', '1312.7288', 'arxiv'],
    ['file tree PDF, http, pasted', 'http://arxiv.org/ftp/arxiv/papers/1110/1110.2832.pdf', '1110.2832', 'arxiv'],
    ['file tree PDF (old style)', 'https://arxiv.org/ftp/hep-th/papers/9711/9711200.pdf', 'hep-th/9711200', 'arxiv'],
    ['PS_cache PDF', 'http://arxiv.org/PS_cache/arxiv/pdf/0704/0704.0001v2.pdf', '0704.0001', 'arxiv'],
    ['PS_cache PDF (old style)', 'http://arxiv.org/PS_cache/hep-th/pdf/9901/9901001v1.pdf', 'hep-th/9901001', 'arxiv'],
    ['gzipped PostScript', 'https://arxiv.org/ps/1706.03762v5.gz', '1706.03762', 'arxiv'],
    ['DVI', 'https://arxiv.org/dvi/hep-th/9901001v2', 'hep-th/9901001', 'arxiv'],
    ['id written with arXiv: in the path', 'https://arxiv.org/abs/arXiv:1706.03762', '1706.03762', 'arxiv'],
    ['lanl.arxiv.org', 'http://lanl.arxiv.org/abs/1706.03762v1', '1706.03762', 'arxiv'],
    ['country mirror', 'http://de.arxiv.org/abs/1412.6980', '1412.6980', 'arxiv'],
    ['old Chinese mirror', 'http://xxx.itp.ac.cn/abs/1706.03762', '1706.03762', 'arxiv'],
    ['UC Davis front end', 'https://front.math.ucdavis.edu/1706.03762', '1706.03762', 'mirror'],
    ['arxiv-sanity-lite', 'https://arxiv-sanity-lite.com/?rank=pid&pid=2501.06252', '2501.06252', 'mirror'],
    ['Connected Papers', 'https://www.connectedpapers.com/api/redirect/arxiv/2501.06252', '2501.06252', 'mirror'],
    ['bytez', 'https://bytez.com/docs/arxiv/2507.13347/paper', '2507.13347', 'mirror'],
    [
      'Google redirect',
      'https://www.google.com/url?sa=t&url=https%3A%2F%2Farxiv.org%2Fabs%2F2501.06252&usg=AOv',
      '2501.06252',
      'arxiv',
    ],
    [
      'Google Scholar link',
      'https://scholar.google.com/scholar_url?url=https://arxiv.org/pdf/1706.03762&hl=en&sa=X',
      '1706.03762',
      'arxiv',
    ],
    [
      'Facebook link shim',
      'https://l.facebook.com/l.php?u=https%3A%2F%2Farxiv.org%2Fabs%2F2503.08120%3Ffbclid%3DIw&h=AT0',
      '2503.08120',
      'arxiv',
    ],
    [
      'Reddit outbound',
      'https://out.reddit.com/t3_1abc?url=https%3A%2F%2Fhuggingface.co%2Fpapers%2F2507.13347&token=x',
      '2507.13347',
      'mirror',
    ],
    [
      'Outlook safe link',
      'https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Farxiv.org%2Fpdf%2F2501.06252v3&data=05%7C02',
      '2501.06252',
      'arxiv',
    ],
    [
      'Slack redirect',
      'https://slack-redir.net/link?url=http%3A%2F%2Farxiv.org%2Fabs%2F1706.03762',
      '1706.03762',
      'arxiv',
    ],
    [
      'LinkedIn redirect',
      'https://www.linkedin.com/redir/redirect?url=https%3A%2F%2Farxiv%2Eorg%2Fabs%2F2503%2E08120&urlhash=x',
      '2503.08120',
      'arxiv',
    ],
    [
      'Wayback Machine',
      'https://web.archive.org/web/20240101000000/https://arxiv.org/abs/1706.03762',
      '1706.03762',
      'arxiv',
    ],
    [
      'Proofpoint URL Defense',
      'https://urldefense.com/v3/__https://arxiv.org/abs/2501.06252__;!!ABC!xyz$',
      '2501.06252',
      'arxiv',
    ],
    [
      'a redirect inside a redirect',
      'https://www.google.com/url?q=https://l.facebook.com/l.php?u%3Dhttps%253A%252F%252Farxiv.org%252Fabs%252F2501.06252',
      '2501.06252',
      'arxiv',
    ],
  ])('%s: %s → %s', (_form, url, id, kind) => {
    expect(matchArxivUrl(url)).toEqual({ id, kind });
  });

  it.each([
    'https://arxiv.org/ftp/arxiv/papers/1401/1312.7288.pdf',
    'https://t.co/Xy12AbCdEf',
    'https://www.google.com/url?q=https://example.com/abs/2406.01234',
    'https://web.archive.org/web/2024/https://example.com/2406.01234',
  ])('%j names no arXiv paper (a file-tree id outside its month, a shortener, wrapped non-arXiv links)', (url) => {
    expect(matchArxivUrl(url)).toBeUndefined();
  });

  it.each([
    ['/abs/2408.04000', 'https://arxiv.org/list/hep-th/new', '2408.04000'],
    ['/pdf/hep-th/0008175v2', 'https://arxiv.org/list/hep-th/new', 'hep-th/0008175'],
    ['2406.01234', 'https://huggingface.co/papers/2401.00001', '2406.01234'],
    ['x1.png', 'https://arxiv.org/html/2501.11120v1/', '2501.11120'],
  ])('resolves relative %s against %s', (href, base, id) => {
    expect(arxivIdFromUrl(href, base)).toBe(id);
  });

  it('does not resolve a relative link against a base on another host', () => {
    expect(arxivIdFromUrl('/abs/2406.01234', 'https://example.com/reading-list')).toBeUndefined();
  });
});

describe('arxivIdFromUrl over the 25-venue URL list', () => {
  // { venue: [abstract URL, PDF URL, {meta}?] } — real URLs of papers on 25 sites; only arXiv's are arXiv papers.
  const venues = JSON.parse(readFileSync(join(PAGES_DIR, 'paper-urls-25-venues.json'), 'utf8')) as Record<
    string,
    unknown[]
  >;
  const rows = Object.entries(venues).flatMap(([venue, values]) =>
    values.filter((v): v is string => typeof v === 'string').map((url) => [venue, url] as const),
  );

  it('has every venue with its abstract and PDF URL', () => {
    expect(Object.keys(venues)).toHaveLength(25);
    expect(rows).toHaveLength(50);
  });

  it.each(rows)('%s: %s', (venue, url) => {
    // Expected independently of the detector: on arxiv.org the id is the NNNN.NNNNN in the path.
    const expected = venue === 'arxiv' ? /\/(\d{4}\.\d{4,5})/.exec(url)?.[1] : undefined;
    if (venue === 'arxiv') expect(expected).toBe('1703.10593');
    expect(arxivIdFromUrl(url)).toBe(expected);
  });
});

describe('arxivIdFromDoi', () => {
  it.each([
    ['10.48550/arXiv.2406.01234', '2406.01234'],
    ['10.48550/arxiv.2406.01234v2', '2406.01234'],
    ['doi:10.48550/arXiv.1706.03762', '1706.03762'],
    ['https://doi.org/10.48550/arXiv.2406.01234', '2406.01234'],
    ['10.48550/arXiv.hep-th/9901001', 'hep-th/9901001'],
  ])('%s → %s', (doi, id) => {
    expect(arxivIdFromDoi(doi)).toBe(id);
  });

  it.each([
    '10.1101/2021.11.08.467690v2',
    '10.1145/3491440.3491756',
    '10.48550/arXiv.2406.012345',
    '10.48550/arXiv.2413.01234',
    '10.48551/arXiv.2406.01234',
    '',
  ])('%j is not an arXiv DOI', (doi) => {
    expect(arxivIdFromDoi(doi)).toBeUndefined();
  });
});
