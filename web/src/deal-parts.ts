/** A deal's contact roles, team and products as its form edits them, and as the API takes them. */

/** Roles a form offers; any other text is kept as written. */
export const contactRoles = ['Decision maker', 'Champion', 'Finance', 'Technical', 'User'] as const;
export const teamRoles = [
  'Account executive',
  'Sales engineer',
  'Executive sponsor',
  'Support',
] as const;

export interface DealParts {
  contacts: { contactId: string; name: string; role: string }[];
  team: { userId: string; name: string; role: string }[];
  /** As typed: numbers stay text until the form is sent. */
  products: { name: string; quantity: string; unitPrice: string; currency: string }[];
}

export const emptyProduct = { name: '', quantity: '1', unitPrice: '', currency: '' };

interface StoredParts {
  contacts?: { id: string; name: string; role: string }[];
  team?: { id: string; name: string; email: string; role: string }[];
  products?: { name: string; quantity: number; unitPrice: number; currency: string | null }[];
}

/** The parts of a stored deal, or none for a new one. */
export function initialDealParts(record: Record<string, unknown> | null): DealParts {
  const related = (record?.related ?? {}) as StoredParts;
  return {
    contacts: (related.contacts ?? []).map((c) => ({
      contactId: c.id,
      name: c.name,
      role: c.role,
    })),
    team: (related.team ?? []).map((m) => ({
      userId: m.id,
      name: m.name || m.email,
      role: m.role,
    })),
    products: (related.products ?? []).map((p) => ({
      name: p.name,
      quantity: String(p.quantity),
      unitPrice: String(p.unitPrice),
      currency: p.currency ?? '',
    })),
  };
}

/** Text as a number for the API; what is not a number is sent as is, for the server to name. */
const numberOf = (text: string): number | string => {
  const trimmed = text.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
};

/** The API body's `contacts`, `team` and `products`. */
export function dealPartsBody(parts: DealParts): Record<string, unknown> {
  return {
    contacts: parts.contacts.map((c) => ({ contactId: c.contactId, role: c.role.trim() })),
    team: parts.team.map((m) => ({ userId: m.userId, role: m.role.trim() })),
    products: parts.products.map((p) => ({
      name: p.name.trim(),
      quantity: numberOf(p.quantity),
      unitPrice: numberOf(p.unitPrice),
      currency: p.currency.trim().toUpperCase() || null,
    })),
  };
}

/**
 * Errors by their full path (`products.1.quantity`), for the row and cell
 * they belong to; the API names a malformed body's fields under `body.`.
 */
export function pathErrors(details: unknown): Record<string, string> {
  if (!Array.isArray(details)) return {};
  const errors: Record<string, string> = {};
  for (const detail of details as { field?: unknown; message?: unknown }[]) {
    if (typeof detail.field !== 'string' || typeof detail.message !== 'string') continue;
    errors[detail.field.replace(/^body\./, '')] ??= detail.message;
  }
  return errors;
}

/** The total of a deal's product lines in one currency, or null when they mix currencies. */
export function productsTotal(
  products: readonly { quantity: number; unitPrice: number; currency: string | null }[],
  dealCurrency: string | null,
): { amount: number; currency: string | null } | null {
  const currencies = new Set(products.map((p) => p.currency ?? dealCurrency));
  if (currencies.size > 1) return null;
  const amount = products.reduce((sum, p) => sum + p.quantity * p.unitPrice, 0);
  return { amount: Math.round(amount * 100) / 100, currency: [...currencies][0] ?? dealCurrency };
}
