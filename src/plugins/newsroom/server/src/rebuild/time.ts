/**
 * Outbox timestamps arrive as ISO strings, but drivers differ (Postgres hands back Date objects,
 * SQLite numbers or strings), so anything Date can read is accepted. An unreadable value is a
 * bug in whoever wrote the row; failing loudly beats sending a batch at a made-up time.
 */
export function instantMs(value: unknown, what: string): number {
  const ms = value instanceof Date ? value.getTime() : new Date(value as string | number).getTime();
  if (value === null || value === undefined || value === '' || Number.isNaN(ms)) {
    throw new RangeError(`${what} is not a valid instant: ${JSON.stringify(value)}`);
  }
  return ms;
}
