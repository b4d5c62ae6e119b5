/** The middle value (upper middle for an even count). */
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * How far apart two paths' median times may be and still count as "the same work": 20 ms on a
 * quiet machine, or 30% of a typical request when the machine is busy and everything is slower.
 * A skipped password hash costs most of a request, so it stays visible either way.
 */
export function allowedGapMs(durations: number[]): number {
  return Math.max(20, 0.3 * median(durations));
}
