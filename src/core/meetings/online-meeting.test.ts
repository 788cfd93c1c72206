import { describe, expect, it } from 'vitest';
import type { CalendarEvent } from './calendar-data.js';
import { onlineMeetingUrl } from './online-meeting.js';

function event(properties: Record<string, string>): CalendarEvent {
  return {
    properties: Object.entries(properties).map(([name, value]) => ({
      name,
      value,
      parameters: {},
      zoneOffset: null,
    })),
  };
}

describe('onlineMeetingUrl', () => {
  it('takes the Teams link Outlook names over links in the text', () => {
    expect(
      onlineMeetingUrl(
        event({
          description: 'Agenda: https://acme.example/agenda and https://acme.zoom.us/j/1',
          'x-microsoft-skypeteamsmeetingurl':
            'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0',
        }),
      ),
    ).toBe('https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0');
  });

  it('skips a Skype conference address that is no web link', () => {
    expect(
      onlineMeetingUrl(
        event({
          'x-microsoft-onlinemeetingconflink':
            'conf:sip:ada@acme.example;gruu;opaque=app:conf:focus:id:7QK2',
          'x-google-conference': 'https://meet.google.com/abc-defg-hij',
        }),
      ),
    ).toBe('https://meet.google.com/abc-defg-hij');
  });

  it('takes an RFC 7986 CONFERENCE link on any host', () => {
    expect(onlineMeetingUrl(event({ conference: 'https://video.acme.example/r/42' }))).toBe(
      'https://video.acme.example/r/42',
    );
  });

  it('finds a Zoom link in LOCATION before one in DESCRIPTION', () => {
    expect(
      onlineMeetingUrl(
        event({
          location: 'Zoom: https://us02web.zoom.us/j/81234567890?pwd=QWxh',
          description: 'Or https://acme.webex.com/meet/ada',
        }),
      ),
    ).toBe('https://us02web.zoom.us/j/81234567890?pwd=QWxh');
  });

  it('finds a Webex link in prose, without the full stop after it', () => {
    expect(
      onlineMeetingUrl(
        event({
          description: 'Join meeting: https://acme.webex.com/acme/j.php?MTID=m3f1a.\\nThanks',
        }),
      ),
    ).toBe('https://acme.webex.com/acme/j.php?MTID=m3f1a');
  });

  it('finds a Teams link in Outlook’s angle-bracketed description', () => {
    expect(
      onlineMeetingUrl(
        event({
          description:
            'Click here to join the meeting<https://teams.microsoft.com/l/meetup-join/19%3a1>',
        }),
      ),
    ).toBe('https://teams.microsoft.com/l/meetup-join/19%3a1');
  });

  it('ignores links to other hosts in URL, LOCATION and DESCRIPTION', () => {
    expect(
      onlineMeetingUrl(
        event({
          url: 'https://calendar.acme.example/event/12',
          location: 'https://maps.example/?q=Rotterdam',
          description: 'Slides: https://zoom.us.evil.example/j/1',
        }),
      ),
    ).toBeNull();
  });
});
