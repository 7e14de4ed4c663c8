/**
 * Instants as officials read them: Asia/Shanghai (UTC+8, no daylight saving), whatever the
 * browser's own time zone. The server sends ISO instants (UTC).
 */
const shifted = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();

/** 2027-01-10 09:30:00 */
export const shanghaiTime = (iso: string) => shifted(iso).slice(0, 19).replace('T', ' ');
/** 2027-01-10 09:30 */
export const shanghaiMinute = (iso: string) => shifted(iso).slice(0, 16).replace('T', ' ');
/** 2027-01-10: the Asia/Shanghai calendar day of an instant. */
export const shanghaiDay = (iso: string) => shifted(iso).slice(0, 10);

/** Date and time in the reader's language, in Asia/Shanghai. */
export function formatTime(iso: string, lang: string): string {
  return new Date(iso).toLocaleString(lang, { hour12: false, timeZone: 'Asia/Shanghai' });
}

/**
 * A wall-clock time picked in a form ('YYYY-MM-DDTHH:mm:ss', as the picker shows it) read as
 * Asia/Shanghai, to an ISO instant — whatever the browser's own time zone.
 */
export const shanghaiWallToIso = (wall: string) => new Date(`${wall}+08:00`).toISOString();
/** The wall-clock fields of an instant in Asia/Shanghai, for a picker to show: '2027-01-10 09:30:00'. */
export const shanghaiWall = shanghaiTime;
