import { describe, expect, it } from 'vitest';
import { newSortableId } from './ids.js';

describe('newSortableId', () => {
  it('sorts by creation within a millisecond and across them, unique over several random pools', () => {
    const at = new Date('2026-12-07T18:00:00.000Z');
    const later = new Date('2026-12-07T18:00:00.001Z');
    // 2,000 ids draw on four 4 KiB pools of random bytes.
    const ids = [...Array.from({ length: 2000 }, () => newSortableId(at)), newSortableId(later)];
    expect(ids.every((id) => /^[0-9a-f]{32}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // The random tails differ: no pool is reused.
    expect(new Set(ids.map((id) => id.slice(16))).size).toBe(ids.length);
  });
});
