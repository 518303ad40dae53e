// The period suggested by default: the last full month (the monthly report's own choice).
export function previousMonthKey(today: Date = new Date()): string {
  const year = today.getMonth() === 0 ? today.getFullYear() - 1 : today.getFullYear();
  const month = today.getMonth() === 0 ? 12 : today.getMonth();
  return `${year}-${String(month).padStart(2, "0")}`;
}
