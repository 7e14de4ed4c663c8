import { describe, expect, it } from 'vitest';
import { shanghaiDay, shanghaiMinute, shanghaiTime, shanghaiWall, shanghaiWallToIso } from './time';

describe('Asia/Shanghai times', () => {
  it('shows an instant in Shanghai: 23:30 UTC is the next day at 07:30', () => {
    expect(shanghaiTime('2026-11-30T23:30:05.000Z')).toBe('2026-12-01 07:30:05');
    expect(shanghaiMinute('2026-11-30T23:30:05.000Z')).toBe('2026-12-01 07:30');
    expect(shanghaiDay('2026-11-30T23:30:05.000Z')).toBe('2026-12-01');
    expect(shanghaiDay('2026-11-30T15:59:59.999Z')).toBe('2026-11-30');
  });

  it('reads a picked wall-clock time as Shanghai, and shows an instant back as the same wall time', () => {
    expect(shanghaiWallToIso('2027-01-10T09:30:00')).toBe('2027-01-10T01:30:00.000Z');
    expect(shanghaiWall(shanghaiWallToIso('2027-01-10T09:30:00'))).toBe('2027-01-10 09:30:00');
  });
});
