/**
 * The merge fields a template may use, by group. A name outside this list
 * is refused when the template is saved, so a typo never reaches a customer.
 */
export const mergeFields = {
  contact: ['first_name', 'last_name', 'name', 'email', 'title', 'country'],
  account: ['name', 'domain'],
  deal: ['name', 'stage', 'amount', 'currency', 'product'],
  sender: ['name', 'first_name', 'email'],
} as const;

export type MergeGroup = keyof typeof mergeFields;

/** The values a record offers, by group; a group the record lacks is absent. */
export type MergeValues = Partial<Record<MergeGroup, Record<string, string | null>>>;

/** Every known field as `group.field`, for pickers and error messages. */
export const knownFieldNames: readonly string[] = Object.entries(mergeFields).flatMap(
  ([group, fields]) => fields.map((field) => `${group}.${field}`),
);

export function isKnownField(name: string): boolean {
  return knownFieldNames.includes(name);
}
