// The public catalogue is static data: prerendered, so the first visit paints with the HTML.
export const prerender = true;
export const ssr = true;
