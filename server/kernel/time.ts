/** Dates are Asia/Shanghai calendar days (UTC+8, no daylight saving). */
export function shanghaiDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Date and time of day in Asia/Shanghai, to the minute: '2026-11-30 14:05'. */
export function shanghaiDateTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
