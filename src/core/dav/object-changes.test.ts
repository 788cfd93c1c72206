import { describe, expect, it } from 'vitest';
import { objectChanges } from './object-changes.js';

describe('the changes of a collection listed by ETag', () => {
  it('fetches new and changed objects and names those gone', () => {
    expect(
      objectChanges(
        [
          { href: 'same', etag: '1' },
          { href: 'edited', etag: '1' },
          { href: 'gone', etag: '1' },
        ],
        [
          { href: 'same', etag: '1' },
          { href: 'edited', etag: '2' },
          { href: 'new', etag: '1' },
        ],
      ),
    ).toEqual({ changed: ['edited', 'new'], removed: ['gone'] });
  });

  it('fetches an object whose server gives no ETag every time, as it cannot tell a change', () => {
    expect(objectChanges([{ href: 'a', etag: '' }], [{ href: 'a', etag: '' }])).toEqual({
      changed: ['a'],
      removed: [],
    });
  });

  it('finds nothing to do in an empty collection never synced', () => {
    expect(objectChanges([], [])).toEqual({ changed: [], removed: [] });
  });
});
