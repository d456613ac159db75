import { useState } from 'preact/hooks';
import type { FollowInfo, HistoryEntry } from '../hooks/use-personal';
import type { Settings } from '../lib/settings/settings';
import type { Loadable } from '../hooks/use-loadable';
import { formatCount, plural } from './format';
import { arxivAbsUrl } from './paper-links';
import { CheckboxSetting } from './setting-fields';

export interface OptionsPersonalProps {
  settings: Settings;
  onSave: (patch: Partial<Settings>) => Promise<Settings>;
  history: Loadable<HistoryEntry[]>;
  follows: Loadable<FollowInfo[]>;
  onDeleteHistory: (ids: string[]) => Promise<HistoryEntry[]>;
  onClearHistory: () => Promise<HistoryEntry[]>;
  onRestoreHistory: (entries: HistoryEntry[]) => Promise<void>;
  /** Resolves with the refusal's reason (an invalid pattern), or undefined when followed. */
  onFollow: (kind: 'keyword' | 'regex', value: string) => Promise<string | undefined>;
  onUnfollow: (id: string) => Promise<void>;
}

/** History entries listed before "Show all". */
const HISTORY_SHOWN = 20;

const TIME = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/** The reading history (see, delete, pause, clear with undo) and the followed keywords and patterns. */
export function OptionsPersonal(props: OptionsPersonalProps) {
  return (
    <>
      <ReadingHistory {...props} />
      <Follows {...props} />
    </>
  );
}

function ReadingHistory({
  settings,
  onSave,
  history,
  onDeleteHistory,
  onClearHistory,
  onRestoreHistory,
}: OptionsPersonalProps) {
  const [undo, setUndo] = useState<{ entries: HistoryEntry[]; what: string } | undefined>(undefined);
  const [note, setNote] = useState('');
  const [all, setAll] = useState(false);
  const entries = history.value ?? [];
  const shown = all ? entries : entries.slice(0, HISTORY_SHOWN);
  const act = (p: Promise<HistoryEntry[]>, what: string) =>
    p.then(
      (gone) => {
        setNote('');
        setUndo(gone.length > 0 ? { entries: gone, what } : undefined);
      },
      (e: unknown) => setNote(`Not done: ${(e as Error).message}`),
    );
  return (
    <section class="pr-card-box" aria-labelledby="pr-history-h">
      <h2 id="pr-history-h">Reading history</h2>
      <p class="pr-help pr-muted">
        The arXiv abstract and HTML pages you open, and papers you open from Paper Radar, are kept here with the time —
        in this browser only, never sent anywhere. “For you” ranks recent papers by how related they are to them.
      </p>
      <CheckboxSetting
        name="historyPaused"
        label="Pause the reading history"
        checked={settings.historyPaused}
        onChange={(on) => void onSave({ historyPaused: on })}
      />
      <div class="pr-statusbar">
        <span class="pr-muted" aria-live="polite">
          {history.value === undefined ? 'Loading…' : plural(entries.length, 'paper')}
        </span>
        <button
          type="button"
          class="pr-button"
          data-paper-radar="clear-history"
          disabled={entries.length === 0}
          onClick={() => void act(onClearHistory(), 'History cleared.')}
        >
          Clear history
        </button>
      </div>
      {undo && (
        <p class="pr-notice" role="status">
          {undo.what}{' '}
          <button
            type="button"
            class="pr-button pr-button--link"
            data-action="undo"
            onClick={() => {
              const back = undo.entries;
              setUndo(undefined);
              onRestoreHistory(back).catch((e: unknown) => setNote(`Not restored: ${(e as Error).message}`));
            }}
          >
            Undo
          </button>
        </p>
      )}
      {note && (
        <p class="pr-notice pr-notice--error" role="alert">
          {note}
        </p>
      )}
      {entries.length > 0 && (
        <ul class="pr-list pr-history">
          {shown.map((h) => (
            <li key={h.id} class="pr-sites__item" data-history-id={h.id}>
              <span>
                <a href={arxivAbsUrl(h.id)} target="_blank" rel="noopener noreferrer">
                  {h.title || `arXiv:${h.id}`}
                </a>{' '}
                <span class="pr-muted">
                  {TIME.format(h.lastAt)}
                  {h.visits > 1 ? ` · ${formatCount(h.visits)} visits` : ''}
                </span>
              </span>
              <button
                type="button"
                class="pr-button pr-button--link"
                aria-label={`Delete ${h.title || h.id} from the history`}
                onClick={() => void act(onDeleteHistory([h.id]), 'Entry deleted.')}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      {shown.length < entries.length && (
        <button
          type="button"
          class="pr-button pr-button--link pr-more"
          data-paper-radar="more"
          onClick={() => setAll(true)}
        >
          Show all ({formatCount(entries.length)})
        </button>
      )}
    </section>
  );
}

function Follows({ settings, onSave, follows, onFollow, onUnfollow }: OptionsPersonalProps) {
  const [draft, setDraft] = useState('');
  const [regex, setRegex] = useState(false);
  const [note, setNote] = useState('');
  const list = follows.value ?? [];
  return (
    <section class="pr-card-box" aria-labelledby="pr-follows-h">
      <h2 id="pr-follows-h">Followed keywords and topics</h2>
      <p class="pr-help pr-muted">
        Papers that match are highlighted in the popup and the reader, and marked on arXiv listings. A keyword matches
        its words in order in a paper's title, abstract, AI keywords or authors (endings and case ignored). Follow
        topics from the reader's topic filter.
      </p>
      {list.length === 0 ? (
        <p class="pr-muted">Nothing followed yet.</p>
      ) : (
        <ul class="pr-list pr-sites__list">
          {list.map((f) => (
            <li key={f.id} class="pr-sites__item" data-follow={f.id}>
              <span>
                {f.label} <span class="pr-muted">({f.kind === 'regex' ? 'pattern' : f.kind})</span>
              </span>
              <button
                type="button"
                class="pr-button pr-button--link"
                aria-label={`Stop following ${f.label}`}
                onClick={() => void onUnfollow(f.id)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        class="pr-sites__add"
        onSubmit={(e) => {
          e.preventDefault();
          onFollow(regex ? 'regex' : 'keyword', draft).then(
            (reason) => {
              if (reason) setNote(reason);
              else {
                setNote('');
                setDraft('');
              }
            },
            (err: unknown) => setNote(`Not added: ${(err as Error).message}`),
          );
        }}
      >
        <input
          class="pr-input"
          type="text"
          name="follow"
          aria-label="Keyword or pattern to follow"
          placeholder={regex ? 'diffusion|flow matching' : 'speculative decoding'}
          value={draft}
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
        <label class="pr-check">
          <input
            type="checkbox"
            name="followRegex"
            checked={regex}
            onChange={(e) => setRegex(e.currentTarget.checked)}
          />
          Regular expression
        </label>
        <button type="submit" class="pr-button">
          Follow
        </button>
      </form>
      {note && (
        <p class="pr-setting__note" role="alert" data-follow-error="">
          {note}
        </p>
      )}
      <CheckboxSetting
        name="dimUnfollowed"
        label="On arXiv listings, dim the entries that match nothing I follow"
        checked={settings.dimUnfollowed}
        onChange={(on) => void onSave({ dimUnfollowed: on })}
      />
    </section>
  );
}
