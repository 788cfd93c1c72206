import { describe, expect, it } from 'vitest';
import type { ThreadlineError } from '../errors.js';
import { renderTemplate, templateProblems, unfilledMergeFields } from './render-template.js';

const values = {
  contact: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.org', title: '' },
  account: { name: 'Analytical Engines <Ltd>' },
  sender: { name: 'Rita Rep', first_name: 'Rita', email: 'rita@threadline.test' },
};

function failure(run: () => unknown): ThreadlineError {
  try {
    run();
  } catch (error) {
    return error as ThreadlineError;
  }
  throw new Error('expected the template to be refused');
}

describe('filling a template from a record', () => {
  it('puts each field’s value in the subject, text and HTML', () => {
    expect(
      renderTemplate(
        {
          subject: 'Hello {{contact.first_name}} at {{ account.name }}',
          text: 'Hi {{contact.first_name}},\n— {{sender.name}}',
          html: '<p>Hi {{contact.first_name}} of {{account.name}}</p>',
        },
        values,
      ),
    ).toEqual({
      subject: 'Hello Ada at Analytical Engines <Ltd>',
      text: 'Hi Ada,\n— Rita Rep',
      html: '<p>Hi Ada of Analytical Engines &#60;Ltd&#62;</p>',
    });
  });

  it('takes the fallback of a field the record leaves empty', () => {
    const filled = renderTemplate(
      {
        subject: 'About {{deal.name | "your project"}}',
        text: '{{contact.title|"Hi"}}',
        html: null,
      },
      values,
    );
    expect(filled).toEqual({ subject: 'About your project', text: 'Hi', html: null });
  });

  it('names an empty field without fallback and where it is', () => {
    const error = failure(() =>
      renderTemplate({ subject: '{{deal.name}}', text: '{{contact.title}}', html: null }, values),
    );
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe(
      '"deal.name" is empty for this record and has no fallback; "contact.title" is empty for this record and has no fallback',
    );
    expect(error.details).toEqual({
      fields: [
        { field: 'deal.name', problem: 'empty', in: 'subject' },
        { field: 'contact.title', problem: 'empty', in: 'text' },
      ],
    });
  });

  it('names a field that does not exist, even with a fallback', () => {
    const error = failure(() =>
      renderTemplate({ subject: '', text: 'Hi {{contact.nickname | "you"}}', html: null }, values),
    );
    expect(error.message).toBe('"contact.nickname" is not a merge field');
  });

  it('keeps a line break out of the subject', () => {
    const filled = renderTemplate(
      { subject: 'For {{account.name}}', text: '', html: null },
      { account: { name: 'Two\r\nLines' } },
    );
    expect(filled.subject).toBe('For Two Lines');
  });
});

describe('checking a template before it is saved', () => {
  it('finds nothing wrong in known fields', () => {
    expect(
      templateProblems({ subject: '{{deal.amount}} {{deal.currency}}', text: '', html: null }),
    ).toEqual([]);
  });

  it('reports unknown names and an unclosed placeholder', () => {
    expect(
      templateProblems({
        subject: '{{ company.name }}',
        text: 'Dear {{contact.first_name',
        html: null,
      }),
    ).toEqual([
      { field: 'company.name', problem: 'unknown', in: 'subject' },
      { field: '{{contact.first_name', problem: 'malformed', in: 'text' },
    ]);
  });
});

describe('a message about to be sent', () => {
  it('names the merge fields left unfilled, and lets other braces through', () => {
    expect(
      unfilledMergeFields([
        'Hi {{contact.first_name}}',
        null,
        '{{ deal.name|"x"}} {{contact.first_name}} {{not.a_field}}',
      ]),
    ).toEqual(['contact.first_name', 'deal.name']);
    expect(unfilledMergeFields(['Use {{ mustache }} here'])).toEqual([]);
  });
});
