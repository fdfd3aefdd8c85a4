import adapter from '@sveltejs/adapter-static';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  kit: {
    // One prerendered page; SvelteKit's default relative asset paths let the WAR run under any context root.
    adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, precompress: false, strict: true })
  }
};

export default config;
