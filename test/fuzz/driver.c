/*
 * driver.c: the fuzz driver linked with one type's harness (fuzz_<type>.c) and the pure-C
 * pure-C sources of src/ (the *_core.c files).  It loads the seed corpus test/fuzz/corpus/<type>/, mutates it
 * with its own deterministic mutator (splitmix64 from a fixed seed: byte flips, inserts,
 * deletes, splices between entries, interesting tokens and numbers), feeds every text and
 * binary input to the harness and prints the counts.  A crash, a sanitizer report or a
 * broken round trip stops the run with the input printed (and saved with -o DIR).
 *
 *   fuzz_<type> [-n N] [-t SECONDS] [-s SEED] [-c CORPUSDIR] [-o CRASHDIR]
 *       N text and N binary inputs (default 100000), or as many as fit in SECONDS
 *   fuzz_<type> -e N [-s SEED] [-c CORPUSDIR]
 *       emit mode for the server-side pass (test/client/fuzz_server.sh): prints the corpus
 *       and N mutated text inputs, then the corpus's binary forms and N mutated binary
 *       inputs, one per line as "t <hex>" / "b <hex>"; text inputs are valid UTF-8
 *       (the server refuses invalid UTF-8 before the type's parser sees it)
 *   fuzz_<type> -r FILE...
 *       replays saved inputs (a file starting with "bin:" is a binary input)
 */
#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#if defined(__has_include)
#if __has_include(<sanitizer/common_interface_defs.h>)
#include <sanitizer/common_interface_defs.h>
#define FZ_HAVE_DEATH_CALLBACK 1
#endif
#endif

#define FZ_MAX_INPUT	4096		/* longest input the mutator builds */
#define POOL_MAX	1024		/* evolving pool of accepted inputs */
#define BIN_MAX		4096

typedef struct Buf
{
	uint8_t    *d;
	size_t		n;
} Buf;

/* ---------------------------------------------------------------- state */

static uint64_t rng_state;
static Buf	corpus[4096];
static int	ncorpus;
static Buf	pool[POOL_MAX];		/* accepted text mutants */
static int	npool;
static Buf	bpool[POOL_MAX];		/* binary forms of accepted values */
static int	nbpool;

static const uint8_t *cur_input;	/* the input being run, for crash reports */
static size_t cur_len;
static bool cur_binary;
static const char *crash_dir;

static long long n_text, n_text_ok, n_bin, n_bin_ok, n_roundtrip;

/* ---------------------------------------------------------------- random numbers */

/* splitmix64: small, fast, and the same sequence on every machine for a given seed. */
static uint64_t
rnd(void)
{
	uint64_t	z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A number in 0..n-1 (n >= 1). */
static size_t
rnd_below(size_t n)
{
	return (size_t) (rnd() % n);
}

/* ---------------------------------------------------------------- tokens */

/* Tokens every type's mutations use: separators, signs, numbers at the edges of ranges. */
static const char *const common_tokens[] = {
	"0", "1", "7", "9", "10", "14", "%", "/", ".", "..", "...", ",", ":", ";", "{", "}",
	"(", ")", "[", "]", "\"", "\\", " ", "  ", "\t", "\n", "\r", "-", "+", "e", "E", "e+",
	"e-", "d", "D", "%%", "//", ",,", "::", "NaN", "nan", "Infinity", "-Infinity", "inf",
	"0x10", "1_000", "\xC3", "\xC3\xA4", "\xC3\x84", "\xC3\xB6", "\xC3\x96", "\xC3\xA5",
	"\xC3\x85", "\xE2\x80\x93", "\xEF\xBB\xBF", "\xC2\xA0", "\xFF", "\xF0\x9F\x98\x80",
	"d", "pv", "vrk", "PV", "VRK", "days", "päivää", "PÄIVÄÄ", "arkipäivää", "ARKIPÄIVÄÄ",
	"månader", "MÅNADER", "år", "ÅR", "vardagar", "kuukautta", "working days", "weeks",
	"vk", "kk", "dygn", "viikkoa", "vuotta", "calendar days",
	NULL
};

/* Numbers chosen to sit on or just past a limit of some type. */
static const char *const numbers[] = {
	"0", "-0", "+0", "1", "-1", "2", "5", "6", "9", "10", "11", "99", "100", "101", "255",
	"256", "600", "601", "3650", "3651", "120", "121", "1000000000", "2147483646",
	"2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296",
	"9223372036854775806", "9223372036854775807", "9223372036854775808",
	"-9223372036854775808", "-9223372036854775809", "18446744073709551615",
	"18446744073709551616", "99999999999999999999999999999999999999",
	"1e308", "1.7976931348623157e308", "1.7976931348623159e308", "1e309", "-1e309",
	"2.2250738585072014e-308", "2.2250738585072011e-308", "4.9e-324", "5e-324", "2e-324",
	"1e-400", "1e400", "1e-99999999999999999999", "1e99999999999999999999", "0.1", "0,1",
	"0.30000000000000004", "0.99999999999999999", "9.", "09", "00", "1.0", "1e0", "1E+2",
	"10.000000000000002", "1.5", "0,5", "123456789012345678901234567890",
	"0000000000000000000000000000001", "1e-5", "-0.0", "0e0", "0.0e-400",
	NULL
};

static int	n_common, n_numbers, n_type_tokens;

/* Length of a NULL-terminated token list. */
static int
count_list(const char *const *l)
{
	int			n = 0;

	while (l[n])
		n++;
	return n;
}

/* ---------------------------------------------------------------- buffers */

/* Fills b with a heap copy of d[0..n). */
static void
buf_set(Buf *b, const uint8_t *d, size_t n)
{
	b->d = malloc(n ? n : 1);
	if (!b->d)
		abort();
	memcpy(b->d, d, n);
	b->n = n;
}

/* Inserts m bytes at pos of a working buffer (capacity FZ_MAX_INPUT), cutting at the end. */
static void
w_insert(uint8_t *w, size_t *n, size_t pos, const uint8_t *src, size_t m)
{
	if (pos > *n)
		pos = *n;
	if (m > FZ_MAX_INPUT - *n)
		m = FZ_MAX_INPUT - *n;
	memmove(w + pos + m, w + pos, *n - pos);
	memcpy(w + pos, src, m);
	*n += m;
}

/* Deletes up to m bytes at pos of a working buffer. */
static void
w_delete(uint8_t *w, size_t *n, size_t pos, size_t m)
{
	if (pos >= *n)
		return;
	if (m > *n - pos)
		m = *n - pos;
	memmove(w + pos, w + pos + m, *n - pos - m);
	*n -= m;
}

/* A token from the common list, the limit numbers or (twice as likely) the type's own. */
static const char *
pick_token(void)
{
	size_t		k = rnd_below((size_t) (n_common + n_numbers + n_type_tokens * 2));

	if (k < (size_t) n_common)
		return common_tokens[k];
	k -= (size_t) n_common;
	if (k < (size_t) n_numbers)
		return numbers[k];
	k -= (size_t) n_numbers;
	return fz_tokens[k % (size_t) n_type_tokens];
}

/* An input of the corpus or the pool of accepted mutants (text). */
static const Buf *
pick_text(void)
{
	if (npool > 0 && rnd_below(2) == 0)
		return &pool[rnd_below((size_t) npool)];
	return &corpus[rnd_below((size_t) ncorpus)];
}

/* ---------------------------------------------------------------- text mutations */

/*
 * Applies 1 to 5 random mutations to w[0..*n); the result has no NUL byte (a cstring
 * cannot hold one).
 */
static void
mutate_text(uint8_t *w, size_t *n)
{
	int			rounds = 1 + (int) rnd_below(rnd_below(2) ? 2 : 5);

	for (int r = 0; r < rounds; r++)
	{
		size_t		pos = *n ? rnd_below(*n + 1) : 0;
		size_t		k;
		const char *tok;
		uint8_t		c;

		switch (rnd_below(16))
		{
			case 0:				/* flip a bit */
				if (*n)
				{
					pos = rnd_below(*n);
					w[pos] ^= (uint8_t) (1u << rnd_below(8));
				}
				break;
			case 1:				/* any byte */
				if (*n)
					w[rnd_below(*n)] = (uint8_t) rnd();
				break;
			case 2:				/* a byte that means something to some parser */
				if (*n)
				{
					static const char meaningful[] = " 0123456789%/.,:{}()-+eE\t\n\"\\[]dDnt";

					w[rnd_below(*n)] = (uint8_t) meaningful[rnd_below(sizeof(meaningful) - 1)];
				}
				break;
			case 3:				/* insert a byte */
				c = (uint8_t) rnd();
				w_insert(w, n, pos, &c, 1);
				break;
			case 4:				/* delete a few bytes */
				w_delete(w, n, pos, 1 + rnd_below(rnd_below(4) ? 2 : 16));
				break;
			case 5:
			case 6:				/* insert a token */
				tok = pick_token();
				w_insert(w, n, pos, (const uint8_t *) tok, strlen(tok));
				break;
			case 7:				/* replace a range by a token */
				tok = pick_token();
				w_delete(w, n, pos, rnd_below(8));
				w_insert(w, n, pos, (const uint8_t *) tok, strlen(tok));
				break;
			case 8:				/* splice: our prefix, another entry's suffix */
				{
					const Buf  *o = pick_text();
					size_t		from = o->n ? rnd_below(o->n + 1) : 0;

					*n = pos;
					w_insert(w, n, *n, o->d + from, o->n - from);
				}
				break;
			case 9:				/* insert a whole other entry */
				{
					const Buf  *o = pick_text();

					w_insert(w, n, pos, o->d, o->n);
				}
				break;
			case 10:			/* a run of digits becomes an interesting number */
				{
					size_t		s = pos,
								e;

					while (s < *n && !(w[s] >= '0' && w[s] <= '9'))
						s++;
					e = s;
					while (e < *n && ((w[e] >= '0' && w[e] <= '9') || w[e] == '.' || w[e] == 'e'))
						e++;
					tok = numbers[rnd_below((size_t) n_numbers)];
					w_delete(w, n, s, e - s);
					w_insert(w, n, s, (const uint8_t *) tok, strlen(tok));
				}
				break;
			case 11:			/* change case (ASCII, and Latin-1 letters in UTF-8) */
				for (k = pos; k < *n && k < pos + 8; k++)
				{
					if ((w[k] >= 'a' && w[k] <= 'z') || (w[k] >= 'A' && w[k] <= 'Z'))
						w[k] ^= 0x20;
					else if (w[k] >= 0x80 && w[k] <= 0xBF && k > 0 && w[k - 1] == 0xC3)
						w[k] ^= 0x20;
				}
				break;
			case 12:			/* truncate */
				*n = pos;
				break;
			case 13:			/* a long run of digits (huge numbers) */
				{
					uint8_t		digits[512];
					size_t		m = 1 + rnd_below(rnd_below(2) ? 24 : sizeof(digits));

					for (k = 0; k < m; k++)
						digits[k] = (uint8_t) ('0' + rnd_below(10));
					if (rnd_below(3) == 0)
						digits[0] = '0';
					w_insert(w, n, pos, digits, m);
				}
				break;
			case 14:			/* repeat a chunk (long lists, many pairs) */
				if (*n)
				{
					size_t		s = rnd_below(*n);
					size_t		len = 1 + rnd_below(*n - s);
					int			times = 1 + (int) rnd_below(rnd_below(4) ? 3 : 200);
					uint8_t		chunk[FZ_MAX_INPUT];

					memcpy(chunk, w + s, len);
					for (int t = 0; t < times && *n < FZ_MAX_INPUT; t++)
						w_insert(w, n, s, chunk, len);
				}
				break;
			case 15:			/* swap two bytes */
				if (*n > 1)
				{
					size_t		a = rnd_below(*n),
								b = rnd_below(*n);

					c = w[a];
					w[a] = w[b];
					w[b] = c;
				}
				break;
		}
	}
	for (size_t i = 0; i < *n; i++)
		if (w[i] == 0)
			w[i] = (uint8_t) (1 + rnd_below(255));
}

/* Replaces every byte that is not part of a valid UTF-8 sequence by '?'. */
static void
make_utf8(uint8_t *w, size_t n)
{
	size_t		i = 0;

	while (i < n)
	{
		uint8_t		c = w[i];
		size_t		len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
		bool		ok = len > 0 && i + len <= n;

		for (size_t k = 1; ok && k < len; k++)
			ok = (w[i + k] & 0xC0) == 0x80;
		if (ok && len == 2)
			ok = c >= 0xC2;
		if (ok && len == 3)
		{
			uint32_t	cp = ((uint32_t) (c & 0x0F) << 12) | ((uint32_t) (w[i + 1] & 0x3F) << 6) | (w[i + 2] & 0x3F);

			ok = cp >= 0x800 && !(cp >= 0xD800 && cp <= 0xDFFF);
		}
		if (ok && len == 4)
		{
			uint32_t	cp = ((uint32_t) (c & 0x07) << 18) | ((uint32_t) (w[i + 1] & 0x3F) << 12) |
				((uint32_t) (w[i + 2] & 0x3F) << 6) | (w[i + 3] & 0x3F);

			ok = cp >= 0x10000 && cp <= 0x10FFFF;
		}
		if (!ok)
		{
			w[i++] = '?';
			continue;
		}
		i += len;
	}
}

/* ---------------------------------------------------------------- binary mutations */

static const uint32_t int32s[] = {
	0, 1, 2, 3, 4, 5, 0x7F, 0x80, 0xFF, 0x100, 600, 601, 3650, 3651, 120, 121, 0x7FFFFFFF,
	0x80000000u, 0xFFFFFFFFu, 0xFFFFFFFEu, 0x3FFFFFFF, 0x40000000, 1000000, 12 * 3650 * 4
};

static const uint64_t int64s[] = {
	0, 1, 2, 0x7FFFFFFFFFFFFFFFULL, 0x8000000000000000ULL, 0xFFFFFFFFFFFFFFFFULL,
	0x7FFFFFFFFFFFFFFEULL, 0x4000000000000000ULL,
	0x7FF0000000000000ULL,		/* +Infinity */
	0xFFF0000000000000ULL,		/* -Infinity */
	0x7FF8000000000000ULL,		/* NaN */
	0x7FF0000000000001ULL,		/* signalling NaN */
	0x8000000000000000ULL,		/* -0.0 */
	0x0000000000000001ULL,		/* smallest subnormal */
	0x000FFFFFFFFFFFFFULL,		/* largest subnormal */
	0x7FEFFFFFFFFFFFFFULL,		/* DBL_MAX */
	0x3FF0000000000000ULL,		/* 1.0 */
	0xBFF0000000000000ULL,		/* -1.0 */
	0x4059000000000000ULL,		/* 100.0 */
};

/* Applies 1 to 4 random byte-level mutations to a binary form w[0..*n). */
static void
mutate_bin(uint8_t *w, size_t *n)
{
	int			rounds = 1 + (int) rnd_below(rnd_below(2) ? 1 : 4);

	for (int r = 0; r < rounds; r++)
	{
		size_t		pos = *n ? rnd_below(*n) : 0;
		uint8_t		tmp[8];

		switch (rnd_below(12))
		{
			case 0:
				if (*n)
					w[pos] ^= (uint8_t) (1u << rnd_below(8));
				break;
			case 1:
				if (*n)
					w[pos] = (uint8_t) rnd();
				break;
			case 2:
				if (*n)
					w[pos] = (uint8_t[]) {0, 1, 2, 5, 6, 7, 10, 11, 0x1F, 0x20, 0x7F, 0x80, 0xFE, 0xFF, 'a', 'z', '_', '0'}[rnd_below(18)];
				break;
			case 3:				/* an interesting int32 at any offset */
				if (*n >= 4)
					fz_put32(w + rnd_below(*n - 3), int32s[rnd_below(sizeof(int32s) / sizeof(int32s[0]))]);
				break;
			case 4:				/* an interesting int64 or double at any offset */
				if (*n >= 8)
					fz_put64(w + rnd_below(*n - 7), int64s[rnd_below(sizeof(int64s) / sizeof(int64s[0]))]);
				break;
			case 5:				/* a nearby int32 (counts and lengths one off) */
				if (*n >= 4)
				{
					size_t		p = rnd_below(*n - 3);

					fz_put32(w + p, fz_get32(w + p) + (uint32_t) (rnd_below(9)) - 4);
				}
				break;
			case 6:				/* truncate */
				*n = rnd_below(*n + 1);
				break;
			case 7:				/* append bytes */
				{
					size_t		m = 1 + rnd_below(8);

					for (size_t k = 0; k < m && *n < BIN_MAX; k++)
						w[(*n)++] = (uint8_t) (rnd_below(2) ? rnd() : 0);
				}
				break;
			case 8:				/* delete bytes */
				w_delete(w, n, pos, 1 + rnd_below(4));
				break;
			case 9:				/* insert bytes */
				for (size_t k = 0; k < 8; k++)
					tmp[k] = (uint8_t) rnd();
				w_insert(w, n, pos, tmp, 1 + rnd_below(8));
				break;
			case 10:			/* splice with another binary form */
				if (nbpool > 0)
				{
					const Buf  *o = &bpool[rnd_below((size_t) nbpool)];
					size_t		from = o->n ? rnd_below(o->n + 1) : 0;

					*n = pos;
					w_insert(w, n, *n, o->d + from, o->n - from);
				}
				break;
			case 11:			/* duplicate a range (one more element) */
				if (*n)
				{
					size_t		len = 1 + rnd_below(*n - pos < 24 ? *n - pos : 24);
					uint8_t		chunk[24];

					memcpy(chunk, w + pos, len);
					w_insert(w, n, pos, chunk, len);
				}
				break;
		}
	}
}

/* ---------------------------------------------------------------- reporting */

/* Prints d[0..n) as a C string literal (printable ASCII as is, the rest as \xNN). */
static void
print_escaped(FILE *f, const uint8_t *d, size_t n)
{
	fputc('"', f);
	for (size_t i = 0; i < n && i < 2000; i++)
	{
		if (d[i] == '"' || d[i] == '\\')
			fprintf(f, "\\%c", d[i]);
		else if (d[i] >= 0x20 && d[i] < 0x7F)
			fputc(d[i], f);
		else
			fprintf(f, "\\x%02x", d[i]);
	}
	fputc('"', f);
	if (n > 2000)
		fprintf(f, "... (%zu bytes)", n);
}

/* Saves the current input to the crash directory (if one was given) and prints it. */
static void
report_input(void)
{
	if (cur_input == NULL)
		return;
	fprintf(stderr, "fuzz/%s: failing %s input (%zu bytes): ", fz_name,
			cur_binary ? "binary" : "text", cur_len);
	print_escaped(stderr, cur_input, cur_len);
	fputc('\n', stderr);
	if (crash_dir != NULL)
	{
		char		path[8192];
		uint64_t	h = 1469598103934665603ULL;
		FILE	   *f;

		for (size_t i = 0; i < cur_len; i++)
			h = (h ^ cur_input[i]) * 1099511628211ULL;
		mkdir(crash_dir, 0777);
		snprintf(path, sizeof(path), "%s/%s-%s-%016llx", crash_dir, fz_name,
				 cur_binary ? "bin" : "text", (unsigned long long) h);
		if ((f = fopen(path, "wb")) != NULL)
		{
			if (cur_binary)
				fputs("bin:", f);
			fwrite(cur_input, 1, cur_len, f);
			fclose(f);
			fprintf(stderr, "fuzz/%s: saved as %s\n", fz_name, path);
		}
	}
}

/* Reports a broken property with the current input, then aborts (see fuzz.h). */
void
fz_fail(const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	fz_print_failure(fmt, ap);
	va_end(ap);
	report_input();
	cur_input = NULL;
	abort();
}

/* Counts one round trip checked. */
void
fz_roundtrip_checked(void)
{
	n_roundtrip++;
}

#ifdef FZ_HAVE_DEATH_CALLBACK
/* Called by the sanitizers before they exit on a report (or a SEGV they caught). */
static void
on_death(void)
{
	report_input();
}
#endif

/* ---------------------------------------------------------------- running inputs */

/* Runs one text input w[0..n) in a fresh allocation of exactly n + 1 bytes. */
static int
run_text(const uint8_t *w, size_t n)
{
	char	   *s = malloc(n + 1);
	int			ok;

	memcpy(s, w, n);
	s[n] = '\0';
	cur_input = (const uint8_t *) s;
	cur_len = n;
	cur_binary = false;
	ok = fz_text(s);
	n_text++;
	n_text_ok += ok;
	cur_input = NULL;
	free(s);
	return ok;
}

/* Runs one binary input in a fresh allocation of exactly n bytes. */
static int
run_bin(const uint8_t *w, size_t n)
{
	uint8_t    *b = malloc(n ? n : 1);
	int			ok;

	memcpy(b, w, n);
	cur_input = b;
	cur_len = n;
	cur_binary = true;
	ok = fz_bin(b, n);
	n_bin++;
	n_bin_ok += ok;
	cur_input = NULL;
	free(b);
	return ok;
}

/* Puts a copy of d[0..n) into a pool, replacing a random entry once the pool is full. */
static void
pool_add(Buf *p, int *np, const uint8_t *d, size_t n)
{
	int			slot;

	if (*np < POOL_MAX)
		slot = (*np)++;
	else
	{
		slot = (int) rnd_below(POOL_MAX);
		free(p[slot].d);
	}
	buf_set(&p[slot], d, n);
}

/* Keeps an accepted text (and its binary form) in the pools the mutator draws from. */
static void
remember(const uint8_t *w, size_t n)
{
	uint8_t		bin[BIN_MAX];
	char	   *s;
	size_t		bn;

	pool_add(pool, &npool, w, n);
	s = malloc(n + 1);
	memcpy(s, w, n);
	s[n] = '\0';
	bn = fz_send(s, bin, sizeof(bin));
	free(s);
	if (bn > 0)
		pool_add(bpool, &nbpool, bin, bn);
}

/* ---------------------------------------------------------------- corpus */

/* qsort comparator of file names. */
static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Loads every file of dir (sorted by name, so the run is the same everywhere). */
static void
load_corpus(const char *dir)
{
	DIR		   *d = opendir(dir);
	struct dirent *e;
	char	   *names[4096];
	int			nn = 0;

	if (d == NULL)
	{
		fprintf(stderr, "fuzz/%s: cannot open corpus %s: %s\n", fz_name, dir, strerror(errno));
		exit(2);
	}
	while ((e = readdir(d)) != NULL && nn < 4096)
		if (e->d_name[0] != '.')
			names[nn++] = strdup(e->d_name);
	closedir(d);
	qsort(names, (size_t) nn, sizeof(char *), name_cmp);
	for (int i = 0; i < nn; i++)
	{
		char		path[8192];
		uint8_t		data[FZ_MAX_INPUT];
		size_t		len;
		FILE	   *f;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		free(names[i]);
		if ((f = fopen(path, "rb")) == NULL)
			continue;
		len = fread(data, 1, sizeof(data), f);
		fclose(f);
		/* one trailing newline is the file's, not the input's */
		if (len > 0 && data[len - 1] == '\n')
			len--;
		buf_set(&corpus[ncorpus++], data, len);
	}
	if (ncorpus == 0)
	{
		fprintf(stderr, "fuzz/%s: empty corpus %s\n", fz_name, dir);
		exit(2);
	}
}

/* Replays saved inputs (crash files). */
static int
replay(int argc, char **argv, int first)
{
	for (int i = first; i < argc; i++)
	{
		FILE	   *f = fopen(argv[i], "rb");
		uint8_t		data[1 << 16];
		size_t		len;
		int			ok;

		if (f == NULL)
		{
			perror(argv[i]);
			return 2;
		}
		len = fread(data, 1, sizeof(data), f);
		fclose(f);
		if (len >= 4 && memcmp(data, "bin:", 4) == 0)
			ok = run_bin(data + 4, len - 4);
		else
		{
			if (len > 0 && data[len - 1] == '\n')
				len--;
			ok = run_text(data, len);
		}
		printf("%s: %s\n", argv[i], ok ? "accepted, round trip exact" : "refused");
	}
	return 0;
}

/* One emitted input: the kind letter, a space, the bytes in hex. */
static void
print_hex_line(char kind, const uint8_t *d, size_t n)
{
	putchar(kind);
	putchar(' ');
	for (size_t i = 0; i < n; i++)
		printf("%02x", d[i]);
	putchar('\n');
}

/* ---------------------------------------------------------------- main */

/* Options, corpus, then the fuzz loop (or the emit or replay mode). */
int
main(int argc, char **argv)
{
	long long	n = 100000;
	double		seconds = 0;
	long long	emit = 0;
	uint64_t	seed = 20260601;
	const char *dir = NULL;
	char		defdir[4096];
	uint8_t    *w = malloc(FZ_MAX_INPUT);
	size_t		wn;
	struct timespec t0,
				t1;
	double		elapsed;
	int			i;

	for (i = 1; i < argc; i++)
	{
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			n = atoll(argv[++i]);
		else if (strcmp(argv[i], "-t") == 0 && i + 1 < argc)
			seconds = atof(argv[++i]);
		else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
			dir = argv[++i];
		else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			crash_dir = argv[++i];
		else if (strcmp(argv[i], "-e") == 0 && i + 1 < argc)
			emit = atoll(argv[++i]);
		else if (strcmp(argv[i], "-r") == 0)
			return replay(argc, argv, i + 1);
		else
		{
			fprintf(stderr, "usage: %s [-n N] [-t SECONDS] [-s SEED] [-c CORPUSDIR] [-o CRASHDIR] | -e N | -r FILE...\n", argv[0]);
			return 2;
		}
	}
#ifdef FZ_HAVE_DEATH_CALLBACK
	__sanitizer_set_death_callback(on_death);
#endif
	if (dir == NULL)
	{
		snprintf(defdir, sizeof(defdir), "test/fuzz/corpus/%s", fz_name);
		dir = defdir;
	}
	rng_state = seed;
	n_common = count_list(common_tokens);
	n_numbers = count_list(numbers);
	n_type_tokens = count_list(fz_tokens);
	load_corpus(dir);

	/* the corpus itself first: every entry must be accepted and round-trip */
	for (i = 0; i < ncorpus; i++)
		if (run_text(corpus[i].d, corpus[i].n))
			remember(corpus[i].d, corpus[i].n);
	if (nbpool == 0)
	{
		fprintf(stderr, "fuzz/%s: no corpus entry is accepted\n", fz_name);
		return 2;
	}

	if (emit > 0)
	{
		int			nseeds = nbpool;

		/* the corpus as it is, then emit mutated text inputs, valid UTF-8 */
		for (i = 0; i < ncorpus; i++)
			print_hex_line('t', corpus[i].d, corpus[i].n);
		for (long long k = 0; k < emit; k++)
		{
			const Buf  *src = pick_text();

			wn = src->n;
			memcpy(w, src->d, wn);
			mutate_text(w, &wn);
			make_utf8(w, wn);
			if (run_text(w, wn) && rnd_below(4) == 0)
				remember(w, wn);
			print_hex_line('t', w, wn);
		}
		/* the binary forms of the corpus, then emit mutated binary inputs */
		for (i = 0; i < nseeds; i++)
			print_hex_line('b', bpool[i].d, bpool[i].n);
		for (long long k = 0; k < emit; k++)
		{
			const Buf  *src = &bpool[rnd_below((size_t) nbpool)];

			wn = src->n;
			memcpy(w, src->d, wn);
			mutate_bin(w, &wn);
			print_hex_line('b', w, wn);
		}
		free(w);
		return 0;
	}

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long long k = 0;; k++)
	{
		const Buf  *src;

		if (seconds > 0)
		{
			if ((k & 1023) == 0)
			{
				clock_gettime(CLOCK_MONOTONIC, &t1);
				if ((double) (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9 >= seconds)
					break;
			}
		}
		else if (k >= n)
			break;

		/* one text input */
		src = pick_text();
		wn = src->n;
		memcpy(w, src->d, wn);
		mutate_text(w, &wn);
		if (run_text(w, wn) && (npool < POOL_MAX || rnd_below(8) == 0))
			remember(w, wn);

		/* one binary input */
		src = &bpool[rnd_below((size_t) nbpool)];
		wn = src->n;
		memcpy(w, src->d, wn);
		mutate_bin(w, &wn);
		if (run_bin(w, wn) && rnd_below(16) == 0)
			pool_add(bpool, &nbpool, w, wn);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (fz_report)
		fz_report();
	elapsed = (double) (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("fuzz/%s: seed %llu, %lld text inputs (%lld accepted), %lld binary inputs (%lld accepted), "
		   "%lld round trips checked, 0 crashes, 0 sanitizer reports, 0 round-trip failures, %.1f s\n",
		   fz_name, (unsigned long long) seed, n_text, n_text_ok, n_bin, n_bin_ok, n_roundtrip, elapsed);
	free(w);
	return 0;
}
