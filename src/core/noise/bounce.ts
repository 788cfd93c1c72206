import { localPartOf, normalizeAddress } from '../addresses/normalize.js';
import type { MailAddress, ParsedMessage } from '../message.js';
import { ownText } from './body.js';
import { header, headerReason, subjectReason } from './reasons.js';

export interface BounceSignal {
  readonly reasons: readonly string[];
  readonly failedRecipients: readonly string[];
  readonly deliveryStatus: string | null;
}

// What MTAs put in front of a returned message (Postfix, Exim, Exchange and
// Microsoft 365 in each of its languages, Gmail, sendmail, qmail, Domino,
// GroupWise, Courier, MDaemon, mail.ru, Yandex, Japanese and Korean carriers). Anchored: a person forwarding
// a bounce writes "FW: Undeliverable: …", which is a human mail.
const failureSubject =
  /^(?:\[[^\]]{1,20}\]\s*)?(?:warning:\s*)?(?:undeliverable|undelivered|undeliverd|non-?deliverable|non-?delivery|unzustellbar|nicht zustellbar|zustellung fehlgeschlagen|non remis|non distribuable|échec de (?:la )?remise|no se puede entregar|no entregado|error en la entrega|impossibile recapitare|non recapitabile|mancato recapito|onbestelbaar|niet bezorgd|não foi possível entregar|não entregue|mensagem não entregue|delivery status notification \((?:failure|delay)\)|delivery (?:has )?failed|delivery failure|delivery notification|delivery problem|permanent delivery failure|mail delivery (?:failed|failure|problem|error|subsystem)|mail failure|mail system error|returned mail|return(?:ed)? to sender|failure notice|failed delivery|(?:hard|soft) bounce|bounce notification|message (?:delivery failure|not delivered|delivery (?:has )?failed|status - undeliverable)|notice: mail delivery status|could not send message|your message (?:could not|couldn't|was not|wasn't) (?:be )?delivered|недоставленное сообщение|не доставлено|сообщение не доставлено|ошибка доставки|配信エラー|送信エラー|配送エラー|メール配信失敗|退信|投递失败|nie dostarczono|niedostarczon|kunde inte levereras|nelze doručit|iletilemedi|não é possível entregar|недоставляемое|配信不能|nie można dostarczyć|kan inte levereras|kunne ikke leveres|ikke leveret|tidak terkirim|nedoručitelné|kézbesíthetetlen|teslim edilemiyor|không gửi được|배달 못 함|전송 실패|발송 실패|无法送达|無法傳遞|ei voitu toimittaa)/iu;

// The sentence every non-standard bounce opens with, in its many wordings.
const failureWording =
  /(?:(?:could ?n[o']t|can ?n[o']t|was ?n[o']t|were ?n[o']t|has ?n[o']t been|did ?n[o']t) (?:be )?(?:delivered|deliver)|(?:unable|not able|wasn't able|were unable) to deliver|(?:delivery|delivering) (?:to the following recipients? )?(?:has )?failed|failed permanently|permanent(?:ly)? (?:fatal )?(?:error|failure|failed)|undeliverable|non-?delivery|delivery (?:status notification|failure|problem)|(?:message|e-?mail) (?:was |has been )?(?:rejected|returned|bounced)|(?:was|has been) (?:rejected|returned|bounced)(?: by| as| to)|(?:hard|soft) bounce|address(?:es)? (?:failed|rejected)|user unknown|no such (?:user|mailbox|recipient)|mailbox (?:unavailable|not found|is full|full)|recipient address rejected|could not be (?:delivered|sent)|delivery has been delayed|not yet been delivered|nicht zugestellt|konnte nicht (?:zugestellt|ausgeliefert)|unzustellbar|zustellung (?:ist )?fehlgeschlagen|n'a pas pu être (?:remis|distribué|délivré|livré)|non remis|impossible de (?:remettre|distribuer)|échec de (?:la )?(?:remise|distribution)|no (?:se )?(?:ha )?(?:pudo|podido) (?:ser )?entrega|no pudo entregarse|no se puede entregar|non (?:è stato possibile|è stato|può essere) (?:recapitat|consegnat)|impossibile recapitare|non (?:è )?recapitat|kon niet (?:worden )?(?:afgeleverd|bezorgd)|niet (?:worden )?(?:afgeleverd|bezorgd)|não (?:pôde|pode|foi possível) ser entregue|não foi (?:possível )?entregu?e|не (?:может быть|было|удалось|могло быть) достав|недоставлен|не доставлен|送信できませんでした|配信できませんでした|届けられませんでした|配送できませんでした|届きませんでした|宛先不明|送信に失敗|无法投递|无法送达|未能送达|投递失败|無法傳遞|nie (?:mogła|może|została) (?:zostać )?dostarczon|kunde inte levereras|nemohla být doručena|teslim edilemedi|problem delivering your message|did not reach (?:some or all of )?the intended recipient|fatal delivery error|delivery to the following recipients? (?:has been delayed|failed)|couldn't find any host|(?:remise|livraison) (?:aux?|à) .{0,60}?a échoué|zustellung an .{0,80}?fehlgeschlagen|error al entregar|recapito non riuscito|bezorging is mislukt|a entrega falhou|доставка .{0,60}?не выполнена|не удалось доставить|配信に失敗しました|配信できません|dostarczenie .{0,60}?nie powiodło się|leverans(?:en)? .{0,60}?misslyckades|levering(?:en)? .{0,60}?mislykkedes|kunne ikke leveres|toimitus .{0,60}?epäonnistui|nebylo možné doručit|nem sikerült kézbesíteni|gönderilemedi|tidak dapat (?:terkirim|dikirim)|không thể gửi|전송되지 못했|(?:발송|전송)(?:에)? 실패|배달하지 못)/i;

// Where a bounce stops explaining and the returned message (or its headers) begins.
const returnedPart =
  /^(?:[-=_*\s]*(?:original message|returned message|undelivered message|copy of (?:the|your) message|below this line|header(?:s)? of the original|original (?:message )?headers|message headers|this is a copy|ursprüngliche nachricht|kopf der ursprünglichen|en-têtes du message|исходное сообщение|заголовки|元のメッセージ|以下.{0,10}(?:メッセージ|ヘッダ))|(?:received|return-path|dkim-signature|message-id|mime-version|content-type|x-originating-ip):\s)/imu;

const daemonNames =
  /^(?:mail delivery (?:system|subsystem|service)|mail ?(?:system|router|administrator|delivery)|mailer[- ]?daemon|postmaster|(?:microsoft )?outlook|system administrator|courier mail server|mdaemon|mail(?:server)? daemon|delivery notification|メール配信システム|почтовая служба|служба доставки)/iu;
const daemonLocalParts = new Set([
  'mailer-daemon',
  'mailer_daemon',
  'mailerdaemon',
  'mail-daemon',
  'postmaster',
  'mdaemon',
  'bounce',
  'bounces',
  'double-bounce',
  'nobody',
]);

const enhancedStatus = /(?<![\d.])([45])\.(\d{1,3})\.(\d{1,3})(?![\d.])/;
const smtpReply = /(?<![\d.-])([45][0-5]\d)(?=[ \t:-]+[A-Za-z#<(])/;

/**
 * Bounces and delivery reports.
 *
 * Decisive on their own: a multipart/report of type delivery-status (RFC
 * 3464), an `X-Failed-Recipients` header (only MTAs write it) and a
 * MAILER-DAEMON sender. Otherwise a bounce needs both what it says (an MTA's
 * failure subject, or failure wording in the body's own part, in any of the
 * languages above) and who sent it (a null return path, a postmaster or mail
 * system sender, `Auto-Submitted`, Exchange's NDR header). A null return path
 * alone is not a bounce (RFC 3834 automatic replies use one too), and neither
 * is a person writing "your mail bounced": people send with a return path.
 *
 * @example
 * detectBounce(qmailFailureNotice)
 * // { reasons: ['subject "failure notice"', 'null return path'], failedRecipients: ['ada@acme.com'], deliveryStatus: '5.1.1' }
 */
export function detectBounce(message: ParsedMessage): BounceSignal | null {
  const reasons: string[] = [];
  if (message.deliveryReport?.reportType === 'delivery-status') {
    reasons.push('multipart/report delivery-status');
  }
  const failedHeader = header(message, 'x-failed-recipients');
  if (failedHeader !== undefined) reasons.push(headerReason('X-Failed-Recipients', failedHeader));
  const daemon = message.from.find(({ address }) =>
    /^mailer[-_]?daemon$/.test(localPartOf(address)),
  );
  if (daemon) reasons.push(`sender ${daemon.address}`);

  const decisive = reasons.length > 0;
  const sentBy = decisive ? [] : automationEvidence(message);
  // Most mail shows no sign of a mail system: its body is not searched.
  if (!decisive && sentBy.length === 0) return null;
  const says: string[] = [];
  if (failureSubject.test(message.subject.trim())) says.push(subjectReason(message.subject));
  const explanation = explanationOf(message);
  const wording = failureWording.exec(explanation)?.[0];
  if (wording) says.push(`failure wording "${wording.toLowerCase()}"`);
  if (!decisive && says.length === 0) return null;
  reasons.push(...says, ...sentBy);

  const report = readBounce(message, explanation);
  return { reasons, ...report };
}

/**
 * The failed recipients and the delivery status a bounce gives: from its
 * delivery-status part and `X-Failed-Recipients` when it has them, otherwise
 * from the explanation the MTA wrote (the addresses it names other than the
 * sender it writes to, and the first enhanced status code or SMTP reply).
 *
 * @example
 * readBounce(eximBounce).failedRecipients // ['info@closed-shop.example']
 */
export function readBounce(
  message: ParsedMessage,
  explanation = explanationOf(message),
): { failedRecipients: string[]; deliveryStatus: string | null } {
  const failed = new Set(message.deliveryReport?.failedRecipients ?? []);
  for (const part of (header(message, 'x-failed-recipients') ?? '').split(',')) {
    const address = normalizeAddress(part);
    if (address) failed.add(address);
  }
  if (failed.size === 0) {
    const notified = new Set(
      [...message.to, ...message.cc, ...message.from, ...message.replyTo].map((a) => a.address),
    );
    for (const match of explanation.matchAll(
      /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu,
    )) {
      const address = normalizeAddress(match[0].replace(/\.$/, ''));
      if (address && !notified.has(address) && !daemonLocalParts.has(localPartOf(address)))
        failed.add(address);
    }
  }
  const status =
    message.deliveryReport?.status ??
    enhancedStatus.exec(explanation)?.slice(1, 4).join('.') ??
    smtpReply.exec(explanation)?.[1] ??
    null;
  return { failedRecipients: [...failed], deliveryStatus: status };
}

/** The MTA's own explanation: the body's own part, before the returned message. */
function explanationOf(message: ParsedMessage): string {
  const text = ownText(message);
  const end = returnedPart.exec(text);
  return end ? text.slice(0, end.index) : text;
}

/** Signs that a mail system, not a person, sent the message. */
function automationEvidence(message: ParsedMessage): string[] {
  const evidence: string[] = [];
  if (message.returnPath === '') evidence.push('null return path');
  const system = [...message.from, ...(message.sender ? [message.sender] : [])].find(isMailSystem);
  if (system) evidence.push(`sender ${system.address}`);
  const autoSubmitted = header(message, 'auto-submitted');
  if (autoSubmitted && autoSubmitted.toLowerCase() !== 'no')
    evidence.push(headerReason('Auto-Submitted', autoSubmitted));
  if (header(message, 'x-ms-exchange-message-is-ndr') !== undefined)
    evidence.push(headerReason('X-MS-Exchange-Message-Is-Ndr'));
  if (message.contentType === 'multipart/report')
    evidence.push(`multipart/report ${message.deliveryReport?.reportType ?? ''}`.trim());
  return evidence;
}

function isMailSystem({ address, name }: MailAddress): boolean {
  return daemonLocalParts.has(localPartOf(address)) || daemonNames.test(name.trim());
}
