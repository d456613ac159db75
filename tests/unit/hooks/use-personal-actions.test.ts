// The pages' actions on the user's data: a followed keyword or pattern longer than the limit is refused with the
// limit's sentence before anything is sent (a value longer than the protocol carries would come back as an invalid
// request), while one within it goes to the background.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_FOLLOW_LENGTH } from '../../../lib/follow/limits';

const sent: unknown[] = [];
vi.mock('../../../lib/ext/messaging', () => ({
  send: (request: unknown) => {
    sent.push(request);
    return Promise.resolve({ ok: true, follow: {} });
  },
}));

const { usePersonalActions } = await import('../../../hooks/use-personal');

describe('usePersonalActions.follow', () => {
  beforeEach(() => {
    sent.length = 0;
  });

  it('refuses a keyword or pattern over the limit with its sentence, sending nothing', async () => {
    const actions = usePersonalActions(() => undefined);
    for (const length of [MAX_FOLLOW_LENGTH + 1, 600]) {
      expect(await actions.follow('keyword', 'a'.repeat(length))).toBe(`At most ${MAX_FOLLOW_LENGTH} characters.`);
      expect(await actions.follow('regex', 'b'.repeat(length))).toBe(`At most ${MAX_FOLLOW_LENGTH} characters.`);
    }
    expect(sent).toEqual([]);
  });

  it('sends one within the limit (spaces around it not counted)', async () => {
    const refresh = vi.fn();
    const actions = usePersonalActions(refresh);
    expect(await actions.follow('keyword', ` ${'a'.repeat(MAX_FOLLOW_LENGTH)} `)).toBeUndefined();
    expect(sent).toEqual([{ type: 'follow', kind: 'keyword', value: ` ${'a'.repeat(MAX_FOLLOW_LENGTH)} ` }]);
    expect(refresh).toHaveBeenCalledOnce();
  });
});
