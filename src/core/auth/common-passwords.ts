/**
 * The words and number runs that head every published list of leaked
 * passwords, in lower case. Compact on purpose: a password built on one of
 * these with a few digits or symbols around it is refused, which catches far
 * more than a long list of exact passwords would.
 */
export const commonPasswords: readonly string[] = (
  '123456789 1234567890 987654321 0987654321 1q2w3e4r 1qaz2wsx zaq12wsx q1w2e3r4 qazwsx ' +
  'abc123 password passwort motdepasse contrasena qwerty qwertz azerty qwertyuiop asdfgh ' +
  'asdfghjkl zxcvbnm letmein welcome admin administrator login root guest default changeme ' +
  'secret access test testing iloveyou loveme lovely monkey dragon football baseball ' +
  'basketball soccer hockey sunshine princess master shadow superman batman spiderman ' +
  'trustno1 starwars whatever freedom michael jennifer jordan hunter ranger buster thomas ' +
  'robert daniel andrew charlie jessica ashley michelle nicole summer winter spring autumn ' +
  'flower cookie cheese chocolate pepper ginger hello computer internet security system ' +
  'server company office business passport mustang harley matrix killer pokemon naruto ' +
  'minecraft family friends blessed jesus angel babygirl google facebook apple microsoft ' +
  'samsung yankees liverpool chelsea arsenal barcelona dolphin tigger maggie silver golden ' +
  'diamond orange purple banana january february march april june july august september ' +
  'october november december monday friday sunday threadline correcthorsebatterystaple '
)
  .trim()
  .split(' ');
