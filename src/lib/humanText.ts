// Sizes and file types in words, for server messages and the browser alike (no dependencies).

const countFormat = new Intl.NumberFormat('en-ZA');

/** Pure: a byte count for people: 10485760 -> "10 MB", 2048 -> "2 KB", 10 -> "10 bytes". */
export function humanBytes(n: number): string {
  if (n >= 1024 * 1024) return `${countFormat.format(Math.round((n / (1024 * 1024)) * 10) / 10)} MB`;
  if (n >= 1024) return `${countFormat.format(Math.round(n / 1024))} KB`;
  return `${n} bytes`;
}

const TYPE_NAMES: [RegExp, string][] = [
  [/^image\//, 'photos'],
  [/^application\/pdf$/, 'PDF'],
  [/^text\/plain$/, 'text'],
  [/^text\/csv$/, 'CSV'],
  [/spreadsheetml|ms-excel/, 'Excel'],
];

/** Pure: MIME types as words ("photos, PDF, text, CSV or Excel files"). */
export function humanTypes(types: readonly string[]): string {
  const names = [...new Set(types.map((t) => TYPE_NAMES.find(([re]) => re.test(t))?.[1] ?? t))];
  if (names.length === 0) return 'no files';
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names[0];
  return `${list} files`;
}
