import {
  attachment,
  multipart,
  part,
  subjectHeader,
  text,
  type Composer,
  type Entity,
} from './compose.js';

/** Why a delivery failed, as the MTAs say it. */
export interface FailureReason {
  readonly smtp: string;
  readonly status: string;
  readonly text: string;
}

export const failureReasons: readonly FailureReason[] = [
  { smtp: '550', status: '5.1.1', text: 'User unknown' },
  {
    smtp: '550',
    status: '5.1.1',
    text: 'The email account that you tried to reach does not exist',
  },
  { smtp: '552', status: '5.2.2', text: 'Mailbox full' },
  {
    smtp: '550',
    status: '5.1.1',
    text: 'Recipient address rejected: User unknown in virtual mailbox table',
  },
  { smtp: '554', status: '5.7.1', text: 'Message rejected due to local policy' },
  { smtp: '550', status: '5.4.1', text: 'Recipient address rejected: Access denied' },
  { smtp: '553', status: '5.1.3', text: 'Invalid recipient address' },
  { smtp: '550', status: '5.2.1', text: 'Mailbox disabled, not accepting messages' },
];

export interface BounceContext {
  readonly c: Composer;
  /** Our user, who sent the original and receives the bounce. */
  readonly sender: { readonly address: string; readonly name: string };
  readonly failed: string;
  readonly reason: FailureReason;
  readonly original: {
    readonly subject: string;
    readonly messageId: string;
    readonly date: string;
    readonly body: string;
  };
}

export interface BounceFormat {
  /** The MTA or service, e.g. `postfix`, `exchange-de`. */
  readonly mta: string;
  /** Writes one bounce; `status` is what the report states, if it states one. */
  readonly write: (ctx: BounceContext) => { raw: string; status?: string };
}

const domainOf = (address: string) => address.slice(address.indexOf('@') + 1);

function originalHeaders(ctx: BounceContext): string {
  const { sender, failed, original } = ctx;
  return [
    `Return-Path: <${sender.address}>`,
    `Received: from [10.20.${ctx.c.random.int(250)}.${ctx.c.random.int(250)}] by smtp.${domainOf(sender.address)}`,
    `From: ${sender.name} <${sender.address}>`,
    `To: ${failed}`,
    `Subject: ${original.subject}`,
    `Date: ${original.date}`,
    `Message-ID: ${original.messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
  ].join('\n');
}

function originalMessage(ctx: BounceContext): string {
  return `${originalHeaders(ctx)}\n\n${ctx.original.body}`;
}

/** RFC 3464: human part, delivery-status, returned message or headers. */
function dsn(
  ctx: BounceContext,
  human: string,
  reportingMta: string,
  options: {
    returned?: 'message' | 'headers' | 'none';
    action?: string;
    humanType?: string;
    diagnostic?: string;
    extraHuman?: readonly Entity[];
  } = {},
): Entity {
  const { failed, reason } = ctx;
  const returned = options.returned ?? 'headers';
  const action = options.action ?? 'failed';
  const status = action === 'delayed' ? '4.4.1' : reason.status;
  return multipart(
    'report',
    ctx.c.boundary(),
    [
      part(options.humanType ?? 'text/plain; charset=us-ascii', human, [
        'Content-Description: Notification',
      ]),
      ...(options.extraHuman ?? []),
      part(
        'message/delivery-status',
        [
          `Reporting-MTA: dns; ${reportingMta}`,
          `Arrival-Date: ${ctx.original.date}`,
          '',
          `Final-Recipient: rfc822; ${failed}`,
          `Original-Recipient: rfc822;${failed}`,
          `Action: ${action}`,
          `Status: ${status}`,
          `Remote-MTA: dns; mx.${domainOf(failed)}`,
          `Diagnostic-Code: smtp; ${options.diagnostic ?? `${reason.smtp} ${reason.status} <${failed}>: ${reason.text}`}`,
          '',
        ].join('\n'),
        ['Content-Description: Delivery report'],
      ),
      ...(returned === 'none'
        ? []
        : [
            returned === 'message'
              ? part('message/rfc822', originalMessage(ctx), [
                  'Content-Description: Undelivered Message',
                ])
              : part('text/rfc822-headers', originalHeaders(ctx), [
                  'Content-Description: Undelivered Message Headers',
                ]),
          ]),
    ],
    ' report-type=delivery-status;',
  );
}

/** A plain bounce with the returned message attached as message/rfc822. */
function withReturned(ctx: BounceContext, explanation: string, charset = 'utf-8'): Entity {
  return multipart('mixed', ctx.c.boundary(), [
    text(explanation, charset),
    part('message/rfc822', originalMessage(ctx), ['Content-Disposition: inline']),
  ]);
}

function top(
  ctx: BounceContext,
  from: string,
  subject: string,
  extra: readonly string[] = [],
  returnPath = '<>',
): string[] {
  return [
    `Return-Path: ${returnPath}`,
    `Received: from ${domainOf(ctx.failed)} by mx.${domainOf(ctx.sender.address)}; ${ctx.original.date}`,
    `From: ${from}`,
    `To: ${ctx.sender.name} <${ctx.sender.address}>`,
    subjectHeader(subject),
    `Date: ${ctx.c.date()}`,
    `Message-ID: ${ctx.c.messageId(domainOf(from.replace(/.*<|>.*/g, '')) || 'mta.example')}`,
    ...extra,
  ];
}

const pick = <T>(ctx: BounceContext, items: readonly T[]): T => ctx.c.random.pick(items);
const host = (ctx: BounceContext, prefix: string) =>
  `${prefix}${1 + ctx.c.random.int(40)}.${domainOf(ctx.failed)}`;

export const bounceFormats: readonly BounceFormat[] = [
  {
    mta: 'postfix',
    write: (ctx) => {
      const mta = host(ctx, 'mail');
      const human = `This is the mail system at host ${mta}.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

<${ctx.failed}>: host mx.${domainOf(ctx.failed)}[203.0.113.${ctx.c.random.int(250)}] said: ${ctx.reason.smtp}
    ${ctx.reason.status} <${ctx.failed}>: ${ctx.reason.text} (in reply to RCPT TO command)`;
      return {
        raw: ctx.c.message(
          top(
            ctx,
            `MAILER-DAEMON@${mta} (Mail Delivery System)`,
            'Undelivered Mail Returned to Sender',
            ['Auto-Submitted: auto-replied'],
          ),
          dsn(ctx, human, mta, { returned: pick(ctx, ['message', 'headers'] as const) }),
        ),
        status: ctx.reason.status,
      };
    },
  },
  {
    mta: 'postfix-legacy',
    write: (ctx) => {
      const mta = host(ctx, 'smtp');
      return {
        raw: ctx.c.message(
          top(
            ctx,
            `MAILER-DAEMON@${mta} (Mail Delivery System)`,
            'Undelivered Mail Returned to Sender',
          ),
          withReturned(
            ctx,
            `This is the Postfix program at host ${mta}.

I'm sorry to have to inform you that the message returned
below could not be delivered to one or more destinations.

			The Postfix program

<${ctx.failed}>: ${ctx.reason.text.toLowerCase()}`,
          ),
        ),
      };
    },
  },
  {
    mta: 'postfix-delayed',
    write: (ctx) => {
      const mta = host(ctx, 'relay');
      const human = `This is the mail system at host ${mta}.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

Your message could not be delivered for more than 4 hour(s).
It will be retried until it is 5 day(s) old.

                   The mail system

<${ctx.failed}>: connect to mx.${domainOf(ctx.failed)}[198.51.100.7]:25: Connection timed out`;
      return {
        raw: ctx.c.message(
          top(
            ctx,
            `MAILER-DAEMON@${mta} (Mail Delivery System)`,
            'Delayed Mail (still being retried)',
            ['Auto-Submitted: auto-replied'],
          ),
          dsn(ctx, human, mta, {
            action: 'delayed',
            diagnostic: `X-Postfix; connect to mx.${domainOf(ctx.failed)}: Connection timed out`,
          }),
        ),
      };
    },
  },
  {
    mta: 'sendmail',
    write: (ctx) => {
      const mta = host(ctx, 'smtp');
      const human = `The original message was received at ${ctx.original.date}
from smtp.${domainOf(ctx.sender.address)} [192.0.2.${ctx.c.random.int(250)}]

   ----- The following addresses had permanent fatal errors -----
<${ctx.failed}>
    (reason: ${ctx.reason.smtp} ${ctx.reason.status} ${ctx.reason.text})

   ----- Transcript of session follows -----
... while talking to mx.${domainOf(ctx.failed)}.:
>>> DATA
<<< ${ctx.reason.smtp} ${ctx.reason.status} <${ctx.failed}>... ${ctx.reason.text}
550 5.1.1 <${ctx.failed}>... User unknown
<<< 503 5.0.0 Need RCPT (recipient)`;
      return {
        raw: ctx.c.message(
          top(
            ctx,
            `Mail Delivery Subsystem <MAILER-DAEMON@${mta}>`,
            'Returned mail: see transcript for details',
            ['Auto-Submitted: auto-generated (failure)'],
          ),
          dsn(ctx, human, mta, { returned: 'message' }),
        ),
        status: ctx.reason.status,
      };
    },
  },
  {
    mta: 'sendmail-plain',
    write: (ctx) => {
      const mta = host(ctx, 'mail');
      return {
        raw: ctx.c.message(
          top(ctx, `Mail Delivery Subsystem <MAILER-DAEMON@${mta}>`, 'Returned mail: User unknown'),
          text(`The original message was received at ${ctx.original.date}
from localhost [127.0.0.1]

   ----- The following addresses had permanent fatal errors -----
${ctx.failed}

   ----- Transcript of session follows -----
${ctx.reason.smtp} ${ctx.failed}... ${ctx.reason.text}

   ----- Original message follows -----

${originalMessage(ctx)}`),
        ),
        status: ctx.reason.smtp,
      };
    },
  },
  {
    mta: 'exim',
    write: (ctx) => {
      const mta = host(ctx, 'server');
      return {
        raw: ctx.c.message(
          top(
            ctx,
            `Mail Delivery System <Mailer-Daemon@${mta}>`,
            'Mail delivery failed: returning message to sender',
            [`X-Failed-Recipients: ${ctx.failed}`, 'Auto-Submitted: auto-replied'],
          ),
          text(`This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  ${ctx.failed}
    host mx.${domainOf(ctx.failed)} [203.0.113.9]
    SMTP error from remote mail server after RCPT TO:<${ctx.failed}>:
    ${ctx.reason.smtp} ${ctx.reason.status} ${ctx.reason.text}

------ This is a copy of the message, including all the headers. ------

${originalMessage(ctx)}`),
        ),
        status: ctx.reason.status,
      };
    },
  },
  {
    mta: 'exim-delay',
    write: (ctx) => {
      const mta = host(ctx, 'mx');
      return {
        raw: ctx.c.message(
          top(
            ctx,
            `Mail Delivery System <Mailer-Daemon@${mta}>`,
            'Warning: message 1u2RkN-0004Xb-7c delayed 24 hours',
            ['Auto-Submitted: auto-replied'],
          ),
          text(`This message was created automatically by mail delivery software.
A message that you sent has not yet been delivered to one or more of its
recipients after more than 24 hours on the queue on ${mta}.

The message identifier is:     1u2RkN-0004Xb-7c
The subject of the message is: ${ctx.original.subject}

The address to which the message has not yet been delivered is:

  ${ctx.failed}
    host mx.${domainOf(ctx.failed)} [198.51.100.20]
    Delay reason: SMTP error from remote mail server after RCPT TO:<${ctx.failed}>:
    451 4.7.1 Greylisted, please try again later

No action is required on your part. Delivery attempts will continue for
some time, and this warning may be repeated at intervals if the message
remains undelivered. Eventually the mail delivery software will give up,
and when that happens, the message will be returned to you.`),
        ),
        status: '4.7.1',
      };
    },
  },
  {
    mta: 'qmail',
    write: (ctx) => {
      const mta = host(ctx, 'mail');
      return {
        raw: ctx.c.message(
          top(ctx, `MAILER-DAEMON@${mta}`, 'failure notice'),
          text(`Hi. This is the qmail-send program at ${mta}.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<${ctx.failed}>:
203.0.113.44 does not like recipient.
Remote host said: ${ctx.reason.smtp} ${ctx.reason.status} ${ctx.reason.text}
Giving up on 203.0.113.44.

--- Below this line is a copy of the message.

${originalMessage(ctx)}`),
        ),
        status: ctx.reason.status,
      };
    },
  },
  {
    mta: 'qmail-ldap',
    write: (ctx) => {
      const mta = host(ctx, 'qmail');
      return {
        raw: ctx.c.message(
          top(ctx, `MAILER-DAEMON@${mta}`, 'failure notice', [], ''),
          text(`Hi. This is the qmail-send program at ${mta}.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<${ctx.failed}>:
Sorry, no mailbox here by that name. (#5.1.1)

--- Below this line is a copy of the message.

${originalMessage(ctx)}`),
        ),
        status: '5.1.1',
      };
    },
  },
  ...(['en', 'de', 'fr', 'es', 'nl', 'it', 'pt'] as const).map((lang): BounceFormat => ({
    mta: `microsoft365-${lang}`,
    write: (ctx) => {
      const tenant = domainOf(ctx.sender.address).split('.')[0]!;
      const words = exchangeWords[lang];
      const human = `${words.couldnt.replace('{to}', ctx.failed)}

${words.headline}

${ctx.failed}
${words.reason}

Diagnostic information for administrators:

Generating server: AM6PR04MB${ctx.c.hex(4).toUpperCase()}.eurprd04.prod.outlook.com

${ctx.failed}
Remote Server returned '${ctx.reason.smtp} ${ctx.reason.status} ${ctx.reason.text} [AM6PR04MB5012.eurprd04.prod.outlook.com]'

Original message headers:

${originalHeaders(ctx)}`;
      const htmlHuman = `<html><body><p><b><font color="#000066" size="3" face="Segoe UI">${words.couldnt.replace('{to}', ctx.failed)}</font></b></p><p>${words.headline}</p><p>${ctx.failed}<br>${words.reason}</p></body></html>`;
      return {
        raw: ctx.c.message(
          top(
            ctx,
            `Microsoft Outlook <postmaster@${tenant}.onmicrosoft.com>`,
            `${words.subject}: ${ctx.original.subject}`,
            [
              'X-MS-Exchange-Message-Is-Ndr:',
              'Auto-Submitted: auto-replied',
              `In-Reply-To: ${ctx.original.messageId}`,
            ],
          ),
          multipart(
            'report',
            ctx.c.boundary(),
            [
              multipart('alternative', ctx.c.boundary(), [
                text(human),
                part('text/html; charset=utf-8', htmlHuman),
              ]),
              part(
                'message/delivery-status',
                `Reporting-MTA: dns;AM6PR04MB5012.eurprd04.prod.outlook.com\nReceived-From-MTA: dns;smtp.${tenant}.com\n\nFinal-Recipient: rfc822;${ctx.failed}\nAction: failed\nStatus: ${ctx.reason.status}\nDiagnostic-Code: smtp;${ctx.reason.smtp} ${ctx.reason.status} ${ctx.reason.text}\nRemote-MTA: dns;mx.${domainOf(ctx.failed)}\n`,
              ),
              part('message/rfc822', originalMessage(ctx)),
            ],
            ' report-type=delivery-status;',
          ),
        ),
        status: ctx.reason.status,
      };
    },
  })),
  {
    mta: 'exchange-2010',
    write: (ctx) => {
      const org = domainOf(ctx.sender.address);
      return {
        raw: ctx.c.message(
          top(ctx, `postmaster@${org}`, `Undeliverable: ${ctx.original.subject}`, [
            'X-MS-Exchange-Message-Is-Ndr:',
            'Content-Language: en-US',
          ]),
          withReturned(
            ctx,
            `Delivery has failed to these recipients or groups:

${ctx.failed}
The e-mail address you entered couldn't be found. Please check the recipient's e-mail address and try to resend the message. If the problem continues, please contact your helpdesk.

Diagnostic information for administrators:

Generating server: EXCH01.${org}

${ctx.failed}
#${ctx.reason.smtp} ${ctx.reason.status} RESOLVER.ADR.RecipNotFound; not found ##`,
          ),
        ),
        status: ctx.reason.status,
      };
    },
  },
  {
    mta: 'exchange-2003',
    write: (ctx) => {
      const org = domainOf(ctx.sender.address);
      return {
        raw: ctx.c.message(
          top(
            ctx,
            `System Administrator <postmaster@${org}>`,
            `Undeliverable: ${ctx.original.subject}`,
          ),
          withReturned(
            ctx,
            `Your message did not reach some or all of the intended recipients.

      Subject:	${ctx.original.subject}
      Sent:	${ctx.original.date}

The following recipient(s) cannot be reached:

      ${ctx.failed} on ${ctx.original.date}
            The e-mail account does not exist at the organization this message was sent to.  Check the e-mail address, or contact the recipient directly to find out the correct address.
            <mail.${org} #${ctx.reason.status}>`,
          ),
        ),
        status: ctx.reason.status,
      };
    },
  },
  {
    mta: 'outlook-com',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(ctx, 'postmaster@outlook.com', `Undeliverable: ${ctx.original.subject}`, [
          'X-MS-Exchange-Message-Is-Ndr:',
        ]),
        dsn(
          ctx,
          `Delivery has failed to these recipients or groups:

${ctx.failed}
The recipient's mailbox is full and can't accept messages now. Please try resending your message later, or contact the recipient directly.

Diagnostic information for administrators:
Generating server: DM6NAM12HT${ctx.c.hex(3)}.mail.protection.outlook.com`,
          'DM6NAM12HT210.mail.protection.outlook.com',
          { returned: 'message' },
        ),
      ),
      status: ctx.reason.status,
    }),
  },
  ...(['en', 'de', 'fr', 'es', 'ja'] as const).map((lang): BounceFormat => ({
    mta: `gmail-${lang}`,
    write: (ctx) => {
      const words = gmailWords[lang];
      return {
        raw: ctx.c.message(
          top(ctx, 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>', words.subject, [
            `X-Failed-Recipients: ${ctx.failed}`,
            'Auto-Submitted: auto-replied',
            `References: ${ctx.original.messageId}`,
            `In-Reply-To: ${ctx.original.messageId}`,
          ]),
          multipart(
            'report',
            ctx.c.boundary(),
            [
              multipart('related', ctx.c.boundary(), [
                multipart('alternative', ctx.c.boundary(), [
                  text(
                    `\n** ${words.headline} **\n\n${words.body.replace('{to}', ctx.failed)}\n\n${words.learn}\n\n${words.response}\n\n${ctx.reason.smtp} ${ctx.reason.status} ${ctx.reason.text}. Learn more at https://support.google.com/mail/?p=NoSuchUser ${ctx.c.hex(10)} - gsmtp`,
                  ),
                  part(
                    'text/html; charset="UTF-8"',
                    `<html><head><style>* { font-family:Roboto, "Helvetica Neue", Helvetica, Arial, sans-serif; }</style></head><body><table cellpadding="0" cellspacing="0" class="email-wrapper" style="padding-top:32px;background-color:#ffffff;"><tbody><tr><td><table cellpadding=0 cellspacing=0><tbody><tr><td style="max-width:560px;padding:24px 24px 32px;background-color:#fafafa;border:1px solid #e0e0e0;border-radius:2px"><h1 style="font-size:20px">${words.headline}</h1><p>${words.body.replace('{to}', `<a style='color:#212121;text-decoration:none'><b>${ctx.failed}</b></a>`)}</p></td></tr></tbody></table></td></tr></tbody></table></body></html>`,
                  ),
                ]),
                attachment('image/png', 'icon.png', 'PNGDATA'),
              ]),
              part(
                'message/delivery-status',
                `Reporting-MTA: dns; googlemail.com\nReceived-From-MTA: dns; ${ctx.sender.address}\nArrival-Date: ${ctx.original.date}\nX-Original-Message-ID: ${ctx.original.messageId}\n\nFinal-Recipient: rfc822; ${ctx.failed}\nAction: failed\nStatus: ${ctx.reason.status}\nRemote-MTA: dns; mx.${domainOf(ctx.failed)}. (203.0.113.5, the server for the domain ${domainOf(ctx.failed)}.)\nDiagnostic-Code: smtp; ${ctx.reason.smtp}-${ctx.reason.status} ${ctx.reason.text}\nLast-Attempt-Date: ${ctx.original.date}\n`,
              ),
              part('message/rfc822', originalMessage(ctx)),
            ],
            ' report-type=delivery-status;',
          ),
        ),
        status: ctx.reason.status,
      };
    },
  })),
  {
    mta: 'gmail-legacy',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(
          ctx,
          'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
          'Delivery Status Notification (Failure)',
          [`X-Failed-Recipients: ${ctx.failed}`],
        ),
        text(`Delivery to the following recipient failed permanently:

     ${ctx.failed}

Technical details of permanent failure:
Google tried to deliver your message, but it was rejected by the server for the recipient domain ${domainOf(ctx.failed)} by mx.${domainOf(ctx.failed)}. [203.0.113.1].

The error that the other server returned was:
${ctx.reason.smtp} ${ctx.reason.status} ${ctx.reason.text}

----- Original message -----

${originalMessage(ctx)}`),
      ),
      status: ctx.reason.status,
    }),
  },
  {
    mta: 'google-workspace-relay',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(
          ctx,
          `Mail Delivery Subsystem <mailer-daemon@googlemail.com>`,
          `Delivery Status Notification (Delay)`,
          ['Auto-Submitted: auto-replied'],
        ),
        text(`** Message not delivered yet **

There was a temporary problem delivering your message to ${ctx.failed}. Gmail will retry for 46 more hours. You'll be notified if the delivery fails permanently.

The response was:
451 4.4.0 DNS lookup of ${domainOf(ctx.failed)} timed out`),
      ),
      status: '4.4.0',
    }),
  },
  {
    mta: 'yahoo',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(ctx, 'MAILER-DAEMON@yahoo.com', 'Failure Notice'),
        text(`Sorry, we were unable to deliver your message to the following address.

<${ctx.failed}>:
${ctx.reason.smtp}: delivery error: dd This user doesn't have a ${domainOf(ctx.failed)} account (${ctx.failed}) [0] - mta${1 + ctx.c.random.int(9)}.am0.yahoodns.net

--- Below this line is a copy of the message.

${originalMessage(ctx)}`),
      ),
      status: ctx.reason.smtp,
    }),
  },
  {
    mta: 'aol',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(
          ctx,
          'Mail Delivery Subsystem <MAILER-DAEMON@aol.com>',
          'Returned mail: see transcript for details',
        ),
        dsn(
          ctx,
          `The original message was received at ${ctx.original.date}
from mtaout-mb04.r1000.mx.aol.com [172.29.41.69]

   ----- The following addresses had permanent fatal errors -----
<${ctx.failed}>
    (reason: ${ctx.reason.smtp} ${ctx.reason.status} ${ctx.reason.text})`,
          'mtaout-mb04.r1000.mx.aol.com',
        ),
      ),
      status: ctx.reason.status,
    }),
  },
  {
    mta: 'amazon-ses',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(ctx, 'MAILER-DAEMON@amazonses.com', 'Delivery Status Notification (Failure)', [
          `Feedback-ID: 1.eu-west-1.${ctx.c.hex(20)}:AmazonSES`,
          `X-SES-Outgoing: 2025.04.0${1 + ctx.c.random.int(8)}-54.240.4.${ctx.c.random.int(250)}`,
        ]),
        dsn(
          ctx,
          `An error occurred while trying to deliver the mail to the following recipients:
${ctx.failed}`,
          'a4-3.smtp-out.eu-west-1.amazonses.com',
        ),
      ),
      status: ctx.reason.status,
    }),
  },
  {
    mta: 'sendgrid',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(
          ctx,
          `Mail Delivery System <MAILER-DAEMON@o1.ptr${ctx.c.random.int(9999)}.sendgrid.net>`,
          'Undelivered Mail Returned to Sender',
          [`X-SG-EID: ${ctx.c.hex(40)}`],
        ),
        dsn(
          ctx,
          `This is the mail system at host o1.ptr${ctx.c.random.int(9999)}.sendgrid.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<${ctx.failed}>: ${ctx.reason.smtp} ${ctx.reason.status} ${ctx.reason.text}`,
          'o1.sendgrid.net',
        ),
      ),
      status: ctx.reason.status,
    }),
  },
  {
    mta: 'mailgun',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(
          ctx,
          `Mailgun <postmaster@mg.${domainOf(ctx.sender.address)}>`,
          `Delivery failure: ${ctx.original.subject}`,
          [`X-Mailgun-Sid: ${ctx.c.hex(24)}`, 'Auto-Submitted: auto-generated'],
        ),
        text(`Your message to ${ctx.failed} could not be delivered.

Reason: ${ctx.reason.smtp} ${ctx.reason.status} ${ctx.reason.text}

Mailgun tried to deliver this message several times and gave up.
Original subject: ${ctx.original.subject}`),
      ),
      status: ctx.reason.status,
    }),
  },
  {
    mta: 'postmark',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(
          ctx,
          `Postmark Bounces <bounces@postmarkapp.com>`,
          `Hard bounce: ${ctx.original.subject}`,
          [
            `X-PM-Message-Id: ${ctx.c.hex(8)}-${ctx.c.hex(4)}-${ctx.c.hex(4)}`,
            'Auto-Submitted: auto-generated',
          ],
        ),
        text(`The message you sent to ${ctx.failed} was returned as a hard bounce.

Type: HardBounce
Description: The server was unable to deliver your message (ex: unknown user, mailbox not found).
Details: smtp;${ctx.reason.smtp} ${ctx.reason.status} ${ctx.reason.text}`),
      ),
      status: ctx.reason.status,
    }),
  },
  {
    mta: 'domino',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(
          ctx,
          `Postmaster@${domainOf(ctx.failed)}`,
          `DELIVERY FAILURE: User ${ctx.failed.split('@')[0]} (${ctx.failed}) not listed in Domino Directory`,
          ['X-Mailer: Lotus Domino Release 9.0.1FP10'],
        ),
        withReturned(
          ctx,
          `Your message

  Subject: ${ctx.original.subject}

was not delivered to:

  ${ctx.failed}

because:

  User ${ctx.failed.split('@')[0]} (${ctx.failed}) not listed in Domino Directory`,
        ),
      ),
    }),
  },
  {
    mta: 'domino-report',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(
          ctx,
          `Mail Router <Postmaster@notes.${domainOf(ctx.failed)}>`,
          'Delivery Failure Report',
          ['X-Mailer: IBM Notes Release 9.0.1'],
        ),
        text(`Your document:	${ctx.original.subject}
was not delivered to:	${ctx.failed}
because:	Router: No route found to domain ${domainOf(ctx.failed).toUpperCase()} from server MAIL01/ACME. Check Server, Connection and Domain documents in Domino Directory.
What should you do?
  * Resend the message, ensuring the address is correct.`),
      ),
    }),
  },
  {
    mta: 'zimbra',
    write: (ctx) => {
      const mta = host(ctx, 'zimbra');
      return {
        raw: ctx.c.message(
          top(
            ctx,
            `MAILER-DAEMON@${mta} (Mail Delivery System)`,
            'Undelivered Mail Returned to Sender',
            ['X-Mailer: Zimbra 8.8.15_GA_4484'],
          ),
          dsn(
            ctx,
            `This is the mail system at host ${mta}.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

<${ctx.failed}>: ${ctx.reason.text}`,
            mta,
            { returned: 'message' },
          ),
        ),
        status: ctx.reason.status,
      };
    },
  },
  {
    mta: 'groupwise',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(
          ctx,
          `Postmaster <postmaster@gw.${domainOf(ctx.failed)}>`,
          'Message status - undeliverable',
          ['X-Mailer: GroupWise Internet Agent 18.2.1'],
        ),
        withReturned(
          ctx,
          `The message that you sent was undeliverable to the following:
	${ctx.failed} (user not found)

Possible causes:
	The e-mail address may be incorrect
	The user's mailbox may have been moved or deleted`,
        ),
      ),
    }),
  },
  {
    mta: 'courier',
    write: (ctx) => {
      const mta = host(ctx, 'courier');
      return {
        raw: ctx.c.message(
          top(ctx, `"Courier mail server at ${mta}" <@>`, 'NOTICE: mail delivery status.'),
          dsn(
            ctx,
            `This is a delivery status notification from ${mta},
running the Courier mail server, version 1.1.9.

The original message was received on ${ctx.original.date}
from smtp.${domainOf(ctx.sender.address)} [192.0.2.33]

---------------------------------------------------------------------------

                           UNDELIVERABLE MAIL

Your message to the following recipients cannot be delivered:

<${ctx.failed}>:
    mx.${domainOf(ctx.failed)} [203.0.113.71]:
>>> RCPT TO:<${ctx.failed}>
<<< ${ctx.reason.smtp} ${ctx.reason.text}

---------------------------------------------------------------------------

If your message was also sent to additional recipients, their delivery
status is not included in this report.`,
            mta,
          ),
        ),
        status: ctx.reason.status,
      };
    },
  },
  {
    mta: 'mdaemon',
    write: (ctx) => {
      const mta = host(ctx, 'mail');
      return {
        raw: ctx.c.message(
          top(
            ctx,
            `MDaemon@${mta}`,
            'Permanent Delivery Failure',
            ['X-MDaemon-Deliver-To: ' + ctx.sender.address, 'X-Return-Path: <>'],
            '',
          ),
          withReturned(
            ctx,
            `The attached message had PERMANENT fatal delivery errors!

After one or more unsuccessful delivery attempts the attached message has
been removed from the mail queue on this server.  The number and frequency
of delivery attempts are determined by local configuration parameters.

YOU DO NOT NEED TO RESEND THIS MESSAGE.

--- Session Transcript ---
 Attempting SMTP connection to [mx.${domainOf(ctx.failed)} : 25]
 Waiting for protocol to start...
 RCPT To:<${ctx.failed}>
 ${ctx.reason.smtp} ${ctx.reason.status} ${ctx.reason.text}
--- End Transcript ---`,
          ),
        ),
        status: ctx.reason.status,
      };
    },
  },
  {
    mta: 'icloud',
    write: (ctx) => {
      const mta = `ms${10 + ctx.c.random.int(80)}p00im-qufo17281701.me.com`;
      return {
        raw: ctx.c.message(
          top(
            ctx,
            'Mail Delivery System <MAILER-DAEMON@icloud.com>',
            'Undelivered Mail Returned to Sender',
          ),
          dsn(
            ctx,
            `This is the mail system at host ${mta}.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

<${ctx.failed}>: host mx.${domainOf(ctx.failed)} said: ${ctx.reason.smtp} ${ctx.reason.status} ${ctx.reason.text}`,
            mta,
          ),
        ),
        status: ctx.reason.status,
      };
    },
  },
  ...(['gmx.net', 'web.de'] as const).map((provider): BounceFormat => ({
    mta: provider === 'gmx.net' ? 'gmx' : 'web.de',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(
          ctx,
          `Mail Delivery System <mailer-daemon@${provider}>`,
          'Mail delivery failed: returning message to sender',
        ),
        text(`This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of
its recipients. This is a permanent error. The following address
failed:

"${ctx.failed}":
SMTP error from remote server for RCPT TO command, host: mx.${domainOf(ctx.failed)} (203.0.113.2) reason: ${ctx.reason.smtp} ${ctx.reason.status} ${ctx.reason.text}

--- Die folgende Nachricht wurde nicht zugestellt / The following message was not delivered ---

--- The header of the original message is following. ---

${originalHeaders(ctx)}`),
      ),
      status: ctx.reason.status,
    }),
  })),
  {
    mta: 'mail.ru',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(
          ctx,
          'Mail Delivery System <MAILER-DAEMON@corp.mail.ru>',
          pick(ctx, ['Mail failure.', 'Сообщение не доставлено']),
        ),
        text(`Это письмо создано автоматически сервером Mail.Ru,
отвечать на него не нужно.

К сожалению, Ваше письмо не может быть доставлено одному или нескольким получателям:

${ctx.failed}
SMTP error from remote mail server after RCPT TO:<${ctx.failed}>:
host mx.${domainOf(ctx.failed)} [203.0.113.11]: ${ctx.reason.smtp} ${ctx.reason.status} ${ctx.reason.text}

Рекомендуем Вам проверить корректность указания адресов получателей.

--- Исходное сообщение ---

${originalHeaders(ctx)}`),
      ),
      status: ctx.reason.status,
    }),
  },
  {
    mta: 'yandex',
    write: (ctx) => {
      const russian = ctx.c.random.chance(0.6);
      return {
        raw: ctx.c.message(
          top(
            ctx,
            'mailer-daemon@yandex.ru',
            russian ? 'Недоставленное сообщение' : 'Delivery failure',
            ['Auto-Submitted: auto-replied'],
          ),
          text(
            russian
              ? `Сообщение было отправлено по адресу ${ctx.failed}, но не было доставлено.

Причина: ${ctx.reason.smtp} ${ctx.reason.status} ${ctx.reason.text}

Это сообщение отправлено автоматически. Пожалуйста, не отвечайте на него.

--- Заголовки исходного сообщения ---
${originalHeaders(ctx)}`
              : `This is the mail system at host forward${100 + ctx.c.random.int(400)}.mail.yandex.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<${ctx.failed}>: host mx.${domainOf(ctx.failed)} said: ${ctx.reason.smtp} ${ctx.reason.status} ${ctx.reason.text}`,
          ),
        ),
        status: ctx.reason.status,
      };
    },
  },
  {
    mta: 'docomo',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(ctx, 'MAILER-DAEMON@docomo.ne.jp', 'Returned mail: see transcript for details'),
        text(`The original message was received at ${ctx.original.date}
from mfsmax.docomo.ne.jp [10.2.1.200]

以下のメールアドレスにメールを送信できませんでした。
宛先のメールアドレスが見つかりませんでした。

   ----- The following addresses had permanent fatal errors -----
<${ctx.failed}>
    (reason: 550 Unknown user ${ctx.failed})`),
      ),
      status: '550',
    }),
  },
  {
    mta: 'au-kddi',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(ctx, 'Postmaster@ezweb.ne.jp', 'Mail System Error - Returned Mail'),
        text(
          `Your mail sent on: ${ctx.original.date}
     could not be delivered to the following recipients:

     ${ctx.failed}

この電子メールは送信専用です。
お客様の送信したメールは宛先不明のため配信できませんでした。`,
          'iso-2022-jp',
        ),
      ),
    }),
  },
  {
    mta: 'softbank',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(ctx, 'Postmaster <postmaster@softbank.ne.jp>', '配信エラー'),
        text(`このメールは送信専用です。

送信されたメールは以下の宛先に届きませんでした。
宛先: ${ctx.failed}
理由: 宛先のメールアドレスが存在しません (${ctx.reason.smtp} ${ctx.reason.status})

件名: ${ctx.original.subject}`),
      ),
      status: ctx.reason.status,
    }),
  },
  {
    mta: 'opensmtpd',
    write: (ctx) => {
      const mta = host(ctx, 'smtpd');
      return {
        raw: ctx.c.message(
          top(ctx, `Mailer Daemon <MAILER-DAEMON@${mta}>`, 'Delivery status notification: error'),
          dsn(
            ctx,
            `Hi!

This is the MAILER-DAEMON, please DO NOT REPLY to this email.

An error has occurred while attempting to deliver a message for
the following list of recipients:

${ctx.failed}: ${ctx.reason.smtp} ${ctx.reason.status} ${ctx.reason.text}

Below is a copy of the original message:`,
            mta,
          ),
        ),
        status: ctx.reason.status,
      };
    },
  },
  {
    mta: 'kerio',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(
          ctx,
          `Mail Delivery Subsystem <postmaster@${domainOf(ctx.sender.address)}>`,
          `Undeliverable: ${ctx.original.subject}`,
          ['X-Mailer: Kerio Connect 9.4.2'],
        ),
        dsn(
          ctx,
          `Your message did not reach some or all of the intended recipients.

   Sent: ${ctx.original.date}
   Subject: ${ctx.original.subject}

The following recipient(s) could not be reached:

${ctx.failed}
   Error Type: SMTP
   Remote server (203.0.113.90) issued an error.
   hMailServer sent: RCPT TO:<${ctx.failed}>
   Remote server replied: ${ctx.reason.smtp} ${ctx.reason.text}`,
          `mail.${domainOf(ctx.sender.address)}`,
        ),
      ),
      status: ctx.reason.status,
    }),
  },
  {
    mta: 'mimecast',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(
          ctx,
          'Mimecast Postmaster <postmaster@mimecast.com>',
          `Message Delivery Failure - ${ctx.original.subject}`,
        ),
        text(`Your message to ${ctx.failed} was rejected.

The message has been rejected by the recipient's email server. Please check the recipient address and try again.

Reason: ${ctx.reason.smtp} ${ctx.reason.status} ${ctx.reason.text}

Mimecast Ltd, CityPoint, One Ropemaker Street, London.`),
      ),
      status: ctx.reason.status,
    }),
  },
  {
    mta: 'proofpoint',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(
          ctx,
          `Mail Delivery Subsystem <MAILER-DAEMON@pps.${domainOf(ctx.failed)}>`,
          'Returned mail: see transcript for details',
        ),
        dsn(
          ctx,
          `The original message was received at ${ctx.original.date}
from [192.0.2.50]

   ----- The following addresses had permanent fatal errors -----
<${ctx.failed}>
    (reason: 550 5.7.1 Blocked by policy)`,
          `mx0a-00${ctx.c.random.int(9999)}.pphosted.com`,
        ),
      ),
      status: ctx.reason.status,
    }),
  },
  {
    mta: 'barracuda',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(
          ctx,
          `postmaster@barracuda.${domainOf(ctx.failed)}`,
          `Undelivered: ${ctx.original.subject}`,
        ),
        text(`This is the Barracuda Email Security Gateway at barracuda.${domainOf(ctx.failed)}.

Your message could not be delivered to the following recipient(s):
  ${ctx.failed}

Reason: ${ctx.reason.smtp} ${ctx.reason.status} ${ctx.reason.text}`),
      ),
      status: ctx.reason.status,
    }),
  },
  {
    mta: 'fastmail',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(
          ctx,
          'Mail Delivery System <MAILER-DAEMON@messagingengine.com>',
          'Undelivered Mail Returned to Sender',
        ),
        dsn(
          ctx,
          `This is the mail system at host mailout.nyi.internal.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<${ctx.failed}>: host mx.${domainOf(ctx.failed)} said: ${ctx.reason.smtp} ${ctx.reason.status} ${ctx.reason.text}`,
          'mailout.nyi.internal',
        ),
      ),
      status: ctx.reason.status,
    }),
  },
  {
    mta: 'zoho',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(ctx, 'Zoho Mail <mailer-daemon@mail.zoho.eu>', 'Undelivered Mail Returned to Sender'),
        text(`This message was created automatically by mail delivery software.
A message that you sent could not be delivered to one or more of its recipients. This is a permanent error.

${ctx.failed}, ERROR CODE :${ctx.reason.smtp} - ${ctx.reason.text}

Received: from mail.zoho.eu by mx.zoho.eu`),
      ),
      status: ctx.reason.smtp,
    }),
  },
  {
    mta: 'icewarp',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(
          ctx,
          `Mail Delivery Service <postmaster@${domainOf(ctx.failed)}>`,
          'Zustellung fehlgeschlagen',
          ['X-Mailer: IceWarp Mailer 13.0.1'],
        ),
        withReturned(
          ctx,
          `Die Nachricht konnte nicht an folgende Empfänger zugestellt werden:

${ctx.failed}: ${ctx.reason.smtp} ${ctx.reason.status} ${ctx.reason.text}

Bitte prüfen Sie die Adresse und senden Sie die Nachricht erneut.`,
        ),
      ),
      status: ctx.reason.status,
    }),
  },
  {
    mta: 'qq',
    write: (ctx) => ({
      raw: ctx.c.message(
        top(ctx, 'MAILER-DAEMON@qq.com (Mail Delivery System)', '退信：' + ctx.original.subject),
        text(`很抱歉您的邮件没有发送成功，以下是退信原因：

收件人：${ctx.failed}
原因：无法投递 (${ctx.reason.smtp} ${ctx.reason.status} ${ctx.reason.text})`),
      ),
      status: ctx.reason.status,
    }),
  },
];

const exchangeWords = {
  en: {
    subject: 'Undeliverable',
    couldnt: "Your message to {to} couldn't be delivered.",
    headline: 'Delivery has failed to these recipients or groups:',
    reason: "The email address you entered couldn't be found.",
  },
  de: {
    subject: 'Unzustellbar',
    couldnt: 'Ihre Nachricht an {to} konnte nicht zugestellt werden.',
    headline: 'Fehler bei der Zustellung an folgende Empfänger oder Gruppen:',
    reason: 'Die eingegebene E-Mail-Adresse wurde nicht gefunden.',
  },
  fr: {
    subject: 'Non remis',
    couldnt: "Votre message à {to} n'a pas pu être remis.",
    headline: 'La remise a échoué pour les destinataires ou groupes suivants :',
    reason: "L'adresse de messagerie que vous avez entrée est introuvable.",
  },
  es: {
    subject: 'No se puede entregar',
    couldnt: 'Su mensaje para {to} no se pudo entregar.',
    headline: 'Error en la entrega a estos destinatarios o grupos:',
    reason: 'No se ha encontrado la dirección de correo electrónico que escribió.',
  },
  nl: {
    subject: 'Onbestelbaar',
    couldnt: 'Uw bericht aan {to} kan niet worden bezorgd.',
    headline: 'Bezorging is mislukt voor deze geadresseerden of groepen:',
    reason: 'Het ingevoerde e-mailadres is niet gevonden.',
  },
  it: {
    subject: 'Non recapitabile',
    couldnt: 'Impossibile recapitare il messaggio a {to}.',
    headline: 'Recapito non riuscito ai destinatari o gruppi seguenti:',
    reason: "Impossibile trovare l'indirizzo di posta elettronica immesso.",
  },
  pt: {
    subject: 'Não entregue',
    couldnt: 'Não foi possível entregar a sua mensagem para {to}.',
    headline: 'Falha na entrega para estes destinatários ou grupos:',
    reason: 'O endereço de email introduzido não foi encontrado.',
  },
} as const;

const gmailWords = {
  en: {
    subject: 'Delivery Status Notification (Failure)',
    headline: 'Address not found',
    body: "Your message wasn't delivered to {to} because the address couldn't be found, or is unable to receive mail.",
    learn: 'LEARN MORE https://support.google.com/mail/?p=NoSuchUser',
    response: 'The response from the remote server was:',
  },
  de: {
    subject: 'Delivery Status Notification (Failure)',
    headline: 'Adresse nicht gefunden',
    body: 'Deine Nachricht wurde nicht an {to} zugestellt, weil die Adresse nicht gefunden wurde oder keine E-Mails empfangen kann.',
    learn: 'WEITERE INFORMATIONEN https://support.google.com/mail/?p=NoSuchUser',
    response: 'Antwort des Remoteservers:',
  },
  fr: {
    subject: 'Delivery Status Notification (Failure)',
    headline: 'Adresse introuvable',
    body: "Votre message n'a pas été distribué à {to}, car l'adresse est introuvable ou ne peut pas recevoir de messages.",
    learn: 'EN SAVOIR PLUS https://support.google.com/mail/?p=NoSuchUser',
    response: 'La réponse du serveur distant était :',
  },
  es: {
    subject: 'Delivery Status Notification (Failure)',
    headline: 'No se ha encontrado la dirección',
    body: 'Tu mensaje no se ha podido entregar a {to} porque no se ha encontrado la dirección o no puede recibir correo.',
    learn: 'MÁS INFORMACIÓN https://support.google.com/mail/?p=NoSuchUser',
    response: 'La respuesta del servidor remoto fue:',
  },
  ja: {
    subject: 'Delivery Status Notification (Failure)',
    headline: 'アドレスが見つかりませんでした',
    body: 'アドレスが見つからなかったか、メールを受信できないアドレスであるため、{to} にメールを配信できませんでした。',
    learn: '詳細 https://support.google.com/mail/?p=NoSuchUser',
    response: 'リモート サーバーからのレスポンス:',
  },
} as const;
