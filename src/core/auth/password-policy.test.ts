import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.js';

const user = { email: 'jane.doe@acme.example' };

describe('passwordProblem', () => {
  it.each([
    ['short', 'Tr0ub4dor&3', 'too-short'],
    ['one repeated character', 'aaaaaaaaaaaa', 'repeated'],
    ['a repeated group', 'abcabcabcabc', 'repeated'],
    ['a repeated year', '202420242024', 'repeated'],
    ['a run of digits', '123456789012', 'sequence'],
    ['a run of the alphabet backwards', 'zyxwvutsrqpo', 'sequence'],
    ['a keyboard row', 'qwertyuiopas', 'sequence'],
    ['the address itself', 'jane.doe@acme.example', 'email'],
    ['the local part and digits', 'Jane.Doe2024!', 'email'],
    ['a name from the address', 'doe-1234-5678', 'email'],
    ['a common password with digits', 'password1234', 'common'],
    ['a common password dressed up', 'P@ssw0rd2024!', 'common'],
    ['a season and a year', 'Summer2024!!', 'common'],
    ['a common password twice', 'letmeinletmein', 'common'],
    ['a common run of digits with letters', '123456789abc', 'common'],
  ])('refuses %s', (_case, password, problem) => {
    expect(passwordProblem(password, user)).toBe(problem);
  });

  it.each([
    ['a passphrase', 'correct horse battery'],
    ['a common word inside enough of its own', 'my summer of violet kites'],
    ['random characters', 'k3#Vq9!zLm2@'],
    ['random digits', '839201748392'],
  ])('accepts %s', (_case, password) => {
    expect(passwordProblem(password, user)).toBeNull();
  });

  it('counts characters, not UTF-16 units, for the length', () => {
    expect(passwordProblem('😀😀😀😀😀😀', user)).toBe('too-short');
  });
});
