#!/usr/bin/env -S node --max-semi-space-size=4 --heap-growing-percent=100
// A quarter of Node's default young generation, and an old generation let
// grow to twice what survived its last collection rather than V8's own
// choice, which a back-fill drives to about three times: its live heap is
// about 40 MB and the rest of a 120 MB heap was garbage waiting. A server
// back-fill of 20,000 messages peaked at about 209 MB with both flags, 288 MB
// with the first alone, at the same CPU time within this machine's noise
// (bench/sync.ts runs the product with the flags of line 1).
// Not --single-threaded-gc: it saved a server back-fill about a tenth of the
// process's CPU (6.4-7.0 s against 7.2-7.6 s for 10,000 messages) but the
// embedded store held about 200 MB more (peak 779-815 MB against 589-593).
import '../dist/src/cli/threadline.js';
