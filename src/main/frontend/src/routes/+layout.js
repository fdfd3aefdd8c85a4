// A static single-page app: rendered in the browser only, prerendered to one index.html.
export const ssr = false;
export const prerender = true;
