import { describe, expect, it } from 'vitest';
import { classifyNoise } from './classify-noise.js';
import { mailAddress, messageForTest } from '../../../test/support/message-for-test.js';

describe('bounces and delivery reports', () => {
  it('treats a multipart/report delivery-status as a bounce with its failed recipients', () => {
    const verdict = classifyNoise(
      messageForTest({
        contentType: 'multipart/report',
        deliveryReport: { reportType: 'delivery-status', failedRecipients: ['gone@x.example'] },
      }),
    );
    expect(verdict).toEqual({
      category: 'bounce',
      reasons: ['multipart/report delivery-status'],
      failedRecipients: ['gone@x.example'],
    });
  });

  it('reads failed recipients from X-Failed-Recipients', () => {
    const verdict = classifyNoise(
      messageForTest({ headers: { 'X-Failed-Recipients': 'A@x.example, b@y.example' } }),
    );
    expect(verdict).toMatchObject({
      category: 'bounce',
      failedRecipients: ['a@x.example', 'b@y.example'],
    });
  });

  it('treats mail from MAILER-DAEMON as a bounce', () => {
    const verdict = classifyNoise(messageForTest({ from: 'MAILER-DAEMON@mx.example' }));
    expect(verdict).toMatchObject({
      category: 'bounce',
      reasons: ['sender mailer-daemon@mx.example'],
    });
  });

  it.each([
    'Undeliverable: Contract',
    'Delivery Status Notification (Failure)',
    'Mail delivery failed: returning message to sender',
    'Returned mail: see transcript for details',
    'Unzustellbar: Angebot',
    'Non remis : Devis',
  ])('treats the failure subject "%s" with a null return path as a bounce', (subject) => {
    const verdict = classifyNoise(messageForTest({ subject, returnPath: '' }));
    expect(verdict).toMatchObject({
      category: 'bounce',
      reasons: [`subject "${subject}"`, 'null return path'],
    });
  });

  it('treats a failure subject from postmaster as a bounce', () => {
    const verdict = classifyNoise(
      messageForTest({ subject: 'Undeliverable: Contract', from: 'postmaster@x.example' }),
    );
    expect(verdict.category).toBe('bounce');
  });

  it('does not treat a failure subject alone as a bounce', () => {
    expect(classifyNoise(messageForTest({ subject: 'Undeliverable: Contract' })).category).toBe(
      'human',
    );
  });

  it('keeps a person forwarding a bounce human', () => {
    const verdict = classifyNoise(
      messageForTest({ subject: 'FW: Undeliverable: Contract draft', returnPath: '' }),
    );
    expect(verdict.category).toBe('human');
  });

  // RFC 3834 tells responders to send with a null return path as well.
  it('does not treat a null return path alone as a bounce', () => {
    expect(classifyNoise(messageForTest({ returnPath: '' })).category).toBe('human');
  });
});

describe('bounces in the MTAs’ own formats', () => {
  const qmail = {
    from: 'MAILER-DAEMON@mail.host.example',
    subject: 'failure notice',
    returnPath: '',
    to: [mailAddress('sam@northwind.example')],
    text: `Hi. This is the qmail-send program at mail.host.example.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<gone@acme.example>:
Sorry, no mailbox here by that name. (#5.1.1)

--- Below this line is a copy of the message.

From: sam@northwind.example
To: gone@acme.example`,
  };

  it('reads the failed recipient and status from the explanation, not from the returned copy', () => {
    expect(classifyNoise(messageForTest(qmail))).toMatchObject({
      category: 'bounce',
      failedRecipients: ['gone@acme.example'],
      deliveryStatus: '5.1.1',
    });
  });

  it('recognises failure wording from a postmaster without a failure subject', () => {
    const verdict = classifyNoise(
      messageForTest({
        from: 'postmaster@gw.acme.example',
        subject: 'Message status',
        text: 'The message that you sent was undeliverable to the following:\n\tgone@acme.example (user not found)',
      }),
    );
    expect(verdict).toMatchObject({
      category: 'bounce',
      reasons: ['failure wording "undeliverable"', 'sender postmaster@gw.acme.example'],
      failedRecipients: ['gone@acme.example'],
    });
    expect(verdict.deliveryStatus).toBeUndefined();
  });

  it.each([
    [
      'Russian',
      'Сообщение не доставлено',
      'К сожалению, Ваше письмо не может быть доставлено получателю',
    ],
    ['Japanese', '配信エラー', '送信されたメールは以下の宛先に届きませんでした。'],
    ['German', 'Zustellung fehlgeschlagen', 'Die Nachricht konnte nicht zugestellt werden.'],
  ])('recognises a %s bounce', (_, subject, text) => {
    const verdict = classifyNoise(
      messageForTest({ subject, text, returnPath: '', from: 'Postmaster@isp.example' }),
    );
    expect(verdict.category).toBe('bounce');
  });

  it('takes the status of a delivery report over the wording', () => {
    const verdict = classifyNoise(
      messageForTest({
        contentType: 'multipart/report',
        deliveryReport: {
          reportType: 'delivery-status',
          failedRecipients: ['gone@acme.example'],
          status: '5.2.2',
        },
        text: '550 5.1.1 unknown',
      }),
    );
    expect(verdict.deliveryStatus).toBe('5.2.2');
  });

  it('keeps a person telling us about a bounce human, even quoting its SMTP reply', () => {
    const verdict = classifyNoise(
      messageForTest({
        subject: 'Your email bounced',
        text: 'My mail to gone@acme.example came back: "550 5.1.1 User unknown". Could not be delivered, it says.',
      }),
    );
    expect(verdict.category).toBe('human');
  });

  it('keeps a person forwarding a bounce with its automatic headers quoted human', () => {
    const verdict = classifyNoise(
      messageForTest({
        subject: 'Fwd: Mail delivery failed: returning message to sender',
        text: 'See below, is the address wrong?\n\n---------- Forwarded message ---------\nFrom: Mail Delivery System <MAILER-DAEMON@mx.acme.example>\n\nA message that you sent could not be delivered.',
      }),
    );
    expect(verdict.category).toBe('human');
  });
});

describe('the opening sentence of a non-standard bounce, in each MTA’s languages', () => {
  it.each([
    ['Microsoft 365, French', 'La remise aux destinataires ou groupes suivants a échoué :'],
    [
      'Microsoft 365, German',
      'Die Zustellung an folgende Empfänger oder Gruppen ist fehlgeschlagen:',
    ],
    ['Microsoft 365, Spanish', 'Error al entregar a estos destinatarios o grupos:'],
    ['Microsoft 365, Italian', 'Recapito non riuscito per questi destinatari o gruppi:'],
    ['Microsoft 365, Dutch', 'Bezorging is mislukt voor deze ontvangers of groepen:'],
    ['Microsoft 365, Portuguese', 'A entrega falhou para estes destinatários ou grupos:'],
    ['Microsoft 365, Russian', 'Доставка указанным получателям или группам не выполнена:'],
    ['Microsoft 365, Japanese', '次の受信者またはグループへの配信に失敗しました:'],
    ['Microsoft 365, Polish', 'Dostarczenie do tych adresatów lub grup nie powiodło się:'],
    ['Microsoft 365, Swedish', 'Leverans till följande mottagare eller grupper misslyckades:'],
    ['Microsoft 365, Danish', 'Levering til følgende modtagere eller grupper mislykkedes:'],
    ['Microsoft 365, Finnish', 'Toimitus seuraaville vastaanottajille tai ryhmille epäonnistui:'],
    ['Gmail', 'There was a problem delivering your message to ada@acme.example.'],
    ['Exchange 2003', 'Your message did not reach some or all of the intended recipients.'],
    ['MDaemon', 'The attached message had PERMANENT fatal delivery errors!'],
    ['Exchange, delayed', 'Delivery to the following recipients has been delayed.'],
    ['qmail, no host', "Sorry, I couldn't find any host named acme.example. (#5.1.2)"],
    ['Yandex', 'Сообщение не удалось доставить.'],
    ['Korean portals', '메일이 전송되지 못했습니다.'],
    ['Korean, failed', '메일 발송에 실패했습니다.'],
    ['Czech', 'Zprávu nebylo možné doručit.'],
    ['Hungarian', 'Az üzenetet nem sikerült kézbesíteni.'],
    ['Turkish', 'Mesaj gönderilemedi.'],
    ['Indonesian', 'Pesan Anda tidak dapat terkirim.'],
    ['Vietnamese', 'Tin nhắn của bạn không thể gửi được.'],
  ])('recognises %s from a mail system under an ordinary subject', (_, sentence) => {
    const verdict = classifyNoise(
      messageForTest({
        from: 'postmaster@mx.acme.example',
        subject: 'Re: Angebot',
        text: `${sentence}\n\nada@acme.example\n`,
      }),
    );
    expect(verdict).toMatchObject({ category: 'bounce', failedRecipients: ['ada@acme.example'] });
  });

  it('keeps a person who writes the same sentence human', () => {
    const verdict = classifyNoise(
      messageForTest({
        from: 'ada@acme.example',
        subject: 'Re: Angebot',
        text: 'Die Zustellung an folgende Empfänger oder Gruppen ist fehlgeschlagen, sagt mein Outlook.',
      }),
    );
    expect(verdict.category).toBe('human');
  });
});
