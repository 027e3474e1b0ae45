// Public and the same for everyone: prerendered, so the first visit paints with the HTML.
export const prerender = true;
export const ssr = true;
