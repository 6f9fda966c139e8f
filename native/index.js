'use strict';
// Loads the compiled addon. Kept in plain JS so it works from any loader; the typed surface is
// index.d.ts.
const path = require('node:path');

// Before OpenBLAS loads (with the addon): it reads its core type once, then.
require('./blas-core.js').chooseCoreType();

module.exports = require(path.join(__dirname, 'build', 'Release', 'svm_native.node'));
