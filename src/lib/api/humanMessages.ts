// Validation messages for people, not developers: zod's defaults ("Too big: expected string to have <=20000
// characters", "Invalid input: expected number, received null") replaced once, for every schema. A schema's own
// message (e.g. "Title is required") still wins.
import { z } from 'zod';

const count = new Intl.NumberFormat('en-ZA');

type Issue = Parameters<z.core.$ZodErrorMap>[0];

const FORMAT: Record<string, string> = {
  email: 'Enter an email address, e.g. name@example.co.za',
  uuid: 'Choose an entry from the list',
  url: 'Enter a web address starting with https://',
  datetime: 'Enter a date and time',
  date: 'Enter a date (YYYY-MM-DD)',
  time: 'Enter a time (HH:MM)',
};

/** Pure: the person-readable message for a zod issue, or undefined to keep zod's. */
export function humanIssue(iss: Issue): string | undefined {
  const i = iss as Issue & { origin?: string; maximum?: number | bigint; minimum?: number | bigint; expected?: string; format?: string; values?: unknown[]; keys?: string[] };
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined || iss.input === null) return 'Required';
      return i.expected === 'number' ? 'Enter a number' : i.expected === 'boolean' ? 'Choose yes or no' : i.expected === 'string' ? 'Enter text' : `Expected ${i.expected}`;
    case 'too_big':
      if (i.origin === 'string') return `Too long: at most ${count.format(Number(i.maximum))} characters`;
      if (i.origin === 'array' || i.origin === 'set') return `Too many: at most ${count.format(Number(i.maximum))}`;
      return `At most ${count.format(Number(i.maximum))}`;
    case 'too_small':
      if (i.origin === 'string') return Number(i.minimum) <= 1 ? 'Required' : `Too short: at least ${count.format(Number(i.minimum))} characters`;
      if (i.origin === 'array' || i.origin === 'set') return Number(i.minimum) <= 1 ? 'Choose at least one' : `Choose at least ${count.format(Number(i.minimum))}`;
      return `At least ${count.format(Number(i.minimum))}`;
    case 'invalid_format':
      return FORMAT[i.format ?? ''] ?? 'Not in the expected format';
    case 'invalid_value':
      return `Choose one of: ${(i.values ?? []).map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `Not accepted here: ${(i.keys ?? []).join(', ')}`;
    default:
      return undefined;
  }
}

z.config({ customError: humanIssue });

/** The one-line summary above the fields: what is wrong, in words. */
export function validationSummary(location: 'query' | 'body', fields: { field: string; message: string }[]): string {
  const first = fields[0];
  if (location === 'query') {
    return first ? `This search cannot be run: ${first.field === '(root)' ? '' : `${first.field}: `}${first.message}` : 'This search cannot be run';
  }
  if (fields.length === 1 && first.field === '(root)') return first.message;
  return fields.length === 1 ? `Please correct ${first.field}: ${first.message}` : `Please correct the ${fields.length} fields marked`;
}

export { humanBytes, humanTypes } from '../humanText';
