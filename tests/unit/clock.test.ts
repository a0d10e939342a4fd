import { describe, expect, it } from 'vitest';
import { advance, createClock, seek, speedFor } from '../../src/timeline/clock.ts';
import { formatClock, formatDate, parseClock, shortPeriodLabel } from '../../src/timeline/format.ts';

describe('the campaign clock', () => {
  it('advances by real time times speed only while playing', () => {
    const c = createClock(0, 10_000);
    advance(c, 0.1);
    expect(c.time).toBe(0);
    c.playing = true;
    c.speed = 600;
    advance(c, 0.1);
    expect(c.time).toBe(60);
  });

  it('stops at the end, or loops', () => {
    const c = createClock(0, 100);
    c.playing = true;
    c.speed = 1000;
    advance(c, 0.2);
    expect([c.time, c.playing]).toEqual([100, false]);
    c.loop = true;
    c.playing = true;
    c.time = 90;
    advance(c, 0.02);
    expect(c.time).toBe(10);
  });

  it('does not leap when a background tab returns with a long frame', () => {
    const c = createClock(0, 1e6);
    c.playing = true;
    c.speed = 60;
    advance(c, 30);
    expect(c.time).toBe(15);
  });

  it('picks a speed that plays a day or a month in a couple of minutes', () => {
    expect(speedFor(86_400)).toBe(600);
    expect(speedFor(30 * 86_400)).toBe(8640);
  });

  it('clamps seeks to the range', () => {
    const c = createClock(10, 20);
    seek(c, 5);
    expect(c.time).toBe(10);
    seek(c, 25);
    expect(c.time).toBe(20);
  });
});

describe('campaign clock text', () => {
  const t = Date.parse('1944-02-20T12:42:00Z');
  it('shows times and dates on the records’ own clock', () => {
    expect(formatClock(t, '+01:00')).toBe('13:42');
    expect(formatDate(t, '+01:00')).toBe('Sunday 20 February 1944');
    expect(formatClock(t, '+09:00')).toBe('21:42');
  });

  it('reads a typed time on the same day', () => {
    expect(parseClock('21:23', t, '+01:00')).toBe(Date.parse('1944-02-20T21:23:00+01:00'));
    expect(parseClock('0930', t, '+01:00')).toBe(Date.parse('1944-02-20T09:30:00+01:00'));
    expect(parseClock('25:00', t, '+01:00')).toBeNull();
    expect(parseClock('noon', t, '+01:00')).toBeNull();
  });
});

describe('period buttons', () => {
  it('name a Big Week day by the date it is mostly in, and a month by month and year', () => {
    expect(shortPeriodLabel('1944-02-19T23:00:00+01:00', '1944-02-20T23:00:00+01:00', '+01:00')).toBe('Sun 20 Feb');
    expect(shortPeriodLabel('1951-09-01T00:00:00+09:00', '1951-10-01T00:00:00+09:00', '+09:00')).toBe('Sep 1951');
  });
});
