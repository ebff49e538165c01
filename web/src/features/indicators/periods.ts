/** Period choices for the selector: recent quarters, months and years, newest first. */
export function periodChoices(today: Date = new Date()): { quarters: string[]; months: string[]; years: string[] } {
  const y = today.getFullYear();
  const m = today.getMonth() + 1;
  const quarters: string[] = [];
  let q = Math.floor((m - 1) / 3) + 1;
  let qy = y;
  for (let i = 0; i < 8; i++) {
    quarters.push(`${qy}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      qy -= 1;
    }
  }
  const months: string[] = [];
  for (let i = 0; i < 12; i++) {
    const d = new Date(y, m - 1 - i, 1);
    months.push(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`);
  }
  return { quarters, months, years: [String(y), String(y - 1), String(y - 2)] };
}

/** The default period: the last complete quarter (committees review closed quarters). */
export function defaultPeriod(today: Date = new Date()): string {
  return periodChoices(today).quarters[1]!;
}
