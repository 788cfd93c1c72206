import { describe, expect, it } from 'vitest';
import { directoryForTest } from '../../../test/support/directory-for-test.js';
import { trackingChoice } from './tracking-choice.js';

const directory = directoryForTest({ doNotTrack: ['quiet@customer.test'] });
const message = {
  requested: true,
  allowed: true,
  recipients: ['dana@customer.test'],
  hasHtml: true,
};

describe('whether a message is sent tracked', () => {
  it('tracks an HTML message to customers when the sender and the organisation opt in', () => {
    expect(trackingChoice(message, directory)).toEqual({ track: true });
  });

  it('needs both opt-ins', () => {
    expect(trackingChoice({ ...message, requested: false }, directory).track).toBe(false);
    expect(trackingChoice({ ...message, allowed: false }, directory)).toEqual({
      track: false,
      reason: 'the organisation does not allow tracking',
    });
  });

  it('never tracks mail that also goes to a colleague or to someone who asked not to be tracked', () => {
    const colleague = { ...message, recipients: ['dana@customer.test', 'kim@northwind.example'] };
    expect(trackingChoice(colleague, directory)).toEqual({
      track: false,
      reason: 'a recipient is a colleague',
    });
    const quiet = { ...message, recipients: ['dana@customer.test', 'quiet@customer.test'] };
    expect(trackingChoice(quiet, directory)).toEqual({
      track: false,
      reason: 'a recipient asked not to be tracked',
    });
  });

  it('does not track plain text', () => {
    expect(trackingChoice({ ...message, hasHtml: false }, directory).track).toBe(false);
  });
});
