/*
 * unit.h: a minimal check harness for the pure-C unit tests.
 * CHECK(name, cond) prints "ok name" or "FAILED name (file:line)"; a test binary returns
 * unit_exit() so any failure makes it exit non-zero.
 */
#ifndef PEKEFB_UNIT_H
#define PEKEFB_UNIT_H
#include <stdio.h>

static int unit_failures = 0;

#define CHECK(name, cond) \
	do { \
		if (cond) printf("ok %s\n", (name)); \
		else { printf("FAILED %s (%s:%d)\n", (name), __FILE__, __LINE__); unit_failures++; } \
	} while (0)

static inline int unit_exit(void) { return unit_failures ? 1 : 0; }
#endif
