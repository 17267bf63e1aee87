'use strict';
// Stand-in for email-template-render.worker.js in the render pool's time-limit test: a render that never ends.
module.exports = function renderForever() {
  for (;;) {
    // busy on purpose: only ending the thread stops it
  }
};
