/**
 * ISO-8601 durations of business time (`PT4H30M`, `P1D`, `P2W`, `PT0.5H`). Days are 24 hours and
 * weeks 7 days of business time; years and months are refused because their length in seconds is
 * ambiguous. Letters may be in either case. Returns the number of seconds, or null when the text is
 * not such a duration.
 */
export function parseDurationSeconds(input: string): number | null {
  const text = input.toUpperCase();
  const m =
    /^P(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/.exec(
      text,
    );
  if (!m || text === 'P' || text.endsWith('T')) return null;
  const [w, d, h, mi, s] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x.replace(',', '.'))));
  const seconds = w! * 604_800 + d! * 86_400 + h! * 3_600 + mi! * 60 + s!;
  return Number.isFinite(seconds) ? seconds : null;
}
