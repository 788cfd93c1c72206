import { describe, expect, it } from 'vitest';
import { searchQuery, searchVector, searchWords } from './search-terms.js';

describe('searchWords', () => {
  it('cuts at anything but letters, marks and digits, lower-cased', () => {
    expect(searchWords('Re: Angebot Q3 — anna@acme.example, naïve café 2026!')).toEqual([
      're',
      'angebot',
      'q3',
      'anna',
      'acme',
      'example',
      'naïve',
      'café',
      '2026',
    ]);
  });

  it('keeps scripts without spaces and combining marks whole', () => {
    expect(searchWords('報價單 हिन्दी')).toEqual(['報價單', 'हिन्दी']);
  });

  it('finds nothing in punctuation', () => {
    expect(searchWords(' -- ... !!')).toEqual([]);
  });
});

describe('searchVector', () => {
  it('weights subject words A and numbers every position', () => {
    expect(searchVector('Q3 quote', 'The quote')).toBe("'q3':1A 'quote':2A,4 'the':3");
  });

  it('indexes the subject alone when there is no body', () => {
    expect(searchVector('Hello', null)).toBe("'hello':1A");
    expect(searchVector('', null)).toBe('');
  });

  it('keeps at most 256 positions of a word and stops at position 16,383', () => {
    const vector = searchVector('', 'spam '.repeat(20_000) + 'late');
    const positions = /'spam':([\d,]+)/.exec(vector)![1]!.split(',');
    expect(positions).toHaveLength(256);
    expect(vector).not.toContain('late');
  });

  it('skips a word longer than PostgreSQL allows, and counts its position', () => {
    expect(searchVector('', `${'x'.repeat(3000)} after`)).toBe("'after':2");
  });

  it('stays well under the size PostgreSQL accepts for a huge body of distinct words', () => {
    const body = Array.from({ length: 16_000 }, (_, n) => `w${n}${'z'.repeat(60)}`).join(' ');
    expect(searchVector('', body).length).toBeLessThan(600 * 1024);
  });
});

describe('searchQuery', () => {
  it('asks for every word', () => {
    expect(searchQuery('pricing  Renewal')).toBe("'pricing' & 'renewal'");
  });

  it('asks for a quoted phrase, and a word that holds punctuation, in a row', () => {
    expect(searchQuery('"price list" anna@acme.example')).toBe(
      "('price' <-> 'list') & ('anna' <-> 'acme' <-> 'example')",
    );
  });

  it('excludes words and phrases after a minus', () => {
    expect(searchQuery('quote -draft -"old offer"')).toBe(
      "'quote' & !'draft' & !('old' <-> 'offer')",
    );
  });

  it('joins two terms with or, and ignores a dangling or', () => {
    expect(searchQuery('or quote OR invoice or')).toBe("'quote' | 'invoice'");
  });

  it('reads an unclosed quote as a phrase to the end', () => {
    expect(searchQuery('"price list')).toBe("('price' <-> 'list')");
  });

  it('is null when nothing searchable was typed', () => {
    expect(searchQuery('  ... -- " "  ')).toBeNull();
    expect(searchQuery('or')).toBeNull();
  });

  it('quotes what PostgreSQL would read as syntax', () => {
    expect(searchQuery("o'brien & (x)")).toBe("('o' <-> 'brien') & 'x'");
  });
});
