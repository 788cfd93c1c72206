import { useState } from 'react';
import { useParams } from 'react-router-dom';
import type { Address, MessageView } from '../api';
import { AnswerActions } from '../compose/AnswerActions';
import { SenderWarning } from '../components/SenderWarning';
import { MessageTracking } from '../components/Tracking';
import { ErrorText, Fields, Loading } from '../components/ui';
import { formatDateTime } from '../mail-words';
import { useDocumentTitle, useResource } from '../use-resource';

/** One captured message, its body shown inert: see `MessageBody`. */
export function MessagePage() {
  const { id = '' } = useParams();
  const [showImages, setShowImages] = useState(false);
  const { data, error, loading } = useResource<MessageView>(
    `/api/messages/${encodeURIComponent(id)}${showImages ? '?images=1' : ''}`,
    { keepPrevious: true },
  );
  useDocumentTitle(data?.subject ?? 'Message');

  return (
    <>
      <ErrorText message={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        <article className="record message">
          <header className="page-head">
            <p className="kind">E-mail</p>
            <h1>{data.subject || '(no subject)'}</h1>
          </header>
          <SenderWarning message={data} />
          <AnswerActions messageId={data.id} subject={data.subject} />
          <MessageTracking messageId={data.id} />
          <section className="panel" aria-label="Envelope">
            <Fields
              fields={[
                ['From', addressList(data.from)],
                ['To', addressList(data.to)],
                ['Cc', addressList(data.cc)],
                ['Date', formatDateTime(data.sentAt)],
                [
                  'Attachments',
                  data.attachments.length > 0 ? (
                    <ul className="plain">
                      {data.attachments.map((a) => (
                        <li key={a.position}>
                          <AttachmentLink messageId={data.id} attachment={a} />
                        </li>
                      ))}
                    </ul>
                  ) : null,
                ],
              ]}
            />
          </section>
          {data.deliveryFailure ? (
            <p className="notice" role="status" aria-label="Delivery failure">
              {data.deliveryFailure}.
            </p>
          ) : null}
          {data.captured ? null : (
            <p className="notice" role="status">
              Not captured ({data.category.replace(/_/g, ' ')}):{' '}
              {data.reasons.join('; ') || 'no reason was recorded'}.
            </p>
          )}
          <section className="panel" aria-label="Message">
            {data.bodyFetched ? (
              <p className="muted">
                The body was fetched from the mail server for this reading; Threadline keeps only
                the subject, date and participants.
              </p>
            ) : null}
            {!data.bodyStored && !data.bodyFetched ? (
              <p className="muted">Only the subject, date and participants were captured.</p>
            ) : data.html !== null ? (
              <>
                {data.blockedImages > 0 && !showImages ? (
                  <div className="notice images-notice">
                    <span>
                      {data.blockedImages} remote{' '}
                      {data.blockedImages === 1 ? 'image was' : 'images were'} blocked: loading them
                      tells the sender you read this.
                    </span>
                    <button type="button" onClick={() => setShowImages(true)}>
                      Show images
                    </button>
                  </div>
                ) : null}
                <HtmlBody
                  messageId={data.id}
                  html={data.html}
                  remoteImages={showImages && !loading}
                />
              </>
            ) : (
              <>
                {data.htmlTooLarge ? (
                  <p className="notice" role="status">
                    This message’s HTML is too large to show safely
                    {data.text === null
                      ? ', and it has no plain-text version.'
                      : ': its plain-text version follows.'}
                  </p>
                ) : null}
                <TextBody text={data.text ?? ''} />
              </>
            )}
          </section>
        </article>
      ) : null}
    </>
  );
}

function addressList(addresses: Address[]): string {
  return addresses.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(', ');
}

/**
 * The already sanitised HTML in a sandboxed frame: no scripts (no
 * allow-scripts), and a policy of its own that allows inline styles, inline
 * images and the message's own parts (`cid:` images), its remote images
 * through our proxy once the reader asks, and nothing else. The frame keeps
 * our origin (allow-same-origin) so those image requests carry the session
 * cookie, which is same-site only; without scripts, nothing in the frame can
 * use that origin. Links open in a new tab, outside the sandbox.
 */
function HtmlBody({
  messageId,
  html,
  remoteImages,
}: {
  messageId: string;
  html: string;
  remoteImages: boolean;
}) {
  const own = `${window.location.origin}/api/messages/${encodeURIComponent(messageId)}`;
  const policy = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `img-src data: ${own}/inline/${remoteImages ? ` ${own}/images` : ''}`,
    'font-src data:',
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  const document = `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="referrer" content="no-referrer">
<style>body{margin:0;font:15px/1.5 system-ui,sans-serif;color:#1d2330;word-wrap:break-word}
img{max-width:100%;height:auto}details.tl-quote>summary{cursor:pointer;color:#5d6677;font-size:13px}
img[data-tl-src]{display:inline-block;min-width:16px;min-height:16px;outline:1px dashed #c4cbd6}
.tl-blocked-image{display:inline-block;border:1px dashed #c4cbd6;color:#5d6677;padding:0 4px;font-size:12px}</style>
</head><body>${collapseQuotedHtml(html)}</body></html>`;
  return (
    <iframe
      className="message-frame"
      title="Message body"
      sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
      referrerPolicy="no-referrer"
      srcDoc={document}
    />
  );
}

/**
 * Wraps each outermost <blockquote> (the quoted history of a reply) in a
 * <details>, which opens without any script. Parsing with DOMParser runs
 * nothing and loads nothing.
 */
function collapseQuotedHtml(html: string): string {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  for (const quote of Array.from(parsed.body.querySelectorAll('blockquote'))) {
    if (quote.parentElement?.closest('blockquote')) continue;
    const details = parsed.createElement('details');
    details.className = 'tl-quote';
    const summary = parsed.createElement('summary');
    summary.textContent = 'Show quoted text';
    quote.replaceWith(details);
    details.append(summary, quote);
  }
  return parsed.body.innerHTML;
}

/** Where a plain-text reply's quoted history starts: "On … wrote:" or a run of "> " lines. */
function splitQuotedText(text: string): { own: string; quoted: string | null } {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex(
    (line, index) =>
      /^On .+wrote:\s*$/.test(line) ||
      /^-{2,}\s*Original Message\s*-{2,}/i.test(line) ||
      (line.startsWith('>') &&
        lines.slice(index).every((rest) => rest.startsWith('>') || !rest.trim())),
  );
  if (start <= 0) return { own: text, quoted: null };
  return { own: lines.slice(0, start).join('\n').trimEnd(), quoted: lines.slice(start).join('\n') };
}

function TextBody({ text }: { text: string }) {
  const { own, quoted } = splitQuotedText(text);
  return (
    <div className="text-body">
      <pre>{own}</pre>
      {quoted ? (
        <details>
          <summary>Show quoted text</summary>
          <pre className="quoted">{quoted}</pre>
        </details>
      ) : null}
    </div>
  );
}

/** A kept file links to its download; one that was not kept says so, and the two reasons it can have. */
function AttachmentLink({
  messageId,
  attachment,
}: {
  messageId: string;
  attachment: MessageView['attachments'][number];
}) {
  const label = `${attachment.filename ?? 'unnamed'} (${Math.ceil(attachment.size / 1024)} KB)`;
  if (attachment.downloadable) {
    return (
      <a href={`/api/messages/${encodeURIComponent(messageId)}/attachments/${attachment.position}`}>
        {label}
      </a>
    );
  }
  return (
    <span>
      {label}{' '}
      <span className="muted">— not kept (over the size limit, or the mailbox keeps no files)</span>
    </span>
  );
}
