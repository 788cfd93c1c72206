import type { ParsedMessage } from '../message.js';
import { ownTextEnds } from './body.js';
import { detectNoReply } from './no-reply.js';
import { header, headerReason } from './reasons.js';

export interface NotificationSignal {
  readonly reasons: readonly string[];
}

// Report types (RFC 6522) that carry machine reports: abuse feedback (ARF,
// RFC 5965) and SMTP TLS reports (RFC 8460).
const machineReportTypes = new Set(['feedback-report', 'tlsrpt']);

// DMARC aggregate reports (RFC 7489 §7.2.1.1) name the domain and submitter in
// the subject and attach `receiver!policy-domain!begin!end.xml.gz` (or .zip).
const dmarcSubject = /^(?:\[[^\]]*\]\s*)?report domain:\s*\S+\s+submitter:\s*\S+/i;
const dmarcFile = /^[\w.-]+![\w.-]+!\d+!\d+(?:![\w.-]+)?\.(?:xml|zip|gz|xml\.gz)$/i;

// Ticketing, issue tracking and alerting systems name themselves in headers.
const systemHeaderPrefixes: ReadonlyArray<readonly [string, string]> = [
  ['x-zendesk-', 'X-Zendesk'],
  ['x-freshdesk-', 'X-Freshdesk'],
  ['x-servicenow-', 'X-ServiceNow'],
  ['x-jira-', 'X-JIRA'],
  ['x-atlassian-', 'X-Atlassian'],
  ['x-redmine-', 'X-Redmine'],
  ['x-otrs-', 'X-OTRS'],
  ['x-helpscout-', 'X-HelpScout'],
  ['x-github-reason', 'X-GitHub-Reason'],
  ['x-gitlab-', 'X-GitLab'],
  ['x-bugzilla-', 'X-Bugzilla'],
  ['x-pagerduty-', 'X-PagerDuty'],
  ['x-opsgenie-', 'X-Opsgenie'],
  ['x-salesforce-case', 'X-Salesforce-Case'],
  ['x-hubspot-ticket', 'X-HubSpot-Ticket'],
];

// What systems write so nobody answers them, in the languages we serve.
const noticeWording =
  /do not (?:reply|respond) (?:to this (?:e-?mail|message|address|notification|mailbox)|directly)|(?:this|the) (?:e-?mail|message|mailbox|address) (?:was sent from|is) (?:an? )?(?:unmonitored|not monitored|automated|send-only|notification-only)|(?:is|was) (?:an? )?(?:automatically generated|automated|system[- ]generated) (?:e-?mail|message|notification)|this is an automated (?:message|e-?mail|notification|notice|reminder)|replies to this (?:e-?mail|message|address) (?:are not|will not be|cannot be)|this mailbox (?:is not|isn't) monitored|if you did(?: not|n't) request this|do not share this (?:e-?mail|code|link)|(?:this|the) (?:e-?mail|message) was sent (?:to you )?automatically|bitte antworten sie nicht (?:auf diese|direkt)|diese (?:e-?mail|nachricht) wurde automatisch|automatisch (?:generierte|erstellte|versandte) (?:e-?mail|nachricht)|merci de ne pas répondre à ce|ne répondez pas à ce|(?:message|e-?mail|courriel) (?:généré|envoyé) automatiquement|no (?:responda|conteste) a este (?:correo|mensaje)|(?:mensaje|correo) (?:generado|enviado) automáticamente|non rispondere a questa|(?:messaggio|e-?mail) generat[ao] automaticamente|gelieve niet te (?:antwoorden|reageren)|niet beantwoorden|automatisch gegenereerd|não responda (?:a )?est|(?:mensagem|e-?mail) (?:gerad[ao]|enviad[ao]) automaticamente|не отвечайте на (?:это|данное) (?:письмо|сообщение)|(?:письмо|сообщение) (?:создано|сформировано|отправлено) автоматически|このメールは(?:送信専用|自動送信)|返信(?:しないで|できません)/i;

/**
 * Notifications nobody answers: no-reply senders (see `detectNoReply`),
 * machine reports (ARF abuse feedback, TLS-RPT and DMARC aggregate reports),
 * ticketing, tracking and alerting systems known by their headers, and mail
 * whose own text says it is automated ("please do not reply to this email").
 *
 * @example
 * detectNotification(dmarcAggregateReport)
 * // { reasons: ['dmarc aggregate report', 'sender noreply-dmarc-support@google.com'] }
 */
export function detectNotification(message: ParsedMessage): NotificationSignal | null {
  const reasons: string[] = [];
  const reportType = message.deliveryReport?.reportType;
  if (reportType && machineReportTypes.has(reportType))
    reasons.push(`multipart/report ${reportType}`);
  if (header(message, 'tls-report-domain') !== undefined)
    reasons.push(headerReason('TLS-Report-Domain', header(message, 'tls-report-domain')));
  if (
    dmarcSubject.test(message.subject.trim()) ||
    message.attachments.some((file) => dmarcFile.test(file.filename ?? ''))
  )
    reasons.push('DMARC aggregate report');

  const names = Object.keys(message.headers);
  reasons.push(
    ...systemHeaderPrefixes
      .filter(([prefix]) => names.some((name) => name.startsWith(prefix)))
      .map(([, display]) => headerReason(display)),
  );
  reasons.push(...(detectNoReply(message)?.reasons ?? []));
  if (message.inReplyTo.length === 0 || reasons.length > 0) {
    const wording = noticeWording.exec(ownTextEnds(message))?.[0];
    if (wording) reasons.push(`notice wording "${wording.toLowerCase()}"`);
  }
  return reasons.length > 0 ? { reasons } : null;
}
