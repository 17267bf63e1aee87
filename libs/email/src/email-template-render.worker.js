'use strict';
// Runs in a worker thread of EmailTemplateRenderPool (plain JavaScript: a worker thread loads it as is,
// in tests as in the build). Only compiles and runs the parts; the checks happen before, in the caller.
const Handlebars = require('handlebars');

/** An isolated Handlebars: no helpers or partials registered by anyone else leak into emails. */
const handlebars = Handlebars.create();

/**
 * `parts`: [part, source, variables] triples. Strict mode (a missing variable throws); variables are
 * HTML-escaped in html only. Answers { ok, rendered } or { ok: false, part, message }.
 */
module.exports = function renderParts({ parts }) {
  const rendered = {};
  for (const [part, source, variables] of parts) {
    try {
      rendered[part] = handlebars.compile(source, { strict: true, noEscape: part !== 'html' })(variables);
    } catch (error) {
      return { ok: false, part, message: `${part}: ${error && error.message ? error.message : String(error)}` };
    }
  }
  return { ok: true, rendered };
};
