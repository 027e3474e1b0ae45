/** A one-off message carried to the next page (e.g. "Sei uscito" on the login page). */
class Flash {
  message = $state<string | null>(null);

  take(): string | null {
    const m = this.message;
    this.message = null;
    return m;
  }
}

export const flash = new Flash();
