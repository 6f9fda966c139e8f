#!/usr/bin/env node
// The `svm` command; the app itself is compiled to dist/. React's development build records
// profiling data on every render (several times slower): the CLI always runs the production one.
process.env.NODE_ENV ??= 'production';
// NO_COLOR (no-color.org) means no colour anywhere. Our pictures read it through Node (which counts
// it set even when empty, as it does NODE_DISABLE_COLORS), but Ink's styles (chalk) do not; they read
// FORCE_COLOR, once, when first imported. One rule for both: Node's.
const { NO_COLOR, NODE_DISABLE_COLORS, FORCE_COLOR } = process.env;
if ((NO_COLOR !== undefined || NODE_DISABLE_COLORS !== undefined) && FORCE_COLOR === undefined) process.env.FORCE_COLOR = '0';
await import('../dist/cli.js');
