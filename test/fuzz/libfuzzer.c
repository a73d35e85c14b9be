/*
 * libfuzzer.c: the libFuzzer entry point (clang -fsanitize=fuzzer), used by `make fuzz`
 * besides the own deterministic driver (driver.c) when clang's libFuzzer is installed.
 * The first byte of an input chooses the form: even for text (the rest, cut at the first
 * NUL, as a cstring), odd for binary (the rest as the receive function's bytes).  Corpus
 * files of test/fuzz/corpus/<type>/ are plain text, so most start with an even byte or are
 * read as binary, and libFuzzer's mutations move between both.
 */
#include "fuzz.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* Reports a broken property with the current input, then aborts (see fuzz.h). */
void
fz_fail(const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	fz_print_failure(fmt, ap);
	va_end(ap);
	abort();
}

/* Counts one round trip checked. */
void
fz_roundtrip_checked(void)
{
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libFuzzer's entry point: the first byte chooses text or binary. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	if (data[0] & 1)
	{
		uint8_t    *b = malloc(size - 1 ? size - 1 : 1);

		memcpy(b, data + 1, size - 1);
		fz_bin(b, size - 1);
		free(b);
	}
	else
	{
		const uint8_t *nul = memchr(data + 1, 0, size - 1);
		size_t		n = nul ? (size_t) (nul - data - 1) : size - 1;
		char	   *s = malloc(n + 1);

		memcpy(s, data + 1, n);
		s[n] = '\0';
		fz_text(s);
		free(s);
	}
	return 0;
}
