'use strict';
// Loads the compiled addon. Kept in plain JS so it works from any loader; the typed surface is
// index.d.ts.
const path = require('node:path');

// Before OpenBLAS loads (with the addon): it reads its core type once, then.
require('./blas-core.js').chooseCoreType();

const addon = require(path.join(__dirname, 'build', 'Release', 'svm_native.node'));

// An async call's kernel reads and writes the arrays' memory on another thread until it settles.
// Node-API cannot pin that memory, so an array whose buffer could shrink meanwhile (a resizable
// ArrayBuffer) is refused up front. Detaching (transferring) a buffer an async call is using is
// not detectable from here either: don't. Argument errors reject the promise, as kernel errors do.
function isShrinkable(v) {
  return ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer && v.buffer.resizable === true;
}

function safeAsync(name, fn) {
  return function (...args) {
    try {
      const at = args.findIndex(isShrinkable);
      if (at >= 0) {
        throw new TypeError(`${name}: argument ${at} is backed by a resizable ArrayBuffer; async calls need memory that cannot shrink while they run`);
      }
      return fn.apply(this, args);
    } catch (err) {
      return Promise.reject(err);
    }
  };
}

const wrapped = { ...addon };
for (const [name, fn] of Object.entries(addon)) {
  if (typeof fn === 'function' && name.endsWith('Async')) wrapped[name] = safeAsync(name, fn);
}
module.exports = wrapped;
