import type { MessageStructureObject } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { assembleSkeleton, detachableParts, skeletonSections } from './message-skeleton.js';

const leaf = (part: string, type: string, fields: Partial<MessageStructureObject> = {}) => ({
  part,
  type,
  encoding: 'base64',
  size: 100_000,
  ...fields,
});

// mixed [ alternative [ text/plain, text/html ], application/pdf, image/png (small) ]
const structure: MessageStructureObject = {
  type: 'multipart/mixed',
  parameters: { boundary: 'outer' },
  childNodes: [
    {
      part: '1',
      type: 'multipart/alternative',
      parameters: { boundary: 'alt' },
      childNodes: [leaf('1.1', 'text/plain'), leaf('1.2', 'text/html')],
    },
    leaf('2', 'application/pdf'),
    leaf('3', 'image/png', { size: 2_000 }),
  ],
};

describe('which parts are detached', () => {
  it('detaches large base64 files, never text, small parts or other encodings', () => {
    expect(detachableParts(structure)).toEqual(['2']);
    const quoted: MessageStructureObject = {
      ...structure,
      childNodes: [leaf('1', 'text/plain'), leaf('2', 'application/pdf', { encoding: '7bit' })],
    };
    expect(detachableParts(quoted)).toEqual([]);
  });

  it('leaves nested messages and calendars whole: the parser reads them for the message itself', () => {
    const nested: MessageStructureObject = {
      ...structure,
      childNodes: [
        leaf('1', 'text/plain'),
        leaf('2', 'message/rfc822'),
        leaf('3', 'application/ics'),
        leaf('4', 'image/jpeg'),
        leaf('5', 'application/octet-stream', {
          dispositionParameters: { filename: 'zoom_0.ICS' },
        }),
        leaf('6', 'application/octet-stream', { parameters: { name: 'invite.ics' } }),
      ],
    };
    expect(detachableParts(nested)).toEqual(['4']);
  });

  it('detaches nothing from a single-part message or a multipart without its boundary', () => {
    expect(detachableParts(leaf('1', 'application/pdf'))).toEqual([]);
    expect(detachableParts({ ...structure, parameters: {} })).toEqual([]);
  });
});

describe('the skeleton', () => {
  const detached = new Set(['2']);
  const sections = new Map(
    ['1.mime', '1', '2.mime', '3.mime', '3'].map((name) => [name, Buffer.from(`<${name}>`)]),
  );

  it('fetches every header and the whole content of parts that hold nothing detached', () => {
    expect(skeletonSections(structure, detached)).toEqual(['1.mime', '1', '2.mime', '3.mime', '3']);
    expect(skeletonSections(structure, new Set(['1.2']))).toEqual([
      '1.mime',
      '1.1.mime',
      '1.1',
      '1.2.mime',
      '2.mime',
      '2',
      '3.mime',
      '3',
    ]);
  });

  it('rebuilds the message under its boundaries, a placeholder in place of each detached part', () => {
    const skeleton = assembleSkeleton(
      structure,
      Buffer.from('Subject: x\r\n\r\n'),
      sections,
      detached,
    );
    const placeholder = Buffer.from('threadline detached part 2').toString('base64');
    expect(skeleton?.toString()).toBe(
      [
        'Subject: x',
        '',
        '--outer',
        '<1.mime><1>',
        `--outer`,
        `<2.mime>${placeholder}`,
        '--outer',
        '<3.mime><3>',
        '--outer--',
        '',
      ].join('\r\n'),
    );
  });

  it('is null when the server left a section out', () => {
    const short = new Map(sections);
    short.delete('3');
    expect(
      assembleSkeleton(structure, Buffer.from('Subject: x\r\n\r\n'), short, detached),
    ).toBeNull();
  });
});
