/** Country-code domains whose ISO 3166 code differs from the domain. */
const domainExceptions: Readonly<Record<string, string>> = { uk: 'GB', eu: '' };

/**
 * The country of the sender, best source first: what the CRM says of the
 * contact or lead, then the country code of the sender's domain. Generic
 * domains (.com, .org, .io used as a brand) say nothing.
 *
 * @example
 * senderCountry({ recorded: [], domain: 'mueller-maschinen.de' }) // 'DE'
 * senderCountry({ recorded: ['fr'], domain: 'acme.com' }) // 'FR'
 */
export function senderCountry(sender: {
  readonly recorded: readonly string[];
  readonly domain: string;
}): string | null {
  const recorded = sender.recorded.find((c) => /^[a-z]{2}$/i.test(c.trim()));
  if (recorded) return recorded.trim().toUpperCase();
  const tld = sender.domain.toLowerCase().split('.').pop() ?? '';
  if (!/^[a-z]{2}$/.test(tld) || tld === 'io' || tld === 'ai' || tld === 'co') return null;
  const code = domainExceptions[tld] ?? tld.toUpperCase();
  return code === '' ? null : code;
}
