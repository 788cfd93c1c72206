import { propertyOf, type CalendarEvent } from './calendar-data.js';

// Hosts of the online-meeting services whose links are looked for in free text.
const meetingHosts = [
  /^teams\.microsoft\.com$/,
  /^teams\.live\.com$/,
  /^(?:[\w-]+\.)*zoom\.us$/,
  /^(?:[\w-]+\.)*zoomgov\.com$/,
  /^meet\.google\.com$/,
  /^(?:[\w-]+\.)*webex\.com$/,
];

// Properties that name the meeting's link outright, most specific first.
// Outlook writes Teams links as X-MICROSOFT-SKYPETEAMSMEETINGURL and Skype for
// Business ones as X-MICROSOFT-ONLINEMEETINGCONFLINK (often a `conf:sip:`
// address, which is no link); Google writes X-GOOGLE-CONFERENCE; RFC 7986
// defines CONFERENCE.
const linkProperties = [
  'x-microsoft-skypeteamsmeetingurl',
  'x-microsoft-onlinemeetingexternallink',
  'x-microsoft-onlinemeetingconflink',
  'x-google-conference',
  'conference',
];

const urlPattern = /https?:\/\/[^\s<>"'()[\]{}|\\^`]+/gi;

/**
 * The online-meeting link of an event: from a property that names it
 * (`X-MICROSOFT-SKYPETEAMSMEETINGURL`, `X-MICROSOFT-ONLINEMEETING*`,
 * `X-GOOGLE-CONFERENCE`, `CONFERENCE`), else the first Teams, Zoom, Meet or
 * Webex link in URL, LOCATION or DESCRIPTION, in that order. Only http(s)
 * links count. Null when there is none.
 *
 * @example
 * onlineMeetingUrl(eventWithLocation('Zoom: https://acme.zoom.us/j/812345?pwd=x'))
 * // 'https://acme.zoom.us/j/812345?pwd=x'
 */
export function onlineMeetingUrl(event: CalendarEvent): string | null {
  for (const name of linkProperties) {
    for (const property of event.properties) {
      if (property.name !== name) continue;
      const link = firstLink(property.value, () => true);
      if (link) return link;
    }
  }
  for (const name of ['url', 'location', 'description']) {
    const value = propertyOf(event, name)?.value;
    const link = value ? firstLink(value, isMeetingLink) : null;
    if (link) return link;
  }
  return null;
}

function firstLink(text: string, accept: (url: URL) => boolean): string | null {
  for (const [match] of text.matchAll(urlPattern)) {
    // Sentence punctuation after a link in prose is not part of it.
    const candidate = match.replace(/[.,;:!?]+$/, '');
    let url;
    try {
      url = new URL(candidate);
    } catch {
      continue;
    }
    if (accept(url)) return candidate;
  }
  return null;
}

function isMeetingLink(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return meetingHosts.some((pattern) => pattern.test(host));
}
