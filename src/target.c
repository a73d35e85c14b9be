/*
 * target.c: the pekefb.target type (a target level with direction and unit): text and
 * binary I/O, comparison and hash support (btree and hash operator classes), accessors.  Parsing and formatting live in target_core.c;
 * attainment against a target is in indicator.c, beside the indicator type.
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "pekefb.h"

#include "target_core.h"

#define DatumGetTargetP(X)		((Target *) DatumGetPointer(X))
#define PG_GETARG_TARGET_P(n)	DatumGetTargetP(PG_GETARG_DATUM(n))
#define PG_RETURN_TARGET_P(x)	PG_RETURN_POINTER(x)

StaticAssertDecl(sizeof(Target) == 24, "pekefb.target is declared with INTERNALLENGTH = 24");

/*
 * target_in: text to target.  Unparsable text is 22P02 "invalid input syntax"; a number
 * beyond double precision 22003 and a range with low > high 22023, both "invalid value".
 */
PG_FUNCTION_INFO_V1(target_in);
Datum
target_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	Target	   *t = (Target *) palloc0(sizeof(Target));
	CoreError	err;

	if (!target_parse(str, t, &err))
		pekefb_report_input_error("target", str, err.kind, err.detail);
	PG_RETURN_TARGET_P(t);
}

/* target_out: the canonical text form (">= 90%", "<= 60 d", "80%..95%"). */
PG_FUNCTION_INFO_V1(target_out);
Datum
target_out(PG_FUNCTION_ARGS)
{
	Target	   *t = PG_GETARG_TARGET_P(0);
	char	   *buf = palloc0(TARGET_BUFLEN);

	target_format(t, buf);
	PG_RETURN_CSTRING(buf);
}

/*
 * target_recv: binary input: op (int8), unit (int8), low and high bound (float8, display
 * units); held to the rules of text input: too few bytes or an unknown operator or unit is
 * 22P03, a bound that is not finite 22003, an inconsistent value 22023.
 */
PG_FUNCTION_INFO_V1(target_recv);
Datum
target_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	Target	   *t = (Target *) palloc0(sizeof(Target));
	CoreError	err;

	if (buf->len - buf->cursor < 18)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external target value"),
				 errdetail("The binary form of a target is 18 bytes; got %d.", buf->len - buf->cursor)));
	t->op = (uint8) pq_getmsgbyte(buf);
	t->unit = (uint8) pq_getmsgbyte(buf);
	t->lo = pq_getmsgfloat8(buf);
	t->hi = pq_getmsgfloat8(buf);
	if (!target_validate(t, &err))
	{
		char	   *text;

		if (err.kind == CORE_SYNTAX)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid external target value"),
					 errdetail_internal("%s", err.detail)));
		text = palloc(TARGET_BUFLEN);
		target_format(t, text);
		pekefb_report_input_error("target", text, err.kind, err.detail);
	}
	PG_RETURN_TARGET_P(t);
}

/* target_send: binary output, the layout target_recv reads. */
PG_FUNCTION_INFO_V1(target_send);
Datum
target_send(PG_FUNCTION_ARGS)
{
	Target	   *t = PG_GETARG_TARGET_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, t->op);
	pq_sendbyte(&buf, t->unit);
	pq_sendfloat8(&buf, t->lo);
	pq_sendfloat8(&buf, t->hi);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * Order of the two target arguments (target_cmp: by unit, direction, low, high; equal
 * exactly when direction, unit and numbers as written are equal, so 90% = 90% but not 0.9).
 */
static inline int
target_cmp_args(FunctionCallInfo fcinfo)
{
	return target_cmp(PG_GETARG_TARGET_P(0), PG_GETARG_TARGET_P(1));
}

/* Comparison support: =, <>, <, <=, >, >= and the btree comparator. */
PG_FUNCTION_INFO_V1(target_eq);
Datum
target_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(target_cmp_args(fcinfo) == 0);
}

PG_FUNCTION_INFO_V1(target_ne);
Datum
target_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(target_cmp_args(fcinfo) != 0);
}

PG_FUNCTION_INFO_V1(target_lt);
Datum
target_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(target_cmp_args(fcinfo) < 0);
}

PG_FUNCTION_INFO_V1(target_le);
Datum
target_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(target_cmp_args(fcinfo) <= 0);
}

PG_FUNCTION_INFO_V1(target_gt);
Datum
target_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(target_cmp_args(fcinfo) > 0);
}

PG_FUNCTION_INFO_V1(target_ge);
Datum
target_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(target_cmp_args(fcinfo) >= 0);
}

PG_FUNCTION_INFO_V1(target_cmp_fn);
Datum
target_cmp_fn(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(target_cmp_args(fcinfo));
}

/*
 * The hashed image of a target: the fields that decide equality, in a zeroed struct, with
 * + 0.0 folding a negative zero into zero (none is ever stored), so that = implies equal
 * bytes.
 */
static Target
target_hash_image(const Target *t)
{
	Target		h;

	memset(&h, 0, sizeof(h));
	h.op = t->op;
	h.unit = t->unit;
	h.lo = t->lo + 0.0;
	h.hi = t->hi + 0.0;
	return h;
}

/* target_hash, target_hash_extended: hash opclass support, consistent with =. */
PG_FUNCTION_INFO_V1(target_hash);
Datum
target_hash(PG_FUNCTION_ARGS)
{
	Target		h = target_hash_image(PG_GETARG_TARGET_P(0));

	return hash_any((const unsigned char *) &h, sizeof(h));
}

PG_FUNCTION_INFO_V1(target_hash_extended);
Datum
target_hash_extended(PG_FUNCTION_ARGS)
{
	Target		h = target_hash_image(PG_GETARG_TARGET_P(0));

	return hash_any_extended((const unsigned char *) &h, sizeof(h), PG_GETARG_INT64(1));
}

/* unit(target): '%', 'd' or ''. */
PG_FUNCTION_INFO_V1(target_unit);
Datum
target_unit(PG_FUNCTION_ARGS)
{
	Target	   *t = PG_GETARG_TARGET_P(0);

	PG_RETURN_TEXT_P(cstring_to_text(unit_symbol((Unit) t->unit)));
}

/* direction(target): '>=', '>', '<=', '<', '=' or '..'. */
PG_FUNCTION_INFO_V1(target_direction);
Datum
target_direction(PG_FUNCTION_ARGS)
{
	Target	   *t = PG_GETARG_TARGET_P(0);

	PG_RETURN_TEXT_P(cstring_to_text(target_op_symbol((TargetOp) t->op)));
}

/* target_value(target): the threshold (or the = value) in base units; NULL for a range. */
PG_FUNCTION_INFO_V1(target_value);
Datum
target_value(PG_FUNCTION_ARGS)
{
	Target	   *t = PG_GETARG_TARGET_P(0);

	if (t->op == TOP_RANGE)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(target_lo_base(t));
}

/*
 * target_low(target): the lower bound in base units (>=, >, =, range); NULL where the
 * target is open below (<=, <).
 */
PG_FUNCTION_INFO_V1(target_low);
Datum
target_low(PG_FUNCTION_ARGS)
{
	Target	   *t = PG_GETARG_TARGET_P(0);

	if (t->op == TOP_LE || t->op == TOP_LT)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(target_lo_base(t));
}

/*
 * target_high(target): the upper bound in base units (<=, <, =, range); NULL where the
 * target is open above (>=, >).
 */
PG_FUNCTION_INFO_V1(target_high);
Datum
target_high(PG_FUNCTION_ARGS)
{
	Target	   *t = PG_GETARG_TARGET_P(0);

	if (t->op == TOP_GE || t->op == TOP_GT)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(target_hi_base(t));
}
