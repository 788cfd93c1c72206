import { commonPasswords } from './common-passwords.js';

const minimumPasswordLength = 12;

export type PasswordProblem = 'too-short' | 'repeated' | 'sequence' | 'common' | 'email';

const problemMessages: Record<PasswordProblem, string> = {
  'too-short': `The password must be at least ${minimumPasswordLength} characters`,
  repeated: 'The password only repeats a character or a short group of characters',
  sequence: 'The password is a run of consecutive letters, digits or keyboard keys',
  common: 'The password is built on a commonly used password',
  email: 'The password is built on the user’s e-mail address',
};

/** The sentence that tells a person what is wrong, e.g. for `common`: built on a commonly used password. */
export function passwordProblemMessage(problem: PasswordProblem): string {
  return problemMessages[problem];
}

// Runs people type instead of choosing: alphabet, digits, keyboard rows, both ways.
const runs = ['abcdefghijklmnopqrstuvwxyz', '0123456789', 'qwertyuiopasdfghjklzxcvbnm'].flatMap(
  (run) => [run.repeat(2), [...run].reverse().join('').repeat(2)],
);

// The substitutions people make to dress a word up: p@ssw0rd is still password.
const lookalikes: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};
const plain = (text: string) => [...text].map((c) => lookalikes[c] ?? c).join('');

/** Fewer letters than this left once a known word is taken out: the word carries the password. */
const minimumOwnLetters = 4;

/**
 * Whether `word` carries the password: what is left once every occurrence
 * is taken out has fewer than four letters, e.g. `password2024!` or
 * `Summer2024!!` for the word `summer`.
 */
function builtOn(password: string, word: string): boolean {
  if (word.length < 3 || !password.includes(word)) return false;
  const rest = password.split(word).join('');
  return (rest.match(/\p{L}/gu)?.length ?? 0) < minimumOwnLetters;
}

/** The words of an address a person builds a password on: the address, its local part and the names in it. */
function addressWords(email: string): string[] {
  const address = email.toLowerCase();
  const local = address.split('@')[0] ?? '';
  return [address, local, local.replace(/[._+-]/g, ''), ...local.split(/[._+-]/)];
}

/**
 * What is wrong with a password, or null when it may be used, checked in
 * this order: length, one character or short group repeated
 * (`aaaaaaaaaaaa`, `abcabcabcabc`), a run of the alphabet, digits or a
 * keyboard row (`123456789012`, `qwertyuiopas`), built on the user's own
 * address, built on a common password (`Password2024!`, `p@ssw0rd1234`).
 */
export function passwordProblem(password: string, user: { email: string }): PasswordProblem | null {
  if ([...password].length < minimumPasswordLength) return 'too-short';
  const lower = password.toLowerCase();
  if (/^(.{1,4})\1+$/su.test(lower)) return 'repeated';
  if (runs.some((run) => run.includes(lower))) return 'sequence';
  const dressed = plain(lower);
  const carries = (word: string) => builtOn(lower, word) || builtOn(dressed, plain(word));
  if (addressWords(user.email).some(carries)) return 'email';
  if (commonPasswords.some(carries)) return 'common';
  return null;
}
