import { describe, expect, it } from 'vitest';
import { readVCard, writeVCard } from './vcard.js';

const grace = {
  firstName: 'Grace',
  lastName: 'Hopper',
  title: 'Rear admiral',
  emails: ['grace@navy.example'],
  phones: ['+1 555 0100'],
  addresses: ['1 Navy Way, Arlington'],
};

describe('vCards', () => {
  it('reads back what it writes', () => {
    expect(readVCard(writeVCard('contact-1', grace))).toEqual({ uid: 'contact-1', card: grace });
  });

  it('reads an Apple Contacts vCard 3.0 with grouped, typed properties', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'PRODID:-//Apple Inc.//iPhone OS 17.0//EN',
      'N:Lovelace;Ada;;;',
      'FN:Ada Lovelace',
      'EMAIL;type=INTERNET;type=WORK;type=pref:Ada@Engine.example',
      'item1.TEL;type=CELL;type=pref:+44 20 7946 0000',
      "item2.ADR;type=HOME:;;12 St James's Square;London;;SW1Y 4JH;United Kingdom",
      'UID:8D2F-ada',
      'END:VCARD',
    ].join('\r\n');
    expect(readVCard(text)).toEqual({
      uid: '8D2F-ada',
      card: {
        firstName: 'Ada',
        lastName: 'Lovelace',
        title: '',
        emails: ['ada@engine.example'],
        phones: ['+44 20 7946 0000'],
        addresses: ["12 St James's Square, London, SW1Y 4JH, United Kingdom"],
      },
    });
  });

  it('reads a vCard 4.0 with tel: URIs and only FN', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Alan Turing',
      'TEL;VALUE=uri;TYPE=cell:tel:+44-161-555-0101',
      'UID:urn:uuid:alan',
      'END:VCARD',
    ].join('\r\n');
    expect(readVCard(text).card).toMatchObject({
      firstName: 'Alan',
      lastName: 'Turing',
      phones: ['+44-161-555-0101'],
    });
  });

  it('refuses a card without UID, naming it', () => {
    expect(() => readVCard('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:X\r\nEND:VCARD')).toThrow(/no UID/);
  });

  it('refuses text that is no vCard', () => {
    expect(() => readVCard('BEGIN:VCALENDAR\r\nEND:VCALENDAR')).toThrow(/vCard: no VCARD/);
    expect(() => readVCard('garbage')).toThrow(
      expect.objectContaining({ code: 'MALFORMED_MESSAGE' }),
    );
  });
});
