/** Start-up marks on the User Timing timeline. */
import { describe, expect, it } from 'vitest';
import { mark } from '../../lib/trace';

describe('mark', () => {
  it('records pr:<name> on the performance timeline, once per name', () => {
    mark('trace-test');
    mark('trace-test');
    const marks = performance.getEntriesByName('pr:trace-test', 'mark');
    expect(marks).toHaveLength(1);
    expect(marks[0]!.startTime).toBeGreaterThan(0);
  });
});
