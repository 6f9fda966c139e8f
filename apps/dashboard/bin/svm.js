#!/usr/bin/env node
// The `svm` command; the app itself is compiled to dist/.
import '../dist/cli.js';
