/**
 * An ISO-8601 instant as query parameters carry it: a date, a time with or without seconds and
 * fraction, and a UTC designator or offset (`Z`, `+01:00`, `+0100`, `+01`). `T` or a space
 * separates date and time. A local time without offset is refused: it does not name an instant.
 * Returns epoch ms (a fraction beyond the millisecond is truncated), or NaN.
 */
export function parseInstant(text: string): number {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/.exec(
      text,
    );
  if (!m) return NaN;
  const [, y, mo, d, h, mi, s, frac, z, sign, oh, om] = m;
  const fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0)];
  const [Y, M, D, hh, mm, ss] = fields as [number, number, number, number, number, number];
  if (M < 1 || M > 12 || hh > 23 || mm > 59 || ss > 59) return NaN;
  const local = Date.UTC(Y, M - 1, D, hh, mm, ss) + (frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0);
  if (new Date(Date.UTC(Y, M - 1, D)).getUTCDate() !== D) return NaN;
  const offsetMinutes = z ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om ?? 0));
  if (!z && (Number(oh) > 23 || Number(om ?? 0) > 59)) return NaN;
  return local - offsetMinutes * 60_000;
}
