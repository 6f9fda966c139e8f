#!/usr/bin/env node
// The `svm` command; the app itself is compiled to dist/. React's development build records
// profiling data on every render (several times slower): the CLI always runs the production one.
process.env.NODE_ENV ??= 'production';
// NO_COLOR (no-color.org) means no colour anywhere. Our pictures read it through Node, but Ink's
// styles (chalk) do not; they read FORCE_COLOR, once, when first imported.
if (process.env.NO_COLOR && process.env.FORCE_COLOR === undefined) process.env.FORCE_COLOR = '0';
await import('../dist/cli.js');
