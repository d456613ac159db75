/**
 * The benchmark corpora, all derived from the real recorded feed in ../shared/data/feed.
 *
 * `realPapers()`: every distinct paper of every recorded response (~9,500).
 * `deriveCorpus(real, n)` / `derivedFeedBodies(n, days)`: the real papers (or raw feed entries), then synthetic
 * ones until `n`: synthetic paper k is based on real paper j = k mod N (copy c = ⌊k / N⌋ + 1): the first half of j's
 * title words, abstract sentences and keywords joined to the second half of those of a donor paper
 * ((j × 7919 + c × 104729) mod N, never j); authors, upvotes and list date are j's; its id is a valid, unused one
 * (`<15+c><month>.<j as 5 digits>`, years 2016–2020, which the feed never lists). Text statistics and vocabulary stay
 * those of the real feed (a real corpus that large would hold more distinct terms).
 * `scaledPapers(n)`: `n` papers made from the real ones by cycling through them; copy k > 0 of a paper gets a new,
 * valid and unused id (`<15+k><month>.<5-digit sequence>`: years 2016–2020, which the feed never
 * lists), its title suffixed with words from another real title, and its list date shifted back k×7 days — sizes and text statistics stay those of the real feed.
 */
import { addDays } from '../lib/feed/dates';
import type { Paper } from '../lib/feed/paper';
import { recordedFiles, recordedPapers } from '../tests/helpers/recorded-feed';

// The recorded corpus is read by the loader the tests and eval use, so benchmarks, tests and eval see one corpus.
export { recordedFiles as recordedResponses } from '../tests/helpers/recorded-feed';

/** Every distinct paper of the recorded feed (`recordedPapers`: the store's merge rule). */
export const realPapers = recordedPapers;

export function scaledPapers(n: number): Paper[] {
  const base = realPapers();
  const out: Paper[] = [];
  for (let i = 0; i < n; i++) {
    const p = base[i % base.length]!;
    const k = Math.floor(i / base.length);
    if (k === 0) {
      out.push(p);
      continue;
    }
    const donor = base[(i * 7919) % base.length]!.title.split(' ');
    out.push({
      ...p,
      id: `${String(15 + k)}${String((i % 12) + 1).padStart(2, '0')}.${String(i).padStart(5, '0')}`,
      title: `${p.title} ${donor.slice(-3).join(' ')}`,
      listDate: addDays(p.listDate, -7 * k),
    });
  }
  return out;
}

function halves<T>(items: readonly T[]): [T[], T[]] {
  const mid = Math.ceil(items.length / 2);
  return [items.slice(0, mid), items.slice(mid)];
}

const sentences = (text: string) => text.split(/(?<=\.)\s+/);

/** Synthetic paper k of n real ones: its base j, its donor and its id (see the file comment). */
function recombination(k: number, n: number): { j: number; donor: number; id: string } {
  const j = k % n;
  const copy = Math.floor(k / n) + 1;
  let donor = (j * 7919 + copy * 104729) % n;
  if (donor === j) donor = (donor + 1) % n;
  return { j, donor, id: `${15 + copy}${String((j % 12) + 1).padStart(2, '0')}.${String(j).padStart(5, '0')}` };
}

/** The first half of the base's title words, abstract sentences and keywords, then the second half of the donor's. */
export function recombineText(
  base: { title: string; abstract: string; keywords: readonly string[] },
  donor: { title: string; abstract: string; keywords: readonly string[] },
): { title: string; abstract: string; keywords: string[] } {
  return {
    title: [...halves(base.title.split(' '))[0], ...halves(donor.title.split(' '))[1]].join(' '),
    abstract: [...halves(sentences(base.abstract))[0], ...halves(sentences(donor.abstract))[1]].join(' '),
    keywords: [...halves(base.keywords)[0], ...halves(donor.keywords)[1]],
  };
}

/** `size` papers: the real ones, then recombinations of them (see the file comment). */
export function deriveCorpus(real: readonly Paper[], size: number): Paper[] {
  const out = real.slice(0, size);
  for (let k = 0; out.length < size; k++) {
    const { j, donor, id } = recombination(k, real.length);
    out.push({ ...real[j]!, id, ...recombineText(real[j]!, real[donor]!) });
  }
  return out;
}

type RawEntry = { paper: { id: string; title: string; summary?: string; ai_keywords?: string[] } } & Record<
  string,
  unknown
>;

/** Every distinct raw entry (by `paper.id`) of the recorded responses, in response order. */
export function rawFeedEntries(): RawEntry[] {
  const seen = new Set<string>();
  const out: RawEntry[] = [];
  for (const r of recordedFiles()) {
    for (const e of JSON.parse(r.text) as RawEntry[]) {
      if (typeof e?.paper?.id !== 'string' || seen.has(e.paper.id)) continue;
      seen.add(e.paper.id);
      out.push(e);
    }
  }
  return out;
}

/**
 * `size` raw feed entries (the real ones, then recombinations, see the file comment) as `days` response bodies,
 * newest list date first, with every entry's id in order.
 */
export function derivedFeedBodies(size: number, days: number): { bodies: string[]; ids: string[] } {
  const real = rawFeedEntries();
  const text = (e: RawEntry) => ({
    title: e.paper.title,
    abstract: e.paper.summary ?? '',
    keywords: e.paper.ai_keywords ?? [],
  });
  const entries = real.slice(0, size);
  for (let k = 0; entries.length < size; k++) {
    const { j, donor, id } = recombination(k, real.length);
    const mixed = recombineText(text(real[j]!), text(real[donor]!));
    entries.push({
      ...real[j]!,
      title: mixed.title,
      paper: { ...real[j]!.paper, id, title: mixed.title, summary: mixed.abstract, ai_keywords: mixed.keywords },
    });
  }
  const per = Math.ceil(size / days);
  return {
    bodies: Array.from({ length: days }, (_v, d) => JSON.stringify(entries.slice(d * per, (d + 1) * per))),
    ids: entries.map((e) => e.paper.id),
  };
}
