/*
 * utf8.h: fz_valid_utf8, the UTF-8 check of the test programs: the fuzz harnesses
 * (fuzz.h), the server fuzzer (server_fuzz.c) and the unit tests of the fuzz findings
 * (test/unit/test_fuzz_findings.c) all check with it that an error's detail or message is
 * valid UTF-8.  Plain C, no other header of the project.
 */
#ifndef PEKEFB_FUZZ_UTF8_H
#define PEKEFB_FUZZ_UTF8_H

#include <stdbool.h>
#include <stdint.h>

/* Whether s is valid UTF-8 (no overlong forms, no surrogates, at most U+10FFFF). */
static inline bool
fz_valid_utf8(const char *str)
{
	const unsigned char *s = (const unsigned char *) str;

	while (*s)
	{
		unsigned char c = *s;
		int			len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
		uint32_t	cp;

		if (len == 0)
			return false;
		cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
		for (int k = 1; k < len; k++)
		{
			if ((s[k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[k] & 0x3Fu);
		}
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
			cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		s += len;
	}
	return true;
}

#endif
