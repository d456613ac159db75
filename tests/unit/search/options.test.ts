import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEARCH_OPTIONS, fuzzyDistance, INDEX_OPTIONS } from '../../../lib/search/options';
import { CORPUS, ROBOT_VLA } from './fixtures';

describe('fuzzyDistance', () => {
  it.each([
    ['llm', 0],
    ['gpt4', 1],
    ['transfor', 1],
    ['reinforcement', 2],
  ])('returns %j → %i', (term, distance) => {
    expect(fuzzyDistance(term)).toBe(distance);
  });
});

describe('INDEX_OPTIONS', () => {
  it('stores only what result lists show, and the signature updates compare', () => {
    expect(INDEX_OPTIONS.storeFields).toEqual(['title', 'upvotes', 'listDate', 'dayRank', 'sig']);
    expect(INDEX_OPTIONS.fields).toEqual(['title', 'keywords', 'abstract', 'authors', 'organization', 'names']);
  });

  it('returns stored numbers as numbers and indexes list fields phrase by phrase', () => {
    const engine = new MiniSearch(INDEX_OPTIONS);
    engine.addAll([...CORPUS]);
    const [hit] = engine.search('teleoperation');
    expect(hit).toMatchObject({ id: ROBOT_VLA.id, upvotes: ROBOT_VLA.upvotes });
    expect(typeof hit?.upvotes).toBe('number');
    expect(engine.search('Rodney', { fields: ['authors'] }).map((r) => r.id)).toEqual([ROBOT_VLA.id]);
  });

  it('processes documents and queries with the stop-word and stemming term processor', () => {
    expect(INDEX_OPTIONS.processTerm?.('Manipulations', 'title')).toBe('manipul');
    expect(INDEX_OPTIONS.processTerm?.('between', 'abstract')).toBeNull();
  });
});

describe('DEFAULT_SEARCH_OPTIONS', () => {
  it('returns prefix matches for the last term only when MiniSearch is queried directly', () => {
    const engine = new MiniSearch(INDEX_OPTIONS);
    engine.addAll([...CORPUS]);
    expect(INDEX_OPTIONS.searchOptions).toBe(DEFAULT_SEARCH_OPTIONS);
    expect(engine.search('manip').map((r) => r.id)).toEqual([ROBOT_VLA.id]);
    expect(engine.search('manip zzzz').map((r) => r.id)).toEqual([]);
  });
});
