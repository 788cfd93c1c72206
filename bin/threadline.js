#!/usr/bin/env -S node --max-semi-space-size=4
// A quarter of Node's default young generation: a back-fill peaked about 55 MB
// lower on a server than with the default, and 50 MB lower on the embedded
// store than with half of it, at the same speed (bench/sync.ts runs the
// product with the flags of line 1).
import '../dist/src/cli/main.js';
