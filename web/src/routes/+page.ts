// Prerendered with the sign-in screen, which is what someone not signed in sees here: the
// first visit paints with the HTML. A signed-in user's home replaces it on start.
export const prerender = true;
export const ssr = true;
