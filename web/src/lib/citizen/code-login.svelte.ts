/**
 * The citizen's sign-in between its two pages: the codice fiscale typed on the first
 * and the challenge the server answered with. Memory only: a reload starts again from
 * the codice fiscale, which costs a new code and stores nothing on the device.
 */
class CodeLogin {
  codiceFiscale = $state('');
  challengeId = $state<string | null>(null);

  reset(): void {
    this.challengeId = null;
  }
}

export const codeLogin = new CodeLogin();
