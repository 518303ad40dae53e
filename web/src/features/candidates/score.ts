// Scores and factor points as a French reader expects them, on their real scale: the score is out
// of 100, and each factor's points out of its weight (weights are scaled up when a factor does not
// apply, e.g. 30.43). Both sides of "x / y" use the same precision, and points never show above
// their weight, so no card reads "30,5 / 30".
const LOCALE = "fr-FR";
const oneDecimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });
const noDecimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });

function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** "72" out of 100; a score is rounded to the unit, never above 100 or below 0. */
export function formatScore(score: number): string {
  return noDecimal.format(Math.min(100, Math.max(0, Math.round(score))));
}

/** A factor's points and weight, both to one decimal, points capped at the weight. */
export function formatFactor(points: number, weight: number): { points: string; weight: string; share: number } {
  const shownWeight = roundTo(weight, 1);
  const shownPoints = Math.min(roundTo(Math.max(0, points), 1), shownWeight);
  const share = weight > 0 ? Math.min(1, Math.max(0, points / weight)) : 0;
  return { points: oneDecimal.format(shownPoints), weight: oneDecimal.format(shownWeight), share };
}
