import { describe, expect, it } from 'vitest';
import type { StoredTopic } from '../../../lib/topics/topic';
import { deriveTopics, paperTopicTerms, topicScorer, type DerivedTopic } from '../../../lib/topics/derive';
import { reconcileTopics, topicSimilarity } from '../../../lib/topics/stable';
import { recordedPapers } from '../../helpers/recorded-feed';

const all = recordedPapers();
const dates = [...new Set(all.map((p) => p.listDate))].filter((d) => d >= '2026-05-01').sort();
/** The papers listed from 2026-05-01 up to and including `last`. */
const upTo = (last: string) => all.filter((p) => p.listDate >= '2026-05-01' && p.listDate <= last);

const derived = (label: string, terms: string[], papers = 10): DerivedTopic => ({
  label,
  terms: terms.map((term, i) => ({ term, label: term, weight: 10 - i })),
  papers,
});

describe('deriveTopics', () => {
  const base = upTo(dates.at(-2)!);
  const topics = deriveTopics(base);

  it('derives a small set of named topics from the papers, each covering papers', () => {
    expect(base.length).toBeGreaterThan(1000);
    expect(topics.length).toBeGreaterThanOrEqual(10);
    expect(topics.length).toBeLessThanOrEqual(40);
    for (const t of topics) {
      expect(t.label.split(' · ')).toHaveLength(3);
      expect(t.terms.length).toBeGreaterThanOrEqual(4);
      expect(t.papers).toBeGreaterThan(0);
    }
    // Distinct names.
    expect(new Set(topics.map((t) => t.label)).size).toBe(topics.length);
  });

  it('is deterministic', () => {
    expect(deriveTopics(base)).toEqual(topics);
  });

  it('puts papers into topics their keywords and titles name', () => {
    const score = topicScorer(topics.map((t) => t.terms));
    const assigned = base.filter((p) => score(paperTopicTerms(p)).length > 0).length;
    expect(assigned / base.length).toBeGreaterThan(0.5);
  });

  it('gives nothing for too few papers', () => {
    expect(deriveTopics(base.slice(0, 3))).toEqual([]);
  });
});

describe('reconcileTopics', () => {
  it('adding a day of papers neither renames nor drops a followed topic', () => {
    const before = reconcileTopics([], deriveTopics(upTo(dates.at(-2)!)), new Set(), 1000);
    // Follow three topics: the largest, a middle one and the smallest.
    const followedTopics = [before[0]!, before[Math.floor(before.length / 2)]!, before.at(-1)!];
    const followed = new Set(followedTopics.map((t) => t.id));
    const after = reconcileTopics(before, deriveTopics(upTo(dates.at(-1)!)), followed, 2000);
    for (const t of followedTopics) {
      const kept = after.find((x) => x.id === t.id);
      expect(kept, t.label).toBeDefined();
      expect(kept!.label).toBe(t.label);
      expect(kept!.terms).toEqual(t.terms);
      expect(kept!.createdAt).toBe(1000);
    }
    // Most unfollowed topics continue too (ids and names kept), with their terms following the feed.
    const kept = before.filter((t) => after.some((x) => x.id === t.id && x.label === t.label)).length;
    expect(kept / before.length).toBeGreaterThan(0.6);
    // Ids stay unique.
    expect(new Set(after.map((t) => t.id)).size).toBe(after.length);
  });

  it('keeps a followed topic no derivation continues, unchanged, and drops an unfollowed one', () => {
    const prev: StoredTopic[] = [
      {
        id: 'a',
        label: 'old · gone · topic',
        terms: derived('', ['old', 'gone', 'topic', 'x']).terms,
        createdAt: 1,
        updatedAt: 1,
      },
      {
        id: 'b',
        label: 'other · gone · one',
        terms: derived('', ['other', 'went', 'away', 'y']).terms,
        createdAt: 1,
        updatedAt: 1,
      },
    ];
    const next = reconcileTopics(
      prev,
      [derived('new · fresh · thing', ['new', 'fresh', 'thing', 'z'])],
      new Set(['a']),
      5,
    );
    expect(next.map((t) => t.label)).toEqual(['new · fresh · thing', 'old · gone · topic']);
    expect(next[1]).toEqual(prev[0]);
    expect(next[0]!.id).not.toBe('a');
    expect(next[0]!.id).not.toBe('b');
  });

  it('matches one to one: of two stored topics merged into one, the closer keeps the id', () => {
    const prev: StoredTopic[] = [
      { id: 'p1', label: 'p one', terms: derived('', ['a', 'b', 'c', 'd']).terms, createdAt: 1, updatedAt: 1 },
      { id: 'p2', label: 'p two', terms: derived('', ['a', 'b', 'e', 'f']).terms, createdAt: 1, updatedAt: 1 },
    ];
    const next = reconcileTopics(prev, [derived('merged', ['a', 'b', 'c', 'd', 'e'])], new Set(), 9);
    expect(next).toHaveLength(1);
    expect(next[0]!.id).toBe('p1');
    expect(next[0]!.label).toBe('p one');
    expect(topicSimilarity(prev[0]!.terms, next[0]!.terms)).toBeGreaterThan(
      topicSimilarity(prev[1]!.terms, next[0]!.terms),
    );
  });
});
