import type { Core } from '@strapi/strapi';

const config: Core.Config.Middlewares = [
  'strapi::logger',
  // JSON answers compressed when the client asks (br or gzip, above 1 kB); outside the error
  // handler, so error bodies are compressed too. The Latest rail sends its own compressed copies.
  'strapi::compression',
  'strapi::errors',
  'strapi::security',
  {
    name: 'strapi::cors',
    // The content API is read with tokens, never cookies. With credentials allowed, a request without
    // an Origin header got an empty Access-Control-Allow-Origin instead of the wildcard.
    config: { credentials: false },
  },
  'strapi::poweredBy',
  'strapi::query',
  {
    name: 'strapi::body',
    // Pages may be up to 2 MB (the reader's limit, answered with a named 413 by the ingest route);
    // the parser allows a little more so that answer, not the parser's, is what a client sees.
    // text/plain is left unparsed: the ingest route checks a page's raw bytes itself.
    config: { jsonLimit: '3mb', formLimit: '3mb', text: false },
  },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
