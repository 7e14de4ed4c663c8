/** Dates are Asia/Shanghai calendar days (UTC+8, no daylight saving). */
export function shanghaiDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
