import type { Cast } from './cast.js';
import {
  attachment,
  html,
  multipart,
  part,
  subjectHeader,
  text,
  type Composer,
} from './compose.js';
import type { NoiseSample } from './compose.js';

const epoch = (c: Composer) => 1_740_000_000 + c.random.int(8_000_000);

/** Machine reports and notifications: ARF, TLS-RPT, DMARC, read receipts, calendars, tickets, cloud notices. */
export function reportSamples(c: Composer, cast: Cast): NoiseSample[] {
  const samples: NoiseSample[] = [];
  const add = (kind: string, category: NoiseSample['category'], raw: string) =>
    samples.push({ kind, category, raw });
  const to = () => {
    const person = cast.us();
    return `To: ${person.name} <${person.address}>`;
  };

  // ARF feedback loops (RFC 5965) from mailbox providers.
  const loops = [
    ['Yahoo! Mail AntiSpam Feedback <feedback@arf.mail.yahoo.com>', 'Yahoo!-Mail-Feedback/2.0'],
    ['staff@hotmail.com', 'Microsoft JMRP'],
    ['Comcast Feedback Loop <feedbackloop@comcast.net>', 'Comcast FBL 1.0'],
    ['AOL Feedback <scomp@aol.net>', 'AOL SComp'],
    ['abuse-reports@fbl.isp-mail.example', 'SpamCop/2.3'],
  ] as const;
  for (let k = 0; k < 22; k += 1) {
    const [from, agent] = c.random.pick(loops);
    const source = `198.51.100.${c.random.int(250)}`;
    add(
      'report/arf',
      'noreply_notification',
      c.message(
        [
          `From: ${from}`,
          `To: abuse@${cast.ourDomain}`,
          subjectHeader(
            c.random.pick([
              `FW: ${cast.topic()}`,
              `complaint about message from ${source}`,
              'Abuse report',
            ]),
          ),
          `Date: ${c.date()}`,
          `Message-ID: ${c.messageId('fbl.example')}`,
        ],
        multipart(
          'report',
          c.boundary(),
          [
            text(
              `This is an email abuse report for an email message received from IP ${source} on ${c.date()}.\nFor more information about this format please see http://www.mipassoc.org/arf/.`,
            ),
            part(
              'message/feedback-report',
              `Feedback-Type: abuse\nUser-Agent: ${agent}\nVersion: 1\nOriginal-Mail-From: <bounces@${cast.ourDomain}>\nArrival-Date: ${c.date()}\nSource-IP: ${source}\nReported-Domain: ${cast.ourDomain}\n`,
            ),
            part(
              'text/rfc822-headers',
              `From: news@${cast.ourDomain}\nSubject: ${cast.topic()}\nMessage-ID: ${c.messageId(cast.ourDomain)}`,
            ),
          ],
          ' report-type=feedback-report;',
        ),
      ),
    );
  }

  // SMTP TLS reports (RFC 8460).
  const tlsReporters = [
    ['noreply-smtp-tls-reporting@google.com', 'google.com'],
    ['tlsrpt-noreply@microsoft.com', 'microsoft.com'],
    ['TLS Reporting <tlsrpt@mail.provider.example>', 'mail.provider.example'],
  ] as const;
  for (let k = 0; k < 14; k += 1) {
    const [from, submitter] = c.random.pick(tlsReporters);
    const start = epoch(c);
    const id = `<${start}.${c.hex(6)}@${submitter}>`;
    add(
      'report/tls-rpt',
      'noreply_notification',
      c.message(
        [
          `From: ${from}`,
          `To: tls-reports@${cast.ourDomain}`,
          subjectHeader(
            `Report Domain: ${cast.ourDomain} Submitter: ${submitter} Report-ID: ${id}`,
          ),
          `TLS-Report-Domain: ${cast.ourDomain}`,
          `TLS-Report-Submitter: ${submitter}`,
          `Date: ${c.date()}`,
          `Message-ID: ${c.messageId(submitter)}`,
        ],
        multipart(
          'report',
          c.boundary(),
          [
            text(`This is an aggregate TLS report from ${submitter}`),
            attachment(
              'application/tlsrpt+gzip',
              `${submitter}!${cast.ourDomain}!${start}!${start + 86_400}!001.json.gz`,
              `{"organization-name":"${submitter}","policies":[]}`,
            ),
          ],
          ' report-type=tlsrpt;',
        ),
      ),
    );
  }

  // DMARC aggregate reports (RFC 7489).
  const dmarcReporters = [
    ['noreply-dmarc-support@google.com', 'google.com', 'application/zip', 'zip'],
    [
      'DMARC Aggregate Report <dmarcreport@microsoft.com>',
      'Enterprise Outlook',
      'application/gzip',
      'xml.gz',
    ],
    ['Yahoo DMARC Report <dmarchelp@yahooinc.com>', 'Yahoo', 'application/gzip', 'xml.gz'],
    ['dmarc_support@corp.mail.ru', 'Mail.Ru', 'application/zip', 'zip'],
    ['dmarc-noreply@linkedin.com', 'LinkedIn', 'application/zip', 'zip'],
    ['opendmarc@mx.partner-host.example', 'mx.partner-host.example', 'application/gzip', 'xml.gz'],
  ] as const;
  for (let k = 0; k < 24; k += 1) {
    const [from, submitter, type, ext] = c.random.pick(dmarcReporters);
    const start = epoch(c);
    const file = `${submitter.toLowerCase().replace(/\s+/g, '')}!${cast.ourDomain}!${start}!${start + 86_399}.${ext}`;
    const subjectStyle = c.random.int(3);
    add(
      'report/dmarc',
      'noreply_notification',
      c.message(
        [
          `From: ${from}`,
          `To: dmarc@${cast.ourDomain}`,
          subjectHeader(
            subjectStyle === 2
              ? `[Preview] Report Domain: ${cast.ourDomain} Submitter: ${submitter} Report-ID: ${c.hex(16)}`
              : `Report domain: ${cast.ourDomain} Submitter: ${submitter} Report-ID: <${c.hex(20)}>`,
          ),
          `Date: ${c.date()}`,
          `Message-ID: ${c.messageId('dmarc.example')}`,
        ],
        c.random.chance(0.5)
          ? multipart('mixed', c.boundary(), [
              text(`This is a DMARC aggregate report for ${cast.ourDomain}.`),
              attachment(type, file, '<feedback><report_metadata/></feedback>'),
            ])
          : attachment(type, file, '<feedback><report_metadata/></feedback>'),
      ),
    );
  }

  // Read receipts (RFC 3798): automatic answers, not notifications.
  for (let k = 0; k < 14; k += 1) {
    const reader = cast.person(cast.customerDomain());
    const subject = cast.topic();
    const style = c.random.int(3);
    const human =
      style === 0
        ? `Your message\n\n  To: ${reader.name}\n  Subject: ${subject}\n  Sent: ${c.date()}\n\nwas read on ${c.date()}.`
        : style === 1
          ? `Ihre Nachricht\n\n  An: ${reader.name}\n  Betreff: ${subject}\n\nwurde am ${c.date()} gelesen.`
          : `This is a Return Receipt for the mail that you sent to ${reader.address}.\n\nNote: This Return Receipt only acknowledges that the message was displayed on the recipient's computer.`;
    add(
      'report/mdn',
      'auto_reply',
      c.message(
        [
          `From: ${reader.name} <${reader.address}>`,
          to(),
          subjectHeader(
            style === 0
              ? `Read: ${subject}`
              : style === 1
                ? `Gelesen: ${subject}`
                : `Return Receipt (displayed) - ${subject}`,
          ),
          `Date: ${c.date()}`,
          `Message-ID: ${c.messageId(reader.address.split('@')[1]!)}`,
        ],
        multipart(
          'report',
          c.boundary(),
          [
            text(human),
            part(
              'message/disposition-notification',
              `Reporting-UA: ${reader.address.split('@')[1]!}; Microsoft Outlook 16.0\nFinal-Recipient: rfc822;${reader.address}\nOriginal-Message-ID: ${c.messageId(cast.ourDomain)}\nDisposition: manual-action/MDN-sent-manually; displayed\n`,
            ),
          ],
          ' report-type=disposition-notification;',
        ),
      ),
    );
  }

  // Read receipts some clients write as plain mail (Lotus Notes, older Exchange).
  for (let k = 0; k < 8; k += 1) {
    const reader = cast.person(cast.customerDomain());
    const subject = cast.topic();
    const notes = k % 2 === 0;
    add(
      'report/plain-receipt',
      'auto_reply',
      c.message(
        [
          `From: ${reader.name} <${reader.address}>`,
          to(),
          subjectHeader(notes ? `Return Receipt` : `Read: ${subject}`),
          `Date: ${c.date()}`,
          `Message-ID: ${c.messageId(reader.address.split('@')[1]!)}`,
        ],
        text(
          notes
            ? `Your document:\t${subject}\nwas received by:\t${reader.name}/${reader.address.split('@')[1]!}\nat:\t${c.date()}`
            : `Your message\n\n  To: ${reader.name}\n  Subject: ${subject}\n  Sent: ${c.date()}\n\nwas read on ${c.date()}.`,
        ),
      ),
    );
  }

  // Calendar services' notices (not scheduling messages).
  const calendarNotices = [
    () => [
      'Google Calendar <calendar-notification@google.com>',
      `Notification: ${cast.topic()} @ Tue 15 Apr 2025 10am - 11am (CEST)`,
      'You are receiving this email because you set a notification for this event. Forwarding this notification could allow any recipient to modify your RSVP response.',
    ],
    () => [
      'Calendly <notifications@calendly.com>',
      `New Event: ${cast.person(cast.customerDomain()).name} - 10:30am Thu, Apr 17, 2025 - 30 Minute Meeting`,
      'A new event has been scheduled. Invitee time zone: Central European Time.',
    ],
    () => [
      'Doodle <mailer@doodle.com>',
      `${cast.person(cast.customerDomain()).name} participated in your Doodle poll "${cast.topic()}"`,
      'View the results of your poll. This is an automated message, please do not reply.',
    ],
    () => [
      `Microsoft Bookings <bookings@${cast.ourDomain}>`,
      `Appointment reminder: ${cast.topic()}`,
      'This is an automated reminder of your upcoming booking. Please do not reply to this email.',
    ],
    () => [
      'Zoom <no-reply@zoom.us>',
      `Meeting reminder: ${cast.topic()}`,
      'Your meeting will begin in 15 minutes.',
    ],
  ];
  for (let k = 0; k < 14; k += 1) {
    const [from, subject, body] = c.random.pick(calendarNotices)();
    add(
      'notice/calendar',
      'noreply_notification',
      c.message(
        [
          from && `From: ${from}`,
          to(),
          subjectHeader(subject!),
          `Date: ${c.date()}`,
          `Message-ID: ${c.messageId('calendar.example')}`,
          'Auto-Submitted: auto-generated',
        ],
        text(body!),
      ),
    );
  }

  // Ticketing, issue tracking and alerting systems.
  const tickets = [
    () => {
      const account = cast.customerDomain().split('.')[0]!;
      return {
        from: `${account} Support <support@${account}.zendesk.com>`,
        subject: `[${account}] Re: Request #${10_000 + c.random.int(89_999)}: ${cast.topic()}`,
        headers: [`X-Zendesk-From-Account-Id: ${c.hex(7)}`, `X-Zendesk-Email-Id: ${c.hex(20)}`],
        body: `##- Please type your reply above this line -##\n\nYour request (${c.random.int(9999)}) has been updated. To add additional comments, reply to this email.\n\nAgent Smith (Support)\n\nWe have forwarded the issue to our engineers.`,
      };
    },
    () => ({
      from: `Helpdesk <helpdesk@${cast.customerDomain()}>`,
      subject: `Ticket Received - ${cast.topic()}`,
      headers: [`X-Freshdesk-Ticket-Id: ${c.random.int(99_999)}`],
      body: 'Dear customer,\n\nWe would like to acknowledge that we have received your request and a ticket has been created.\nA support representative will be reviewing your request and will send you a personal response (usually within 24 hours).',
    }),
    () => {
      const site = cast.customerDomain().split('.')[0]!;
      return {
        from: `Jira <jira@${site}.atlassian.net>`,
        subject: `[JIRA] (SUP-${c.random.int(999)}) ${cast.topic()}`,
        headers: [
          'X-JIRA-FingerPrint: 0b1c2d3e4f',
          'Auto-Submitted: auto-generated',
          'Precedence: bulk',
        ],
        body: `${cast.person(cast.customerDomain()).name} commented on SUP-${c.random.int(999)}:\n\nCan you attach the logs?\n\nThis message was sent by Atlassian Jira.`,
      };
    },
    () => ({
      from: `ServiceNow <servicenow@${cast.customerDomain().split('.')[0]!}.service-now.com>`,
      subject: `Incident INC00${c.random.int(99_999)} has been resolved`,
      headers: ['X-ServiceNow-Generated: true', 'X-ServiceNow-Source: Notification-9c1d'],
      body: 'Your incident has been resolved. If you feel the issue is not resolved, please click here to reopen your incident.\n\nRef:MSG0123456',
    }),
    () => ({
      from: `${cast.person(cast.customerDomain()).name} <notifications@github.com>`,
      subject: `Re: [acme/sdk] Fix retry on 429 (PR #${c.random.int(999)})`,
      headers: [
        'X-GitHub-Reason: review_requested',
        'List-ID: acme/sdk <sdk.acme.github.com>',
        'List-Unsubscribe: <mailto:unsub+abc@reply.github.com>',
        `Reply-To: acme/sdk <reply+${c.hex(30)}@reply.github.com>`,
      ],
      body: '@reviewer requested your review on this pull request.\n\n-- \nReply to this email directly, view it on GitHub, or unsubscribe.',
    }),
    () => ({
      from: `GitLab <gitlab@git.${cast.customerDomain()}>`,
      subject: `Pipeline #${c.random.int(99_999)} has failed!`,
      headers: [
        'X-GitLab-Project: platform',
        'X-GitLab-Pipeline-Id: 4411',
        'Auto-Submitted: auto-generated',
      ],
      body: 'Your pipeline has failed.\n\nProject: platform\nBranch: main\nCommit: 4f2a9c1',
    }),
    () => ({
      from: `PagerDuty <no-reply@pagerduty.com>`,
      subject: `[PagerDuty] TRIGGERED: Incident #${c.random.int(9999)} High error rate`,
      headers: ['X-PagerDuty-Incident-Id: P1234'],
      body: 'An incident has been triggered. Acknowledge or resolve it from the app.',
    }),
  ];
  for (let k = 0; k < 22; k += 1) {
    const ticket = c.random.pick(tickets)();
    add(
      'notice/ticket',
      'noreply_notification',
      c.message(
        [
          `From: ${ticket.from}`,
          to(),
          subjectHeader(ticket.subject),
          `Date: ${c.date()}`,
          `Message-ID: ${c.messageId('tickets.example')}`,
          ...ticket.headers,
        ],
        text(ticket.body),
      ),
    );
  }

  // Cloud services' notices: often sent through a sending service with list headers and a footer.
  const clouds = [
    [
      'Amazon Web Services <no-reply-aws@amazon.com>',
      'Your AWS Account is approaching the AWS Free Tier limit',
      'ses',
    ],
    [
      'Microsoft Azure <azure-noreply@microsoft.com>',
      'Action required: Transition to Azure Monitor agent',
      'plain',
    ],
    [
      'Google Cloud <CloudPlatform-noreply@google.com>',
      '[Action Required] Cloud SQL maintenance scheduled',
      'plain',
    ],
    ['Heroku <noreply@heroku.com>', 'Your dyno hours are almost exhausted', 'sendgrid'],
    ['Stripe <notifications@stripe.com>', 'Your payout of €4,120.55 is on the way', 'ses'],
    [
      'Cloudflare <noreply@notify.cloudflare.com>',
      'SSL certificate renewal for your zone',
      'sendgrid',
    ],
    ['Sentry <noreply@md.getsentry.com>', 'New issue: TypeError in checkout', 'plain'],
    ['DigitalOcean <support@digitalocean.com>', 'Scheduled maintenance in FRA1', 'wording'],
    ['Datadog Alerting <alert@dtdg.co>', '[Triggered] CPU above 90% on web-3', 'plain'],
    [`Billing <billing@${'cloudhost.example'}>`, 'Your invoice INV-20419 is available', 'wording'],
  ] as const;
  for (let k = 0; k < 26; k += 1) {
    const [from, subject, style] = c.random.pick(clouds);
    const headers =
      style === 'ses'
        ? [
            `Feedback-ID: 1.us-east-1.${c.hex(16)}:AmazonSES`,
            'List-Unsubscribe: <https://notifications.service.example/unsubscribe?u=1>',
            'X-SES-Outgoing: 2025.04.01-54.240.8.1',
          ]
        : style === 'sendgrid'
          ? [`X-SG-EID: ${c.hex(30)}`, 'List-Unsubscribe: <mailto:unsubscribe@sendgrid.example>']
          : [];
    const footer =
      style === 'wording'
        ? '\n\nThis is an automated message, please do not reply to this email.'
        : '\n\nYou are receiving this email because you are an account owner. To stop receiving these notices, update your notification preferences or unsubscribe.';
    const body = `Hello,\n\n${subject}. Review the details in your console.${footer}`;
    add(
      'notice/cloud',
      'noreply_notification',
      c.message(
        [
          `From: ${from}`,
          to(),
          subjectHeader(subject),
          `Date: ${c.date()}`,
          `Message-ID: ${c.messageId('cloud.example')}`,
          ...headers,
        ],
        c.random.chance(0.5)
          ? multipart('alternative', c.boundary(), [
              text(body),
              html(
                `<html><body><table width="100%"><tr><td><table width="600"><tr><td><h2>${subject}</h2><p>Review the details in your <a href="https://console.cloud.example/billing">console</a>.</p><p style="font-size:11px">${footer.trim()}</p></td></tr></table></td></tr></table></body></html>`,
              ),
            ])
          : text(body),
      ),
    );
  }
  return samples;
}
