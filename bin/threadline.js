#!/usr/bin/env -S node --max-semi-space-size=8
// Half Node's default young generation: a back-fill peaks about 40 MB lower at
// the same speed (bench/sync.ts runs the product with the flags of line 1).
import '../dist/src/cli/main.js';
