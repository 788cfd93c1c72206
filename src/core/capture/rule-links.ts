import type { ParsedMessage } from '../message.js';
import type { DirectoryIndex } from '../directory/index.js';
import { isRecordKind } from '../records/record-kinds.js';
import { normalizeSubject } from '../threading/index.js';
import type { Link } from './link.js';
import { closedBefore } from './record-links.js';

/**
 * "File by subject" (the normalised subject is the rule's) and keyword rules
 * (a whole word or phrase in the subject or text), the organisation's and the
 * mailbox owner's. A rule never files mail on a deal that had closed before it was sent.
 */
export function ruleLinks(
  directory: DirectoryIndex,
  message: ParsedMessage,
  ownerUserId: string,
): Link[] {
  const subject = normalizeSubject(message.subject);
  const haystack = `${message.subject}\n${message.text ?? ''}`.toLowerCase();
  return directory.rules.flatMap((rule) => {
    if (rule.ownerId !== null && rule.ownerId !== ownerUserId) return [];
    const type = rule.recordType;
    if (!isRecordKind(type)) return [];
    if (!directory.recordExists(type, rule.recordId)) return [];
    const deal = type === 'deal' ? directory.dealById.get(rule.recordId) : undefined;
    if (deal && closedBefore(deal, message.date)) return [];
    const matches =
      rule.kind === 'subject'
        ? subject !== '' && subject === normalizeSubject(rule.pattern)
        : containsPhrase(haystack, rule.pattern.toLowerCase().trim());
    if (!matches) return [];
    return [
      {
        type,
        recordId: rule.recordId,
        reason: `${rule.kind} rule "${rule.pattern}"`,
        confidence: 1,
        source: 'rule' as const,
      },
    ];
  });
}

function containsPhrase(haystack: string, phrase: string): boolean {
  if (!phrase) return false;
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])${escaped}(?:$|[^\\p{L}\\p{N}])`, 'u').test(haystack);
}
