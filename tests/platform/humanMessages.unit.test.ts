// Validation and upload messages written for people.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { humanBytes, humanTypes, validationSummary } from '@/src/lib/api/humanMessages';

const first = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? null : r.error.issues[0].message;
};

describe('human validation messages', () => {
  it('replaces zod defaults with plain words, and keeps a schema’s own message', () => {
    expect(first(z.string().max(20000), 'x'.repeat(20001))).toBe('Too long: at most 20\u00a0000 characters');
    expect(first(z.object({ hours: z.number() }), { hours: null })).toBe('Required');
    expect(first(z.number(), 'x')).toBe('Enter a number');
    expect(first(z.string(), 5)).toBe('Enter text');
    expect(first(z.boolean(), 5)).toBe('Choose yes or no');
    expect(first(z.bigint(), 5)).toBe('Expected bigint');
    expect(first(z.string().min(1), '')).toBe('Required');
    expect(first(z.string().min(3), 'a')).toBe('Too short: at least 3 characters');
    expect(first(z.number().min(2), 1)).toBe('At least 2');
    expect(first(z.number().max(2), 3)).toBe('At most 2');
    expect(first(z.array(z.string()).min(1), [])).toBe('Choose at least one');
    expect(first(z.array(z.string()).min(2), ['a'])).toBe('Choose at least 2');
    expect(first(z.array(z.string()).max(1), ['a', 'b'])).toBe('Too many: at most 1');
    expect(first(z.string().email(), 'nope')).toBe('Enter an email address, e.g. name@example.co.za');
    expect(first(z.string().regex(/^a$/), 'b')).toBe('Not in the expected format');
    expect(first(z.enum(['low', 'high']), 'mid')).toBe('Choose one of: low, high');
    expect(first(z.object({}).strict(), { extra: 1 })).toBe('Not accepted here: extra');
    expect(first(z.string().min(1, 'Title is required'), '')).toBe('Title is required');
    expect(first(z.literal('a'), 'b')).toBe('Choose one of: a');
    expect(first(z.string().refine(() => false, 'Custom'), 'x')).toBe('Custom');
  });

  it('sums a failed request up in one sentence', () => {
    expect(validationSummary('query', [{ field: 'dr', message: 'Bad' }])).toBe('This search cannot be run: dr: Bad');
    expect(validationSummary('query', [{ field: '(root)', message: 'Bad' }])).toBe('This search cannot be run: Bad');
    expect(validationSummary('query', [])).toBe('This search cannot be run');
    expect(validationSummary('body', [{ field: '(root)', message: 'Give at least one field' }])).toBe('Give at least one field');
    expect(validationSummary('body', [{ field: 'title', message: 'Required' }])).toBe('Please correct title: Required');
    expect(validationSummary('body', [{ field: 'a', message: 'x' }, { field: 'b', message: 'y' }])).toBe('Please correct the 2 fields marked');
  });

  it('writes sizes and file types as words', () => {
    expect(humanBytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(humanBytes(2048)).toBe('2 KB');
    expect(humanBytes(10)).toBe('10 bytes');
    expect(humanTypes(['image/jpeg', 'image/png', 'application/pdf', 'text/plain', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'])).toBe('photos, PDF, text, CSV or Excel files');
    expect(humanTypes(['application/zip'])).toBe('application/zip files');
    expect(humanTypes([])).toBe('no files');
  });
});
