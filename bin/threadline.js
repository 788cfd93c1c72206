#!/usr/bin/env -S node --max-semi-space-size=4 --heap-growing-percent=100 --single-threaded-gc
// A quarter of Node's default young generation, and an old generation let
// grow to twice what survived its last collection rather than V8's own
// choice, which a back-fill drives to about three times: its live heap is
// about 40 MB and the rest of a 120 MB heap was garbage waiting. A server
// back-fill of 20,000 messages peaked at about 209 MB with both flags, 288 MB
// with the first alone, at the same CPU time within this machine's noise
// (bench/sync.ts runs the product with the flags of line 1).
// Garbage collection on the thread that made the garbage: V8's helper
// threads, which collect alongside it by default, cost more CPU than they
// saved on two cores. A 10,000-message server back-fill took 6.4–7.0 s of
// the process's CPU with this flag and 7.2–7.6 s without, peaking 8–15 MB
// higher.
import '../dist/src/cli/main.js';
