const amountFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function formatAmount(amount: string | number | null): string {
  if (amount === null || amount === '') return '';
  const value = typeof amount === 'number' ? amount : Number(amount);
  return Number.isFinite(value) ? amountFormat.format(value) : String(amount);
}

export function formatDate(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

/** "1–25 of 120" */
export function rangeLabel(offset: number, count: number, total: number): string {
  if (total === 0) return 'No results';
  return `${offset + 1}–${offset + count} of ${total}`;
}
