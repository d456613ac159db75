import { useState } from 'preact/hooks';
import type { PaperRow } from '../lib/feed/summary';
import { formatCount } from './format';
import { HitFacts, PrimaryLink, RowLinks, type RowLink } from './paper-hits';

export interface PaperRowsProps {
  rows: readonly PaperRow[];
  /** The contract role of each row: `paper` (the reader's lists) or `for-you` (recommendations). */
  kind: 'paper' | 'for-you';
  label: string;
  primaryHref: (id: string) => string;
  onOpen: (id: string) => void;
  links?: (id: string) => RowLink[];
  /** Shows "#N" before each row: its place in the list (a period's ranking). */
  numbered?: boolean;
  /** Saves or un-saves a paper; no button without it. */
  onSave?: ((id: string, saved: boolean) => void) | undefined;
  /** Filters by a topic when its chip is pressed; chips are plain text without it. */
  onTopic?: ((topicId: string) => void) | undefined;
  /** Selection checkboxes (saved papers to export). */
  selected?: ReadonlySet<string> | undefined;
  onSelect?: ((id: string, on: boolean) => void) | undefined;
  selectedId?: string | undefined;
  /** Compact rows (the popup): no authors, no summary toggle. */
  compact?: boolean;
}

/**
 * A ranked list of papers with what the user's data says about each: its topics, the followed keywords it matches
 * (highlighted), whether it is saved, and for recommendations the paper it is "because you read". Feed text is
 * rendered as text.
 */
export function PaperRows(props: PaperRowsProps) {
  const { rows, kind, label, primaryHref, onOpen, links, numbered, onSave, onTopic } = props;
  const { selected, onSelect, selectedId, compact } = props;
  return (
    <ol class="pr-list pr-rows" aria-label={label}>
      {rows.map((row, i) => (
        <li
          key={row.id}
          class={`pr-item${row.followed ? ' pr-item--followed' : ''}${row.id === selectedId ? ' pr-item--selected' : ''}`}
          data-paper-radar={kind}
          data-arxiv-id={row.id}
        >
          <div class="pr-row__head">
            {onSelect && (
              <input
                type="checkbox"
                class="pr-row__select"
                aria-label={`Select ${row.title}`}
                checked={selected?.has(row.id) ?? false}
                onChange={(e) => onSelect(row.id, e.currentTarget.checked)}
              />
            )}
            {numbered && <span class="pr-row__rank">#{i + 1}</span>}
            <PrimaryLink id={row.id} href={primaryHref(row.id)} title={row.title} onOpen={onOpen} />
            {onSave && (
              <button
                type="button"
                class={`pr-button pr-button--link pr-save${row.saved ? ' pr-save--on' : ''}`}
                data-action="save"
                aria-pressed={row.saved ? 'true' : 'false'}
                title={row.saved ? 'Saved: press to remove' : 'Save this paper'}
                onClick={() => onSave(row.id, !row.saved)}
              >
                {row.saved ? '★ Saved' : '☆ Save'}
              </button>
            )}
          </div>
          <div class="pr-meta">
            <HitFacts
              upvotes={row.upvotes}
              listDate={row.listDate}
              dayRank={row.dayRank}
              trendingRank={row.trendingRank}
            />
            {!compact && row.authors.length > 0 && (
              <span class="pr-card__authors">
                {row.authors.slice(0, 3).join(', ')}
                {row.authors.length > 3 ? ' et al.' : ''}
              </span>
            )}
            {links && <RowLinks links={links(row.id)} />}
          </div>
          {row.because && (
            <div class="pr-meta pr-because">
              Because you read “<span class="pr-because__title">{row.because.title}</span>”
              {row.why && row.why.length > 0 && (
                <span class="pr-why" title="Terms it shares with that paper">
                  {row.why.map((w, k) => (
                    <span key={`${k}:${w}`} class="pr-chip">
                      {w}
                    </span>
                  ))}
                </span>
              )}
            </div>
          )}
          {(row.followed || row.topics) && (
            <div class="pr-meta pr-tags">
              {row.followed?.map((f) => (
                <span key={`f:${f}`} class="pr-chip pr-chip--followed" title="Matches what you follow">
                  ★ {f}
                </span>
              ))}
              {row.topics?.map((t) =>
                onTopic ? (
                  <button
                    key={t.id}
                    type="button"
                    class="pr-chip pr-chip--topic"
                    data-topic={t.id}
                    title="Show this topic only"
                    onClick={() => onTopic(t.id)}
                  >
                    {t.label}
                  </button>
                ) : (
                  <span key={t.id} class="pr-chip pr-chip--topic" data-topic={t.id}>
                    {t.label}
                  </span>
                ),
              )}
            </div>
          )}
          {!compact && row.aiSummary && <Summary text={row.aiSummary} />}
        </li>
      ))}
    </ol>
  );
}

/** The AI summary, shown on demand. */
function Summary({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div class="pr-meta pr-summary">
      <button
        type="button"
        class="pr-button pr-button--link"
        aria-expanded={open ? 'true' : 'false'}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide AI summary' : 'AI summary'}
      </button>
      {open && <p class="pr-summary__text">{text}</p>}
    </div>
  );
}

/** "Show all (N)": the contract's `data-paper-radar="more"` button of a list shown in part. */
export function ShowAllButton({ total, onClick }: { total: number; onClick: () => void }) {
  return (
    <button type="button" class="pr-button pr-button--link pr-more" data-paper-radar="more" onClick={onClick}>
      Show all ({formatCount(total)})
    </button>
  );
}
