/*
 * pekefb.c: the module's entry point.  _PG_init defines the library-wide settings and lets
 * each subsystem define its own; SQL-callable getters let views read the settings even in
 * a session where they were never set.
 */
#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/guc.h"

#include "compat.h"
#include "number_core.h"
#include "pekefb.h"

PG_MODULE_MAGIC;

int			pekefb_min_group_size = 1;

/* pekefb.language: language of the label columns of the views. */
enum
{
	PEKEFB_LANG_FI,
	PEKEFB_LANG_SV,
	PEKEFB_LANG_EN
};
static int	pekefb_language = PEKEFB_LANG_FI;
static const struct config_enum_entry language_options[] = {
	{"fi", PEKEFB_LANG_FI, false},
	{"sv", PEKEFB_LANG_SV, false},
	{"en", PEKEFB_LANG_EN, false},
	{NULL, 0, false}
};

void		_PG_init(void);

void
_PG_init(void)
{
	DefineCustomIntVariable("pekefb.min_group_size",
							"Raises a region's minimum group size for this session.",
							"A region's views use the larger of its settings.min_group_size and "
							"this; a session can raise the minimum, never lower it.",
							&pekefb_min_group_size,
							1, 1, 1000000,
							PGC_USERSET, 0,
							NULL, NULL, NULL);
	DefineCustomEnumVariable("pekefb.language",
							 "Language of the label columns of pekefb's views: fi, sv or en.",
							 NULL,
							 &pekefb_language,
							 PEKEFB_LANG_FI, language_options,
							 PGC_USERSET, 0,
							 NULL, NULL, NULL);
	pekefb_calendar_init();
	MarkGUCPrefixReserved("pekefb");
}

/* min_group_size(): the current pekefb.min_group_size. */
PG_FUNCTION_INFO_V1(pekefb_min_group_size_get);
Datum
pekefb_min_group_size_get(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(pekefb_min_group_size);
}

/* language(): the current pekefb.language as text ('fi', 'sv' or 'en'). */
PG_FUNCTION_INFO_V1(pekefb_language_get);
Datum
pekefb_language_get(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(language_options[pekefb_language].name));
}

/* pekefb_core_errcode: see pekefb.h. */
int
pekefb_core_errcode(int kind)
{
	switch ((CoreErrorKind) kind)
	{
		case CORE_OUT_OF_RANGE:
			return ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
		case CORE_INVALID:
			return ERRCODE_INVALID_PARAMETER_VALUE;
		default:
			return ERRCODE_INVALID_TEXT_REPRESENTATION;
	}
}

/* pekefb_input_error: see pekefb.h. */
void
pekefb_input_error(Node *escontext, int sqlstate, const char *detail, const char *fmt,...)
{
	StringInfoData msg;

	initStringInfo(&msg);
	for (;;)
	{
		va_list		args;
		int			needed;

		va_start(args, fmt);
		needed = appendStringInfoVA(&msg, fmt, args);
		va_end(args);
		if (needed == 0)
			break;
		enlargeStringInfo(&msg, needed);
	}
	pekefb_errsave(escontext,
				   (errcode(sqlstate),
					errmsg_internal("%s", msg.data),
					detail ? errdetail_internal("%s", detail) : 0));
}

/* pekefb_input_error_esc: see pekefb.h. */
void
pekefb_input_error_esc(Node *escontext, const char *typname, const char *str, int kind,
					   const char *detail)
{
	if (kind == CORE_OUT_OF_RANGE)
		pekefb_out_of_range_esc(escontext, typname, str, detail);
	else if (kind == CORE_SYNTAX)
		pekefb_input_error(escontext, pekefb_core_errcode(kind), detail,
						   "invalid input syntax for type %s: \"%s\"", typname, str);
	else
		pekefb_input_error(escontext, pekefb_core_errcode(kind), detail,
						   "invalid value for type %s: \"%s\"", typname, str);
}

/* pekefb_out_of_range_esc: see pekefb.h. */
void
pekefb_out_of_range_esc(Node *escontext, const char *typname, const char *value,
						const char *detail)
{
	pekefb_input_error(escontext, ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, detail,
					   "value \"%s\" is out of range for type %s", value, typname);
}

/* pekefb_report_input_error: see pekefb.h. */
void
pekefb_report_input_error(const char *typname, const char *str, int kind, const char *detail)
{
	pekefb_input_error_esc(NULL, typname, str, kind, detail);
	pg_unreachable();
}

/* pekefb_report_out_of_range: see pekefb.h. */
void
pekefb_report_out_of_range(const char *typname, const char *value, const char *detail)
{
	pekefb_out_of_range_esc(NULL, typname, value, detail);
	pg_unreachable();
}
