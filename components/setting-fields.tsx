import { useEffect, useState } from 'preact/hooks';

/** A yes/no setting saved as soon as it changes: a checkbox with its label and an optional help line below. */
export function CheckboxSetting({
  name,
  label,
  checked,
  help,
  onChange,
}: {
  name: string;
  label: string;
  checked: boolean;
  help?: string;
  onChange: (on: boolean) => void;
}) {
  return (
    <div class="pr-setting">
      <label class="pr-check">
        <input type="checkbox" name={name} checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
        {label}
      </label>
      {help && <p class="pr-help pr-muted">{help}</p>}
    </div>
  );
}

interface NumberSettingProps {
  name: string;
  label: string;
  unit: string;
  min: number;
  max: number;
  value: number;
  help: string;
  onSave: (n: number) => Promise<number>;
}

/** A number field saved when it is committed (Enter or leaving the field); out-of-range values are clamped. */
export function NumberSetting({ name, label, unit, min, max, value, help, onSave }: NumberSettingProps) {
  const [draft, setDraft] = useState(String(value));
  const [note, setNote] = useState('');
  useEffect(() => setDraft(String(value)), [value]);
  // Reads the field itself: `change` can follow `input` before the draft state has re-rendered.
  const commit = async (raw: string) => {
    setDraft(raw);
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) {
      setDraft(String(value));
      setNote(`Enter a number from ${min} to ${max}.`);
      return;
    }
    if (n === value) return;
    try {
      const saved = await onSave(n);
      setDraft(String(saved));
      setNote(saved === n ? 'Saved.' : `Saved as ${saved} (the range is ${min}–${max}).`);
    } catch (e) {
      setNote(`Not saved: ${(e as Error).message}`);
    }
  };
  const id = `pr-setting-${name}`;
  return (
    <form
      class="pr-setting"
      onSubmit={(e) => {
        e.preventDefault();
        const field = e.currentTarget.elements.namedItem(name);
        void commit(field instanceof HTMLInputElement ? field.value : draft);
      }}
    >
      <label for={id}>{label}</label>
      <span class="pr-setting__input">
        <input
          id={id}
          name={name}
          class="pr-input"
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          value={draft}
          onInput={(e) => setDraft(e.currentTarget.value)}
          onChange={(e) => void commit(e.currentTarget.value)}
        />{' '}
        {unit}
      </span>
      <p class="pr-help pr-muted">
        {help}
        <SettingNote note={note} />
      </p>
    </form>
  );
}

/** What became of the last change to a setting ("Saved.", or why not), read out politely; nothing when empty. */
export function SettingNote({ note }: { note: string }) {
  return note ? (
    <span class="pr-setting__note" role="status">
      {' '}
      {note}
    </span>
  ) : null;
}
