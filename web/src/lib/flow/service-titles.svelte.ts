/**
 * Service titles for lists, loaded after the first paint: the catalogue is the largest
 * piece of data in the app and lists can show the code for a moment.
 */
class ServiceTitles {
  #titles = $state.raw<Record<string, string> | null>(null);
  #loading = false;

  title(code: string): string {
    if (!this.#titles && !this.#loading) {
      this.#loading = true;
      void import('./catalogue.ts').then(({ allServices }) => {
        this.#titles = Object.fromEntries(allServices().map((s) => [s.code, s.title]));
      });
    }
    return this.#titles?.[code] ?? code;
  }
}

export const serviceTitles = new ServiceTitles();
