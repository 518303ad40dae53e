// Dates and numbers as a French reader expects them (Intl with fr-FR), in one place.
const LOCALE = "fr-FR";

const dateFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: "long" });
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: "long", timeStyle: "short" });
const numberFormat = new Intl.NumberFormat(LOCALE);
const percentFormat = new Intl.NumberFormat(LOCALE, { style: "percent", maximumFractionDigits: 0 });
const euroFormat = new Intl.NumberFormat(LOCALE, { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
const relativeFormat = new Intl.RelativeTimeFormat(LOCALE, { numeric: "auto" });

/** "2 décembre 2026"; `Date` scalars ("2026-12-02") are read as calendar days, not UTC instants. */
export function formatDate(value: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00`) : new Date(value);
  return dateFormat.format(day);
}

export function formatDateTime(value: string): string {
  return dateTimeFormat.format(new Date(value));
}

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** A 0–1 share as a percentage ("87 %"). */
export function formatPercent(share: number): string {
  return percentFormat.format(share);
}

export function formatEuros(value: number): string {
  return euroFormat.format(value);
}

/** "dans 15 minutes", "dans 30 secondes". */
export function formatDelay(seconds: number): string {
  if (seconds >= 3600) return relativeFormat.format(Math.ceil(seconds / 3600), "hour");
  if (seconds >= 60) return relativeFormat.format(Math.ceil(seconds / 60), "minute");
  return relativeFormat.format(Math.max(1, Math.ceil(seconds)), "second");
}
