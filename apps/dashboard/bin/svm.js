#!/usr/bin/env node
// The `svm` command; the app itself is compiled to dist/. React's development build records
// profiling data on every render (several times slower): the CLI always runs the production one.
process.env.NODE_ENV ??= 'production';
await import('../dist/cli.js');
