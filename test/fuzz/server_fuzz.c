/*
 * server_fuzz.c: the server-side fuzz pass (run by test/client/fuzz_server.sh).  Reads the
 * inputs that `fuzz_<type> -e N` emits ("t <hex>" text, "b <hex>" binary, one a line) and
 * feeds them to the running server through libpq:
 *
 *   text    as a parameter of  SELECT $1::pekefb.<type>  (the type's input function), with
 *           the round trip in the same statement: out(v), send(v), out(in(out(v))),
 *           send(in(out(v))); accepted values must give the same text and the same bytes;
 *   binary  one  COPY pg_temp.fz (id, v) FROM STDIN (FORMAT binary)  per input (a COPY
 *           stops at its first bad row), then for an accepted row: send(v) is the input's
 *           bytes, and out/in/send of it round-trip as above.
 *
 * A refused input must fail with one of the class-22 SQLSTATEs of the type contract
 * (22P02, 22P03, 22003, 22023, 22007, 22008, 22P05); any other SQLSTATE, a lost connection
 * (a crashed backend) or a changed pg_postmaster_start_time() fails the pass.  Prints one
 * count line per type; exit status 1 on any failure.
 *
 *   server_fuzz <type> <input file>      (connection from the PG* environment)
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "utf8.h"

#define MAX_STATES 32
#define MAX_EXAMPLES 5

typedef struct StateCount
{
	char		state[6];
	long		count;
} StateCount;

static const char *const allowed[] = {
	"22P02", "22P03", "22003", "22023", "22007", "22008", "22P05", NULL
};

static PGconn *conn;
static const char *type;
static int	failures;

static StateCount tstates[MAX_STATES],
			bstates[MAX_STATES];
static int	ntstates,
			nbstates;
static long ntext,
			ntext_ok,
			nbin,
			nbin_ok,
			nroundtrip,
			nunexpected;

/* Text inputs are sent in pipelined batches of this many (each with its own sync). */
#define BATCH 64

typedef struct TextInput
{
	uint8_t    *d;				/* NUL-terminated */
	size_t		n;
} TextInput;

static TextInput batch[BATCH];
static int	nbatch;

/* Counts one SQLSTATE in a table of them. */
static void
count_state(StateCount *t, int *n, const char *state)
{
	for (int i = 0; i < *n; i++)
		if (strcmp(t[i].state, state) == 0)
		{
			t[i].count++;
			return;
		}
	if (*n < MAX_STATES)
	{
		snprintf(t[*n].state, sizeof(t[*n].state), "%s", state);
		t[(*n)++].count = 1;
	}
}

/* Prints a table of SQLSTATE counts ("22P02 7716, 22003 430"). */
static void
print_states(const StateCount *t, int n)
{
	for (int i = 0; i < n; i++)
		printf("%s%s %ld", i ? ", " : "", t[i].state, t[i].count);
	if (n == 0)
		printf("none");
}

/* Whether an SQLSTATE is one of the class-22 codes of the type contract. */
static bool
is_allowed(const char *state)
{
	for (int i = 0; allowed[i]; i++)
		if (strcmp(allowed[i], state) == 0)
			return true;
	return false;
}

/* Prints a line's input as a C string literal. */
static void
print_input(const char *kind, const uint8_t *d, size_t n)
{
	fprintf(stderr, "  %s input (%zu bytes): \"", kind, n);
	for (size_t i = 0; i < n && i < 300; i++)
	{
		if (d[i] == '"' || d[i] == '\\')
			fprintf(stderr, "\\%c", d[i]);
		else if (d[i] >= 0x20 && d[i] < 0x7F)
			fputc(d[i], stderr);
		else
			fprintf(stderr, "\\x%02x", d[i]);
	}
	fprintf(stderr, "\"%s\n", n > 300 ? "..." : "");
}

/* A broken property: reported with the input; the pass goes on (up to a limit). */
static void
fail(const char *kind, const uint8_t *d, size_t n, const char *what, const char *msg)
{
	failures++;
	if (failures <= 20)
	{
		fprintf(stderr, "server fuzz/%s: %s\n", type, what);
		if (msg)
			fprintf(stderr, "  %s", msg);
		print_input(kind, d, n);
	}
}

/* The backend must still be there after every input. */
static void
check_alive(const char *kind, const uint8_t *d, size_t n)
{
	if (PQstatus(conn) != CONNECTION_OK)
	{
		fail(kind, d, n, "CRASH: the connection was lost (backend terminated)", PQerrorMessage(conn));
		fprintf(stderr, "server fuzz/%s: stopping\n", type);
		exit(1);
	}
}

/*
 * The error of a refused input: a DETAIL sentence, valid UTF-8 throughout (a cut character
 * would break the message under another client_encoding), and for text input a message
 * quoting the input (when it is short enough to be quoted whole).
 */
static void
check_message(const PGresult *r, const char *kind, const uint8_t *d, size_t n)
{
	const char *primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
	const char *detail = PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL);

	if (detail == NULL || detail[0] == '\0')
		fail(kind, d, n, "refused without a DETAIL", PQresultErrorMessage(r));
	else if (!fz_valid_utf8(PQresultErrorMessage(r)))
		fail(kind, d, n, "error message is not valid UTF-8", PQresultErrorMessage(r));
	else if (kind[0] == 't' && n <= 100 && primary != NULL && strstr(primary, (const char *) d) == NULL)
		fail(kind, d, n, "error message does not quote the input", PQresultErrorMessage(r));
}

/* Runs sql and exits unless it succeeded. */
static PGresult *
exec_ok(const char *sql)
{
	PGresult   *r = PQexec(conn, sql);

	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
	{
		fprintf(stderr, "server fuzz/%s: %s failed: %s", type, sql, PQerrorMessage(conn));
		exit(1);
	}
	return r;
}

/* Exits unless r (the result of what) succeeded. */
static PGresult *
exec_ok_r(PGresult *r, const char *what)
{
	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
	{
		fprintf(stderr, "server fuzz/%s: %s failed: %s", type, what, PQerrorMessage(conn));
		exit(1);
	}
	return r;
}

/* The value of a hex digit. */
static int
unhex(int c)
{
	return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* The bytes of a bytea result in hex output ("\x0102...") into out; returns the length. */
static size_t
bytea_value(const char *s, uint8_t *out, size_t cap)
{
	size_t		n = 0;

	if (s[0] != '\\' || s[1] != 'x')
		return (size_t) -1;
	for (s += 2; s[0] && s[1] && n < cap; s += 2)
		out[n++] = (uint8_t) (unhex(s[0]) * 16 + unhex(s[1]));
	return n;
}

/* pg_postmaster_start_time() as text: a crash restarts the postmaster and changes it. */
static char *
postmaster_start(void)
{
	PGresult   *r = exec_ok("SELECT pg_catalog.pg_postmaster_start_time()::text");
	char	   *s = strdup(PQgetvalue(r, 0, 0));

	PQclear(r);
	return s;
}

/* Appends a big-endian integer to a COPY BINARY buffer. */
static size_t
put_be(uint8_t *p, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		p[i] = (uint8_t) (v >> (8 * (bytes - 1 - i)));
	return (size_t) bytes;
}

/* Checks the result of one text input. */
static void
text_result(PGresult *r, const uint8_t *data, size_t n)
{
	ntext++;
	if (PQresultStatus(r) == PGRES_TUPLES_OK)
	{
		ntext_ok++;
		if (strcmp(PQgetvalue(r, 0, 0), PQgetvalue(r, 0, 2)) != 0)
			fail("text", data, n, "text round trip not exact: out(in(out(in(x)))) <> out(in(x))", NULL);
		else if (strcmp(PQgetvalue(r, 0, 1), PQgetvalue(r, 0, 3)) != 0)
			fail("text", data, n, "send(in(out(v))) <> send(v)", NULL);
		else
			nroundtrip++;
	}
	else
	{
		const char *st = PQresultErrorField(r, PG_DIAG_SQLSTATE);

		st = st ? st : "?????";
		count_state(tstates, &ntstates, st);
		if (!is_allowed(st))
		{
			nunexpected++;
			fail("text", data, n, "refused with an SQLSTATE outside class 22's contract",
				 PQresultErrorMessage(r));
		}
		else
			check_message(r, "text", data, n);
	}
}

/*
 * Runs the queued text inputs in one pipeline: each query is followed by a sync, so an
 * error ends only its own implicit transaction.
 */
static void
run_text_batch(void)
{
	if (nbatch == 0)
		return;
	if (PQenterPipelineMode(conn) != 1)
	{
		fprintf(stderr, "server fuzz/%s: cannot enter pipeline mode: %s", type, PQerrorMessage(conn));
		exit(1);
	}
	for (int i = 0; i < nbatch; i++)
	{
		const char *param = (const char *) batch[i].d;

		if (PQsendQueryPrepared(conn, "fz_text", 1, &param, NULL, NULL, 0) != 1 ||
			PQpipelineSync(conn) != 1)
			check_alive("text", batch[i].d, batch[i].n);
	}
	for (int i = 0; i < nbatch; i++)
	{
		PGresult   *r = PQgetResult(conn);

		check_alive("text", batch[i].d, batch[i].n);
		if (r == NULL)
		{
			fail("text", batch[i].d, batch[i].n, "no result", PQerrorMessage(conn));
			exit(1);
		}
		text_result(r, batch[i].d, batch[i].n);
		PQclear(r);
		/* the end of this query's results, then its sync */
		while ((r = PQgetResult(conn)) != NULL)
			PQclear(r);
		r = PQgetResult(conn);
		check_alive("text", batch[i].d, batch[i].n);
		if (PQresultStatus(r) != PGRES_PIPELINE_SYNC)
		{
			fail("text", batch[i].d, batch[i].n, "pipeline out of step", PQresultErrorMessage(r));
			exit(1);
		}
		PQclear(r);
	}
	if (PQexitPipelineMode(conn) != 1)
	{
		fprintf(stderr, "server fuzz/%s: cannot leave pipeline mode: %s", type, PQerrorMessage(conn));
		exit(1);
	}
	for (int i = 0; i < nbatch; i++)
		free(batch[i].d);
	nbatch = 0;
}

/* Connects, prepares the statements, runs every input line and prints the counts. */
int
main(int argc, char **argv)
{
	FILE	   *f;
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		len;
	char		sql_text[1024],
				sql_copy[256],
				sql_check[1024];
	char	   *start;
	static uint8_t data[1 << 16];
	static uint8_t copybuf[(1 << 16) + 64];
	static uint8_t bytes[1 << 16];
	PGresult   *r;

	if (argc != 3)
	{
		fprintf(stderr, "usage: %s <type> <input file>\n", argv[0]);
		return 2;
	}
	type = argv[1];
	if ((f = fopen(argv[2], "r")) == NULL)
	{
		perror(argv[2]);
		return 2;
	}
	conn = PQconnectdb("");
	if (PQstatus(conn) != CONNECTION_OK)
	{
		fprintf(stderr, "server fuzz: cannot connect: %s", PQerrorMessage(conn));
		return 2;
	}
	PQclear(exec_ok("SET search_path = pg_catalog, pg_temp"));
	PQclear(exec_ok("SET statement_timeout = '10s'"));
	PQclear(exec_ok("SET client_min_messages = warning"));
	/* tens of thousands of expected errors need not go to the server log (superuser only) */
	PQclear(PQexec(conn, "SET log_min_messages = fatal"));
	snprintf(sql_text, sizeof(sql_text),
			 "SELECT v::text, pekefb.%1$s_send(v), (v::text::pekefb.%1$s)::text, "
			 "pekefb.%1$s_send(v::text::pekefb.%1$s) FROM (SELECT $1::pekefb.%1$s AS v) s", type);
	snprintf(sql_copy, sizeof(sql_copy), "CREATE TEMP TABLE fz (id integer, v pekefb.%s)", type);
	PQclear(exec_ok(sql_copy));
	snprintf(sql_copy, sizeof(sql_copy), "COPY pg_temp.fz (id, v) FROM STDIN (FORMAT binary)");
	snprintf(sql_check, sizeof(sql_check),
			 "SELECT v::text, pekefb.%1$s_send(v), (v::text::pekefb.%1$s)::text, "
			 "pekefb.%1$s_send(v::text::pekefb.%1$s) FROM pg_temp.fz WHERE id = $1::integer", type);
	PQclear(exec_ok_r(PQprepare(conn, "fz_text", sql_text, 1, NULL), "PREPARE fz_text"));
	PQclear(exec_ok_r(PQprepare(conn, "fz_check", sql_check, 1, NULL), "PREPARE fz_check"));
	start = postmaster_start();

	while ((len = getline(&line, &cap, f)) > 0)
	{
		size_t		n = 0;
		char		kind = line[0];

		if (kind == '#' || kind == '\n')
			continue;

		for (ssize_t i = 2; i + 1 < len && line[i] != '\n'; i += 2)
			data[n++] = (uint8_t) (unhex(line[i]) * 16 + unhex(line[i + 1]));

		if (kind == 't')
		{
			batch[nbatch].d = malloc(n + 1);
			memcpy(batch[nbatch].d, data, n);
			batch[nbatch].d[n] = '\0';
			batch[nbatch++].n = n;
			if (nbatch == BATCH)
				run_text_batch();
			continue;
		}
		run_text_batch();
		if (kind == 'b')
		{
			size_t		p = 0;
			char		idtext[24];
			const char *param = idtext;

			nbin++;
			memcpy(copybuf, "PGCOPY\n\377\r\n\0", 11);
			p = 11;
			p += put_be(copybuf + p, 0, 4);		/* flags */
			p += put_be(copybuf + p, 0, 4);		/* header extension */
			p += put_be(copybuf + p, 2, 2);		/* two fields */
			p += put_be(copybuf + p, 4, 4);
			p += put_be(copybuf + p, (uint64_t) nbin, 4);
			p += put_be(copybuf + p, n, 4);
			memcpy(copybuf + p, data, n);
			p += n;
			p += put_be(copybuf + p, 0xFFFF, 2);	/* trailer */

			r = PQexec(conn, sql_copy);
			if (PQresultStatus(r) != PGRES_COPY_IN)
			{
				check_alive("binary", data, n);
				fprintf(stderr, "server fuzz/%s: COPY did not start: %s", type, PQerrorMessage(conn));
				return 1;
			}
			PQclear(r);
			if (PQputCopyData(conn, (const char *) copybuf, (int) p) != 1 ||
				PQputCopyEnd(conn, NULL) != 1)
				check_alive("binary", data, n);
			r = PQgetResult(conn);
			check_alive("binary", data, n);
			if (PQresultStatus(r) == PGRES_COMMAND_OK)
			{
				PGresult   *c;
				size_t		bn;

				nbin_ok++;
				snprintf(idtext, sizeof(idtext), "%ld", nbin);
				c = PQexecPrepared(conn, "fz_check", 1, &param, NULL, NULL, 0);
				check_alive("binary", data, n);
				if (PQresultStatus(c) != PGRES_TUPLES_OK || PQntuples(c) != 1)
					fail("binary", data, n, "an accepted binary value does not print and read back",
						 PQresultErrorMessage(c));
				else if ((bn = bytea_value(PQgetvalue(c, 0, 1), bytes, sizeof(bytes))) != n ||
						 memcmp(bytes, data, n) != 0)
					fail("binary", data, n, "send(recv(x)) <> x", NULL);
				else if (strcmp(PQgetvalue(c, 0, 0), PQgetvalue(c, 0, 2)) != 0 ||
						 strcmp(PQgetvalue(c, 0, 1), PQgetvalue(c, 0, 3)) != 0)
					fail("binary", data, n, "out/in of an accepted binary value not exact", NULL);
				else
					nroundtrip++;
				PQclear(c);
			}
			else
			{
				const char *st = PQresultErrorField(r, PG_DIAG_SQLSTATE);

				st = st ? st : "?????";
				count_state(bstates, &nbstates, st);
				if (!is_allowed(st))
				{
					nunexpected++;
					fail("binary", data, n, "refused with an SQLSTATE outside class 22's contract",
						 PQresultErrorMessage(r));
				}
				else
					check_message(r, "binary", data, n);
			}
			PQclear(r);
			while ((r = PQgetResult(conn)) != NULL)
				PQclear(r);
		}
	}
	run_text_batch();
	fclose(f);
	free(line);

	{
		char	   *end = postmaster_start();

		if (strcmp(start, end) != 0)
		{
			failures++;
			fprintf(stderr, "server fuzz/%s: CRASH: the postmaster restarted (%s, then %s)\n", type, start, end);
		}
		free(end);
	}
	free(start);

	printf("server fuzz/%s: %ld text inputs (%ld accepted; refused: ", type, ntext, ntext_ok);
	print_states(tstates, ntstates);
	printf("), %ld COPY BINARY inputs (%ld accepted; refused: ", nbin, nbin_ok);
	print_states(bstates, nbstates);
	printf("), %ld round trips checked, %ld unexpected SQLSTATEs, %d failures, 0 crashes\n",
		   nroundtrip, nunexpected, failures);
	PQfinish(conn);
	return failures ? 1 : 0;
}
