/**
 * Rebuilds `tests/fixtures/recorded/` from the real data in ../shared/data (see its PROVENANCE.md), so that a clone
 * of the repository can run every test without that folder:
 *
 *   npm run fixtures
 *
 * - `feed.json.br`: every recorded Daily Papers response (`feed/days/*.json`, `feed/raw/*.json`). The `raw/` files
 *   are kept byte for byte. The `days/` files (already re-formatted by the archive they come from) are written as
 *   compact JSON holding only the fields the feed schema (`lib/feed/schema.ts`) declares — Paper Radar drops every
 *   other field when it parses — and this script checks that `parseFeed` gives exactly the same result for each
 *   file before and after (it throws otherwise). Re-run it after the schema starts reading a new field.
 * - `pages.json.br`, `cases.json.br`, `relatedness.json.br`: the files of `pages/`, `cases/` and `relatedness/`,
 *   byte for byte.
 *
 * Each archive is a JSON array of `{ name, text }` (`name` relative to ../shared/data), Brotli-compressed with
 * node:zlib. `tests/helpers/recorded-feed.ts` reads them.
 */
import { readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { isDeepStrictEqual } from 'node:util';
import { parseFeed } from '../../lib/feed/parse';
import { EntrySchema } from '../../lib/feed/schema';
import { FIXTURES_DIR, SHARED_DATA_DIR, type RecordedArchive } from './recorded-feed';

/** The fields a Zod (mini) schema reads, as a tree: `true` for a leaf, a nested tree for an object or array of one. */
type Fields = true | { [key: string]: Fields };

/** What `schema` declares, unwrapping `catch`, `optional`, `nullable`, arrays and unions (their objects merged). */
function fieldsOf(schema: unknown): Fields {
  const def = (schema as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'catch':
    case 'optional':
    case 'nullable':
    case 'default':
    case 'pipe':
      return fieldsOf(def.innerType ?? def.in);
    case 'array':
      return fieldsOf(def.element);
    case 'union': {
      const merged: Record<string, Fields> = {};
      for (const option of def.options as unknown[]) {
        const f = fieldsOf(option);
        if (f !== true) Object.assign(merged, f);
      }
      return Object.keys(merged).length > 0 ? merged : true;
    }
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, fieldsOf(v)]));
    }
    default:
      return true;
  }
}

/** `value` with only the fields `fields` names (objects inside arrays alike); other values as they are. */
function keepFields(value: unknown, fields: Fields): unknown {
  if (fields === true || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => keepFields(v, fields));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const f = fields[k];
    if (f !== undefined) out[k] = keepFields(v, f);
  }
  return out;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const path = join(dir, f);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

function write(name: string, files: RecordedArchive): void {
  const json = JSON.stringify(files);
  const packed = brotliCompressSync(json, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
    },
  });
  writeFileSync(join(FIXTURES_DIR, name), packed);
  const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;
  console.log(`${name}: ${files.length} files, ${mb(json.length)} → ${mb(packed.length)}`);
}

const entryFields = fieldsOf(EntrySchema);
mkdirSync(FIXTURES_DIR, { recursive: true });

const feed: RecordedArchive = filesUnder(join(SHARED_DATA_DIR, 'feed')).flatMap((path) => {
  const name = relative(SHARED_DATA_DIR, path);
  if (!name.endsWith('.json')) return [];
  const text = readFileSync(path, 'utf8');
  if (!name.startsWith('feed/days/')) return [{ name, text }];
  const compact = JSON.stringify(keepFields(JSON.parse(text), entryFields));
  const date = /(\d{4}-\d{2}-\d{2})\.json$/.exec(name)?.[1];
  const options = { seenAt: 1, ...(date ? { listDate: date } : {}) };
  if (!isDeepStrictEqual(parseFeed(text, options), parseFeed(compact, options))) {
    throw new Error(`build-fixtures: ${name} parses differently once trimmed to the schema's fields`);
  }
  return [{ name, text: compact }];
});
write('feed.json.br', feed);

for (const folder of ['pages', 'cases', 'relatedness'] as const) {
  const files = filesUnder(join(SHARED_DATA_DIR, folder)).map((path) => ({
    name: relative(SHARED_DATA_DIR, path),
    text: readFileSync(path, 'utf8'),
  }));
  write(`${folder}.json.br`, files);
}
