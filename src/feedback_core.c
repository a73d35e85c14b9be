/*
 * feedback_core.c: parsing, checking and printing pekefb.feedback values without the server
 * (see feedback_core.h for the binary layout).  cJSON does the JSON syntax; this file does
 * the strict validation of keys, types and ranges, with a detail sentence naming the field.
 */
#include "feedback_core.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const fb_roles[FB_NROLES + 1] = {
	NULL, "client", "child", "parent", "staff", "partner", "other"
};
const char *const fb_channels[FB_NCHANNELS + 1] = {
	NULL, "web", "sms", "paper", "kiosk", "phone", "meeting", "other"
};

/* Known top-level keys, as bits for the duplicate check. */
enum
{
	KEY_ROLE = 1, KEY_CHANNEL = 2, KEY_NPS = 4, KEY_LANG = 8, KEY_ITEMS = 16
};

/* Fills err and returns its status. */
static FbStatus fail(FbError *err, FbStatus status, const char *fmt,...)
			__attribute__((format(printf, 3, 4)));

static FbStatus
fail(FbError *err, FbStatus status, const char *fmt,...)
{
	va_list		ap;

	err->status = status;
	va_start(ap, fmt);
	vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
	va_end(ap);
	return status;
}

/*
 * Copies at most 40 bytes of s into out (41+4 bytes) for quoting in a detail, cut at a UTF-8
 * character boundary and marked with "..." when cut.
 */
static const char *
clip(const char *s, char *out)
{
	size_t		n = strlen(s);

	if (n <= 40)
		return s;
	n = 40;
	while (n > 0 && ((unsigned char) s[n] & 0xC0) == 0x80)
		n--;
	memcpy(out, s, n);
	memcpy(out + n, "...", 4);
	return out;
}

/* The JSON type of a node as a noun for details ("a string", "an array", ...). */
static const char *
json_kind(const cJSON *node)
{
	if (cJSON_IsString(node))
		return "a string";
	if (cJSON_IsNumber(node))
		return "a number";
	if (cJSON_IsBool(node))
		return "a boolean";
	if (cJSON_IsNull(node))
		return "null";
	if (cJSON_IsArray(node))
		return "an array";
	if (cJSON_IsObject(node))
		return "an object";
	return "an invalid value";
}

bool
fb_valid_code(const char *code, size_t len)
{
	if (len < 1 || len > FB_MAX_CODE)
		return false;
	for (size_t i = 0; i < len; i++)
	{
		char		c = code[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
			return false;
	}
	return true;
}

/*
 * Reads an integer in [lo, hi] from a number node.  Integral values written as 9.0 or 9e0
 * are accepted (JSON has one number type); fractions are a syntax error, values outside
 * the range (also huge ones) a range error.
 */
static FbStatus
read_int(const cJSON *node, const char *field, int lo, int hi, bool null_ok,
		 int *out, FbError *err)
{
	double		d;
	const char *what = null_ok ? " or null" : "";

	if (!cJSON_IsNumber(node))
		return fail(err, FB_ERR_SYNTAX,
					"Field \"%s\": expected an integer from %d to %d%s, not %s.",
					field, lo, hi, what, json_kind(node));
	d = node->valuedouble;
	if (!isfinite(d) || fabs(d) > 1e9)
		return fail(err, FB_ERR_RANGE,
					"Field \"%s\": expected an integer from %d to %d%s, not a number that large.",
					field, lo, hi, what);
	if (d != floor(d))
		return fail(err, FB_ERR_SYNTAX,
					"Field \"%s\": expected an integer from %d to %d%s, not %.15g.",
					field, lo, hi, what, d);
	if (d < lo || d > hi)
		return fail(err, FB_ERR_RANGE,
					"Field \"%s\": expected an integer from %d to %d%s, not %.0f.",
					field, lo, hi, what, d);
	*out = (int) d;
	return FB_OK;
}

/* Looks a string node up in a NULL-terminated-from-1 name list; 0 if absent. */
static int
lookup(const char *const *names, int count, const char *s)
{
	for (int i = 1; i <= count; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return 0;
}

/* Parses role or channel. */
static FbStatus
read_enum(const cJSON *node, const char *field, const char *const *names, int count,
		  const char *list, uint8_t *out, FbError *err)
{
	char		buf[48];
	int			i;

	if (!cJSON_IsString(node))
		return fail(err, FB_ERR_SYNTAX, "Field \"%s\": expected one of %s, not %s.",
					field, list, json_kind(node));
	i = lookup(names, count, node->valuestring);
	if (i == 0)
		return fail(err, FB_ERR_SYNTAX, "Field \"%s\": expected one of %s, not \"%s\".",
					field, list, clip(node->valuestring, buf));
	*out = (uint8_t) i;
	return FB_OK;
}

/* Parses lang: 2 or 3 letters a-z. */
static FbStatus
read_lang(const cJSON *node, uint16_t *out, FbError *err)
{
	const char *expect = "Field \"lang\": expected a language code of 2 or 3 lower-case letters "
		"(fi, sv, en, se, smn, sms, ...)";
	char		buf[48];
	const char *s;
	size_t		n;
	uint16_t	v = 0;

	if (!cJSON_IsString(node))
		return fail(err, FB_ERR_SYNTAX, "%s, not %s.", expect, json_kind(node));
	s = node->valuestring;
	n = strlen(s);
	if (n < 2 || n > 3)
		goto bad;
	for (size_t i = 0; i < 3; i++)
	{
		int			c = 0;

		if (i < n)
		{
			if (s[i] < 'a' || s[i] > 'z')
				goto bad;
			c = s[i] - 'a' + 1;
		}
		v = (uint16_t) ((v << 5) | c);
	}
	*out = v;
	return FB_OK;
bad:
	return fail(err, FB_ERR_SYNTAX, "%s, not \"%s\".", expect, clip(s, buf));
}

/* Orders statements bytewise by code (shorter first on a common prefix). */
static int
item_cmp(const void *x, const void *y)
{
	const FbItem *a = x;
	const FbItem *b = y;
	size_t		n = a->len < b->len ? a->len : b->len;
	int			c = memcmp(a->code, b->code, n);

	if (c != 0)
		return c;
	return (int) a->len - (int) b->len;
}

/* Parses the items object. */
static FbStatus
read_items(const cJSON *node, FbValue *v, FbError *err)
{
	char		buf[48];
	char		field[FB_MAX_CODE + 8];
	int			n = 0;

	if (!cJSON_IsObject(node))
		return fail(err, FB_ERR_SYNTAX,
					"Field \"items\": expected an object of statement codes and scores, not %s.",
					json_kind(node));
	for (const cJSON *c = node->child; c != NULL; c = c->next)
	{
		size_t		len = strlen(c->string);
		int			score = FB_DONT_KNOW;
		FbStatus	st;

		if (n == FB_MAX_ITEMS)
			return fail(err, FB_ERR_SYNTAX,
						"Field \"items\": expected at most %d statements, got %d.",
						FB_MAX_ITEMS, cJSON_GetArraySize(node));
		if (!fb_valid_code(c->string, len))
			return fail(err, FB_ERR_SYNTAX,
						"Field \"items\": statement code \"%s\" is invalid; expected 1 to %d characters a-z, 0-9 or _.",
						clip(c->string, buf), FB_MAX_CODE);
		snprintf(field, sizeof(field), "items.%s", c->string);
		if (!cJSON_IsNull(c))
		{
			st = read_int(c, field, 1, 5, true, &score, err);
			if (st != FB_OK)
				return st;
		}
		v->items[n].len = (uint8_t) len;
		v->items[n].score = (uint8_t) score;
		memcpy(v->items[n].code, c->string, len);
		n++;
	}
	qsort(v->items, n, sizeof(FbItem), item_cmp);
	for (int i = 1; i < n; i++)
		if (item_cmp(&v->items[i - 1], &v->items[i]) == 0)
			return fail(err, FB_ERR_SYNTAX,
						"Field \"items\": statement code \"%.*s\" appears more than once.",
						(int) v->items[i].len, v->items[i].code);
	v->nitems = (uint8_t) n;
	return FB_OK;
}

FbStatus
fb_from_json(const cJSON *node, FbValue *v, FbError *err)
{
	unsigned	seen = 0;
	char		buf[48];

	memset(v, 0, offsetof(FbValue, items));
	v->nps = FB_NPS_NONE;
	err->status = FB_OK;
	err->detail[0] = '\0';

	if (!cJSON_IsObject(node))
		return fail(err, FB_ERR_SYNTAX, "Expected a JSON object, not %s.", json_kind(node));

	for (const cJSON *c = node->child; c != NULL; c = c->next)
	{
		const char *k = c->string;
		unsigned	bit;
		FbStatus	st = FB_OK;

		if (strcmp(k, "role") == 0)
			bit = KEY_ROLE;
		else if (strcmp(k, "channel") == 0)
			bit = KEY_CHANNEL;
		else if (strcmp(k, "nps") == 0)
			bit = KEY_NPS;
		else if (strcmp(k, "lang") == 0)
			bit = KEY_LANG;
		else if (strcmp(k, "items") == 0)
			bit = KEY_ITEMS;
		else
			return fail(err, FB_ERR_SYNTAX,
						"Unknown key \"%s\"; expected role, channel, nps, lang or items.",
						clip(k, buf));
		if (seen & bit)
			return fail(err, FB_ERR_SYNTAX, "Key \"%s\" appears more than once.", k);
		seen |= bit;

		/* null is the same as leaving the key out */
		if (cJSON_IsNull(c))
			continue;
		switch (bit)
		{
			case KEY_ROLE:
				st = read_enum(c, "role", fb_roles, FB_NROLES,
							   "client, child, parent, staff, partner, other", &v->role, err);
				break;
			case KEY_CHANNEL:
				st = read_enum(c, "channel", fb_channels, FB_NCHANNELS,
							   "web, sms, paper, kiosk, phone, meeting, other", &v->channel, err);
				break;
			case KEY_NPS:
				{
					int			nps = 0;

					st = read_int(c, "nps", 0, 10, false, &nps, err);
					v->nps = (uint8_t) nps;
					break;
				}
			case KEY_LANG:
				st = read_lang(c, &v->lang, err);
				break;
			case KEY_ITEMS:
				st = read_items(c, v, err);
				break;
		}
		if (st != FB_OK)
			return st;
	}
	if (v->nps == FB_NPS_NONE && v->nitems == 0)
		return fail(err, FB_ERR_SYNTAX,
					"Expected at least one answer: \"nps\" (0 to 10) or a statement in \"items\".");
	return FB_OK;
}

FbStatus
fb_parse(const char *text, FbValue *v, FbError *err)
{
	const char *end = NULL;
	cJSON	   *root;
	FbStatus	st;

	/*
	 * cJSON decodes \u0000 into a NUL that silently cuts the string short; no valid field
	 * can contain it (nor any backslash), so refuse the escape up front.
	 */
	if (strstr(text, "\\u0000") != NULL)
	{
		v->nitems = 0;
		return fail(err, FB_ERR_SYNTAX, "Expected a JSON object without \\u0000 escapes.");
	}
	root = cJSON_ParseWithOpts(text, &end, 1);
	if (root == NULL)
	{
		size_t		pos = end != NULL && end >= text ? (size_t) (end - text) : 0;
		const char *p = text;

		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (*p == '\0')
			return fail(err, FB_ERR_SYNTAX, "Expected a JSON object, not an empty string.");
		return fail(err, FB_ERR_SYNTAX,
					"Expected a JSON object; the text is not valid JSON (error near character %zu).",
					pos + 1);
	}
	st = fb_from_json(root, v, err);
	cJSON_Delete(root);
	return st;
}

size_t
fb_encoded_size(const FbValue *v)
{
	size_t		n = FB_HEADER_SIZE;

	for (int i = 0; i < v->nitems; i++)
		n += 2 + v->items[i].len;
	return n;
}

void
fb_encode(const FbValue *v, uint8_t *out)
{
	uint8_t    *q = out + FB_HEADER_SIZE;

	out[0] = FB_VERSION;
	out[1] = v->role;
	out[2] = v->channel;
	out[3] = v->nps;
	out[4] = (uint8_t) (v->lang >> 8);
	out[5] = (uint8_t) (v->lang & 0xFF);
	out[6] = v->nitems;
	for (int i = 0; i < v->nitems; i++)
	{
		*q++ = v->items[i].len;
		memcpy(q, v->items[i].code, v->items[i].len);
		q += v->items[i].len;
		*q++ = v->items[i].score;
	}
}

bool
fb_lang_text(uint16_t lang, char *out)
{
	int			n = 0;

	if (lang == 0)
		return false;
	for (int shift = 10; shift >= 0; shift -= 5)
	{
		int			c = (lang >> shift) & 31;

		if (c != 0)
			out[n++] = (char) ('a' + c - 1);
	}
	out[n] = '\0';
	return true;
}

/* Whether a stored lang is one that read_lang can produce: 2 or 3 letters, none after a gap. */
static bool
valid_lang(uint16_t lang)
{
	int			c1 = (lang >> 10) & 31,
				c2 = (lang >> 5) & 31,
				c3 = lang & 31;

	if (lang == 0)
		return true;
	if (lang >> 15)
		return false;
	/* two letters are stored in the top two slots */
	return c1 >= 1 && c1 <= 26 && c2 >= 1 && c2 <= 26 && c3 <= 26;
}

bool
fb_check_encoded(const uint8_t *p, size_t len)
{
	const uint8_t *q;
	const uint8_t *end = p + len;
	const uint8_t *prev = NULL;

	if (len < FB_HEADER_SIZE || p[0] != FB_VERSION || p[1] > FB_NROLES ||
		p[2] > FB_NCHANNELS || (p[3] > 10 && p[3] != FB_NPS_NONE) ||
		!valid_lang((uint16_t) ((p[4] << 8) | p[5])) || p[6] > FB_MAX_ITEMS ||
		(p[3] == FB_NPS_NONE && p[6] == 0))
		return false;
	q = p + FB_HEADER_SIZE;
	for (int i = 0; i < p[6]; i++)
	{
		FbItem		a,
					b;

		if (q >= end || q + q[0] + 2 > end || !fb_valid_code((const char *) q + 1, q[0]) ||
			q[1 + q[0]] > 5)
			return false;
		if (prev != NULL)
		{
			a.len = prev[0];
			memcpy(a.code, prev + 1, a.len);
			b.len = q[0];
			memcpy(b.code, q + 1, b.len);
			if (item_cmp(&a, &b) >= 0)
				return false;
		}
		prev = q;
		q += q[0] + 2;
	}
	return q == end;
}

size_t
fb_print(const uint8_t *p, size_t len, char *out)
{
	char	   *o = out;
	const char *sep = "";
	const uint8_t *q;
	char		lang[4];

	*o++ = '{';
	if (p[1] != 0)
	{
		o += sprintf(o, "%s\"role\":\"%s\"", sep, fb_roles[p[1]]);
		sep = ",";
	}
	if (p[2] != 0)
	{
		o += sprintf(o, "%s\"channel\":\"%s\"", sep, fb_channels[p[2]]);
		sep = ",";
	}
	if (p[3] != FB_NPS_NONE)
	{
		o += sprintf(o, "%s\"nps\":%d", sep, p[3]);
		sep = ",";
	}
	if (fb_lang_text((uint16_t) ((p[4] << 8) | p[5]), lang))
	{
		o += sprintf(o, "%s\"lang\":\"%s\"", sep, lang);
		sep = ",";
	}
	if (p[6] > 0)
	{
		o += sprintf(o, "%s\"items\":{", sep);
		q = p + FB_HEADER_SIZE;
		for (int i = 0; i < p[6] && q < p + len; i++)
		{
			int			l = q[0];
			int			s = q[1 + l];

			if (s == FB_DONT_KNOW)
				o += sprintf(o, "%s\"%.*s\":null", i ? "," : "", l, (const char *) q + 1);
			else
				o += sprintf(o, "%s\"%.*s\":%d", i ? "," : "", l, (const char *) q + 1, s);
			q += l + 2;
		}
		*o++ = '}';
	}
	*o++ = '}';
	*o = '\0';
	return (size_t) (o - out);
}
