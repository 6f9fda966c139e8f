'use strict';
// Loads the compiled addon. Kept in plain JS so it works from any loader; the typed surface is
// index.d.ts.
const path = require('node:path');

module.exports = require(path.join(__dirname, 'build', 'Release', 'svm_native.node'));
